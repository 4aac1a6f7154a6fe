import CSupervise
import Foundation

/// A program sitegen runs as a tool (Pagefind, Python to find Pagefind): never as code the
/// project can steer. It starts in an empty folder of its own (so nothing in the project folder
/// is on its path or read as its configuration), as the leader of its own process group, with
/// no descriptor of sitegen's but its output; it is given a time limit after which the whole
/// group is killed, and on Linux it is killed when sitegen dies, even by SIGKILL.
struct SupervisedProcess {
    enum Outcome: Equatable {
        case exited(Int32)
        case signalled(Int32)
        /// Killed (with its process group) when its time was up.
        case timedOut
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// At most this much of what it printed is kept: its last lines say why it failed.
    static let keptOutput = 64 * 1024

    /// Runs `executable` (an absolute path) with `arguments` and exactly `environment`, waits
    /// at most `timeout` (nil: without a limit), and returns how it ended and the end of what it
    /// printed on standard output and standard error.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String], timeout: Duration?
    ) throws -> (outcome: Outcome, output: String) {
        var template = Array((NSTemporaryDirectory() + "/sitegen-tool-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure(description: "cannot make a working folder: \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: made)
        defer { rmdir(folder) }
        // Its output goes to a file with no name (nothing left behind, nothing to read it from
        // the folder), read once it has stopped: no pipe that a lingering child keeps open.
        let logPath = folder + "/.output"
        let log = open(logPath, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard log >= 0 else {
            throw Failure(description: "cannot make a file for its output: \(String(cString: strerror(errno)))")
        }
        unlink(logPath)
        defer { close(log) }

        let argv = [executable] + arguments
        let envp = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let pid = withCStrings(argv) { argv in
            withCStrings(envp) { envp in
                sitegen_spawn_supervised(executable, argv, envp, folder, log)
            }
        }
        guard pid > 0 else {
            throw Failure(description: String(cString: strerror(-pid)))
        }
        var status: Int32 = 0
        let milliseconds = timeout.map { limit -> Int in
            let (ms, overflow) = Int(limit.components.seconds).multipliedReportingOverflow(by: 1000)
            return overflow || ms < 0 ? Int.max : ms + Int(limit.components.attoseconds / 1_000_000_000_000_000)
        } ?? -1
        let waited = sitegen_wait_supervised(pid, milliseconds, &status)
        guard waited >= 0 else {
            throw Failure(description: "waiting for it failed: \(String(cString: strerror(-waited)))")
        }
        let outcome: Outcome
        if waited == 0 {
            outcome = .timedOut
        } else if status & 0x7f == 0 {
            outcome = .exited((status >> 8) & 0xff)
        } else {
            outcome = .signalled(status & 0x7f)
        }
        return (outcome, tail(of: log))
    }

    /// The last `keptOutput` bytes written to `fd`, as text.
    private static func tail(of fd: Int32) -> String {
        let size = Int(lseek(fd, 0, SEEK_END))
        guard size > 0 else { return "" }
        let start = max(0, size - keptOutput)
        var bytes = [UInt8](repeating: 0, count: size - start)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, off_t(start)) }
        return String(decoding: bytes.prefix(max(0, n)), as: UTF8.self)
    }

    /// `strings` as a NULL-terminated array of C strings, for `body`.
    private static func withCStrings<R>(
        _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
    ) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
