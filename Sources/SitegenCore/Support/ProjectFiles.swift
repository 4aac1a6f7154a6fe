import Foundation

/// How sitegen reads the project's own files (content, templates, assets): regular files and
/// folders only, never through a symbolic link (which could publish any file of the machine,
/// `~/.ssh` or `/etc/passwd`) and never a FIFO or device (which would hang the build). The
/// folders given on the command line are held to the same rule as what is inside them.
enum ProjectFiles {
    /// What is at a path, without following a link there.
    enum Entry: Equatable {
        case missing, file, folder, link, special
    }

    static func entry(_ path: String) -> Entry {
        var info = stat()
        // A trailing '/' would make lstat follow a link: `Templates/` is looked at as `Templates`.
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        guard lstat(String(path), &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .link
        default: return .special
        }
    }

    /// An error when the folder `path` (the content or templates folder, `assets/`) is a
    /// symbolic link or not a folder; nil when it is a folder or missing.
    static func folderProblem(_ path: String, what: String) -> Diagnostic? {
        // Worked out by name first: `Templates/.` or `Templates/partials/..` is `Templates`,
        // which lstat would otherwise see through.
        switch entry(absolutePath(path)) {
        case .missing, .folder: return nil
        case .link:
            return .error(
                "load.symlink", "the \(what) '\(path)' is a symbolic link; sitegen reads only folders inside the project",
                hint: "copy the folder into the project instead of linking to it")
        case .file, .special:
            return .error("load.special-file", "the \(what) '\(path)' is not a folder")
        }
    }

    struct Unreadable: Error, CustomStringConvertible {
        let description: String
    }

    /// The bytes of the regular file at `path`: one `read` into a buffer of the file's size.
    /// It is opened without following a link and without waiting on a FIFO, even if one
    /// replaced the file since it was listed.
    static func read(_ path: String) -> Result<[UInt8], Unreadable> {
        func failed(_ error: Int32) -> Result<[UInt8], Unreadable> {
            .failure(Unreadable(description: String(cString: strerror(error))))
        }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return failed(errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return failed(errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { return .failure(Unreadable(description: "not a regular file")) }
        let size = Int(info.st_size)
        var error: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            guard let base = buffer.baseAddress else { return }
            while count < size {
                let n = Foundation.read(fd, base + count, size - count)
                if n > 0 {
                    count += n
                } else if n == 0 || errno != EINTR {
                    if n < 0 { error = errno }
                    return
                }
            }
        }
        return error == 0 ? .success(bytes) : failed(error)
    }
}

extension ProjectFiles {
    /// Everything below `folder` by path relative to it, sorted, without following links: a
    /// link is listed as `.link` and not entered. Folders for which `enter` is false are listed
    /// but not entered. Walked with a list, not recursion.
    static func walk(_ folder: String, enter: (String) -> Bool = { _ in true }) -> [(path: String, entry: Entry)] {
        var found: [(path: String, entry: Entry)] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let here = relative.isEmpty ? folder : join(folder, relative)
            guard entry(here) == .folder else { continue }
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: here)) ?? []) {
                let path = relative.isEmpty ? name : relative + "/" + name
                let kind = entry(join(folder, path))
                found.append((path, kind))
                if kind == .folder && enter(path) { pending.append(path) }
            }
        }
        return found.sorted { $0.path < $1.path }
    }
}
