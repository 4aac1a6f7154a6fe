import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Watches folders (and every folder below them) and reports the paths that changed, a burst
/// at a time: editors save through a temporary file and a rename, several events for one
/// save, so events are gathered until `quiet` passes without another.
///
/// Linux uses inotify; elsewhere (or if inotify is refused) the folders are scanned twice a
/// second for changed sizes and modification times.
final class FileWatcher: Sendable {
    private let folders: [String]
    private let quiet: Duration
    private let onChange: @Sendable (Set<String>) -> Void

    init(folders: [String], quiet: Duration = .milliseconds(8), onChange: @escaping @Sendable (Set<String>) -> Void) {
        self.folders = folders
        self.quiet = quiet
        self.onChange = onChange
    }

    /// Starts watching: the folders are being watched when this returns (a save right after
    /// is seen); changes are reported from a thread of its own, for as long as the process runs.
    func start() {
        #if os(Linux)
            if let watches = InotifyWatches(folders: folders) {
                let thread = Thread { [self] in watchWithInotify(watches) }
                thread.name = "sitegen file watcher"
                thread.start()
                return
            }
        #endif
        let before = snapshot()
        let thread = Thread { [self] in watchByScanning(from: before) }
        thread.name = "sitegen file watcher"
        thread.start()
    }

    #if os(Linux)
        /// An inotify instance and the folders it watches, each folder below the given ones too.
        final class InotifyWatches: @unchecked Sendable {
            // Used by one thread at a time: `start()` until the watcher thread starts, then it.
            let fd: Int32
            var watched: [Int32: String] = [:]
            let mask = UInt32(
                IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB
                    | IN_DELETE_SELF)

            init?(folders: [String]) {
                fd = inotify_init1(Int32(IN_CLOEXEC))
                guard fd >= 0 else { return nil }
                for folder in folders { watch(folder) }
            }

            func watch(_ folder: String) {
                let wd = inotify_add_watch(fd, folder, mask)
                if wd >= 0 { watched[wd] = folder }
                var pending = [folder]
                while let next = pending.popLast() {
                    for entry in (try? FileManager.default.contentsOfDirectory(atPath: next)) ?? [] {
                        let path = join(next, entry)
                        var info = stat()
                        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
                        let wd = inotify_add_watch(fd, path, mask)
                        if wd >= 0 { watched[wd] = path }
                        pending.append(path)
                    }
                }
            }
        }

        private func watchWithInotify(_ watches: InotifyWatches) {
            let fd = watches.fd
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            var pending: Set<String> = []
            let quietMilliseconds = Int32(quiet.components.seconds * 1000 + quiet.components.attoseconds / 1_000_000_000_000_000)
            while true {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, pending.isEmpty ? -1 : quietMilliseconds)
                if ready < 0 {
                    if errno == EINTR { continue }
                    return
                }
                if ready == 0 {
                    onChange(pending)
                    pending = []
                    continue
                }
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                guard count > 0 else { continue }
                var offset = 0
                let headerSize = MemoryLayout<inotify_event>.size
                while offset + headerSize <= count {
                    let (wd, eventMask, length) = buffer.withUnsafeBytes { raw in
                        let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                        return (event.wd, event.mask, Int(event.len))
                    }
                    let nameBytes = buffer[(offset + headerSize)..<min(count, offset + headerSize + length)]
                    let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                    offset += headerSize + length
                    // Events were lost: rebuild anyway, and let sizes and times say what changed.
                    if eventMask & UInt32(IN_Q_OVERFLOW) != 0 { pending.formUnion(folders) }
                    guard let folder = watches.watched[wd] else { continue }
                    let path = name.isEmpty ? folder : join(folder, name)
                    pending.insert(path)
                    if eventMask & UInt32(IN_ISDIR) != 0 && eventMask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                        watches.watch(path)
                        // Files may land in the new folder before its watch exists.
                        for entry in (try? FileManager.default.subpathsOfDirectory(atPath: path)) ?? [] {
                            pending.insert(join(path, entry))
                        }
                    }
                    if eventMask & UInt32(IN_IGNORED) != 0 { watches.watched[wd] = nil }
                }
            }
        }
    #endif

    private func snapshot() -> [String: [Int]] {
        var stamps: [String: [Int]] = [:]
        for folder in folders {
            for entry in (FileManager.default.subpaths(atPath: folder) ?? []) {
                var info = stat()
                let path = join(folder, entry)
                if stat(path, &info) == 0 {
                    stamps[path] = [
                        Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ino),
                    ]
                }
            }
        }
        return stamps
    }

    private func watchByScanning(from before: [String: [Int]]) {
        var last = before
        while true {
            Thread.sleep(forTimeInterval: 0.5)
            let now = snapshot()
            let changed = Set(now.keys).union(last.keys).filter { now[$0] != last[$0] }
            if !changed.isEmpty { onChange(changed) }
            last = now
        }
    }
}

func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
}
