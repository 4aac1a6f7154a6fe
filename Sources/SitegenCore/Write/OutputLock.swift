import Foundation

/// An exclusive lock on an output folder, held from before the staging folder is made until
/// the new site is swapped in, so two builds into the same folder never mix their files.
///
/// It is an `flock(2)` on a file beside the output (`.Public.sitegen-lock`): the kernel releases
/// it when the process ends, however it ends, so a killed build never leaves a stale lock.
public final class OutputLock: Sendable {
    private let fd: Int32
    public let path: String

    /// Takes the lock for `outputDirectory`; when another process holds it, calls `waiting`
    /// once and blocks until that process is done. Throws when the lock file cannot be opened.
    public init(outputDirectory: String, waiting: () -> Void = {}) throws {
        let writer = OutputWriter(outputDirectory: outputDirectory)
        path = writer.lockFile
        // `--output out/site` with no `out/` yet: the folder the lock and the site go in is made.
        try? FileManager.default.createDirectory(atPath: writer.parentFolder, withIntermediateDirectories: true)
        // Not through a link: a project could ship `.Public.sitegen-lock` pointing anywhere.
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            if errno == ELOOP {
                throw WriteError(message: "the lock file '\(path)' is a symbolic link; sitegen does not follow it (delete it)")
            }
            throw WriteError(message: "cannot open the lock file '\(path)': \(String(cString: strerror(errno)))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw WriteError(message: "cannot lock '\(path)': \(reason)")
            }
            waiting()
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    throw WriteError(message: "cannot lock '\(path)': \(reason)")
                }
            }
        }
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
