import Foundation

/// The write stage: the site is built into a staging folder beside the output, then swapped in.
///
/// A failed build never touches the output folder. The output is only ever replaced when it is
/// empty or holds a marker file that an earlier sitegen build wrote, so `--output ~` cannot wipe
/// a home folder.
///
/// The site a build replaces is not deleted: it is kept beside the output as the *spare*
/// (`.Public.sitegen-spare`), and the next build stages into it. Its folders are already there
/// and a file whose bytes did not change is left as it is (same inode, same modification time,
/// so `rsync` and CDNs see it unchanged); only new and changed files are written and files the
/// new site does not have are removed. On a disk, creating and deleting tens of thousands of
/// folders and files is most of a build's time (ext4 even scans past inodes freed in the last
/// minutes when it allocates new ones), so a rebuild that reuses them is faster than a first
/// build, and the old site is not deleted while the command runs.
public struct OutputWriter: Sendable {
    public static let markerName = ".sitegen-output"
    static let markerText = "This folder is built by sitegen and replaced on every build.\n"

    /// The output folder as given, for messages.
    public let outputDirectory: String
    /// The folder the output is in and its name, from the output's absolute path
    /// (`absolutePath`): `Public/.` is `Public`, `.` is the working folder's own name.
    private let parent: String
    private let name: String

    public init(outputDirectory: String) {
        self.outputDirectory = outputDirectory
        let absolute = absolutePath(outputDirectory)
        let slash = absolute.utf8.lastIndex(of: UInt8(ascii: "/"))!
        self.parent = slash == absolute.startIndex ? "/" : String(absolute[..<slash])
        self.name = String(absolute[absolute.index(after: slash)...])
    }

    /// The folder the output is in, absolute.
    var parentFolder: String { parent }
    /// The output folder itself, absolute.
    var location: String { join(parent, name) }
    /// Staging folders are `.Public.sitegen-staging-XXXXXX`, unique to each build.
    var stagingPrefix: String { ".\(name).sitegen-staging-" }
    var retiredDirectory: String { join(parent, ".\(name).sitegen-previous") }
    /// The site before the current one, kept to stage the next build into.
    var spareDirectory: String { join(parent, ".\(name).sitegen-spare") }
    /// The file `OutputLock` locks: beside the output, since the output itself is replaced.
    var lockFile: String { join(parent, ".\(name).sitegen-lock") }

    /// Checks the output folder may be replaced; returns an error diagnostic when it may not.
    public func checkReplaceable() -> Diagnostic? {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: location, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else {
            return .error(
                "write.not-a-folder", "output '\(outputDirectory)' exists and is not a folder",
                hint: "pass --output with a folder name")
        }
        let entries = (try? fm.contentsOfDirectory(atPath: location)) ?? []
        if entries.isEmpty || entries.contains(Self.markerName) { return nil }
        return .error(
            "write.unsafe-output",
            "refusing to replace '\(outputDirectory)': it is not empty and was not built by sitegen",
            hint:
                "choose an empty or new folder with --output; sitegen only replaces folders holding its \(Self.markerName) marker"
        )
    }

    /// A fresh staging folder with a name of its own, with the marker already in it. Call it
    /// while holding the `OutputLock`: staging folders a killed build left behind are removed
    /// first, but only those holding sitegen's marker.
    public func beginStaging() throws -> StagingFolder {
        let fm = FileManager.default
        for entry in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(stagingPrefix) {
            let leftOver = join(parent, entry)
            if fm.fileExists(atPath: join(leftOver, Self.markerName)) { try? fm.removeItem(atPath: leftOver) }
        }
        try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        var template = Array(join(parent, stagingPrefix + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let made else {
            throw WriteError(message: "cannot create a staging folder beside '\(outputDirectory)': \(String(cString: strerror(errno)))")
        }
        chmod(made, 0o755)
        let path = String(cString: made)
        // The spare, if sitegen made it, replaces the empty folder just made (rename(2) may
        // replace an empty folder), so the staging folder keeps a name of its own.
        // (Only a real folder: a spare that is a link would have the next build prune the
        // folder it points to.)
        let reused =
            ProjectFiles.entry(spareDirectory) == .folder && fm.fileExists(atPath: join(spareDirectory, Self.markerName))
            && rename(spareDirectory, path) == 0
        let staging = StagingFolder(path: path, isReused: reused)
        try staging.write(OutputFile(path: Self.markerName, contents: Self.markerText))
        return staging
    }

    /// Keeps `folder` (a staging folder, or the site a commit replaced) as the spare, or
    /// removes it when there is one already.
    private func keepAsSpare(_ folder: String) {
        let fm = FileManager.default
        if !fm.fileExists(atPath: spareDirectory), rename(folder, spareDirectory) == 0 { return }
        try? fm.removeItem(atPath: folder)
    }

    /// Replaces the output folder with the staging folder: in one atomic exchange where the
    /// system has one (Linux `renameat2(RENAME_EXCHANGE)`), so a build killed at any moment
    /// leaves the old site or the new one, never none; elsewhere with two renames.
    public func commit(_ staging: StagingFolder) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: location), Self.exchange(staging.path, location) {
            // The staging path now holds the previous site: the next build's staging folder.
            keepAsSpare(staging.path)
            return
        }
        if fm.fileExists(atPath: retiredDirectory) {
            guard fm.fileExists(atPath: join(retiredDirectory, Self.markerName)) else {
                throw WriteError(
                    message: "'\(retiredDirectory)' is in the way and was not made by sitegen; move it elsewhere")
            }
            try fm.removeItem(atPath: retiredDirectory)
        }
        let hadOutput = fm.fileExists(atPath: location)
        if hadOutput { try fm.moveItem(atPath: location, toPath: retiredDirectory) }
        do {
            try fm.moveItem(atPath: staging.path, toPath: location)
        } catch {
            if hadOutput { try? fm.moveItem(atPath: retiredDirectory, toPath: location) }
            throw error
        }
        if hadOutput { keepAsSpare(retiredDirectory) }
    }

    /// Swaps two paths atomically; false when the system or file system cannot.
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
            // glibc has renameat2 since 2.28, but Swift's Glibc module does not show it.
            typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let renameExchange: UInt32 = 1 << 1
            return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
            return false
        #endif
    }

    /// A failed build's staging folder: kept as the spare, since the next build rewrites
    /// whatever in it differs.
    public func discard(_ staging: StagingFolder) {
        keepAsSpare(staging.path)
    }
}

/// The folder a build writes into before it is swapped in.
public struct StagingFolder: Sendable {
    public let path: String
    /// Whether it is an earlier site (the spare) rather than a new empty folder: then a file is
    /// compared with what is there before it is written.
    public var isReused = false

    /// Removes from a reused staging folder every file and folder that is not one of `files`
    /// (paths below it) or one of their folders, without following symbolic links. A new folder
    /// has nothing to remove.
    public func prune(keeping files: Set<String>) {
        guard isReused else { return }
        let folders = Self.folders(of: files)
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? path : join(path, relative)
            guard let dir = opendir(folder) else { continue }
            var entries: [(name: String, isFolder: Bool, isFile: Bool)] = []
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_DIR): entries.append((name, true, false))
                case Int32(DT_REG): entries.append((name, false, true))
                case Int32(DT_UNKNOWN):
                    // (Some file systems do not say: then lstat does.)
                    let kind = ProjectFiles.entry(join(folder, name))
                    entries.append((name, kind == .folder, kind == .file))
                default: entries.append((name, false, false))
                }
            }
            closedir(dir)
            for (name, isFolder, isFile) in entries {
                let child = relative.isEmpty ? name : relative + "/" + name
                if isFolder && folders.contains(child) {
                    pending.append(child)
                } else if isFile && files.contains(child) {
                    // (A link or special file of a kept name is removed: the site's file is
                    // written in its place. A spare shipped with `index.html` a link failed
                    // every build after.)
                    continue
                } else if isFolder {
                    try? FileManager.default.removeItem(atPath: join(path, child))
                } else {
                    unlink(join(path, child))
                }
            }
        }
    }

    /// The folders files at `paths` are in, and every ancestor of them: `events/x/index.html`
    /// needs `events/x` and `events`, which has no page of its own.
    /// (Paths are made by sitegen: no empty parts, no leading `/`.)
    static func folders(of paths: some Sequence<String>) -> Set<String> {
        var folders: Set<String> = []
        for file in paths {
            var folder = file.utf8.lastIndex(of: UInt8(ascii: "/")).map { file[..<$0] }
            while let f = folder, folders.insert(String(f)).inserted {
                folder = f.utf8.lastIndex(of: UInt8(ascii: "/")).map { f[..<$0] }
            }
        }
        return folders
    }

    /// `folders` in an order where each comes after its parent: by length.
    static func parentsFirst(_ folders: Set<String>) -> [String] {
        folders.sorted { ($0.utf8.count, $0) < ($1.utf8.count, $1) }
    }

    /// Makes the folder `relative` (below this one) and any of its parents missing. Several
    /// threads may make the same folders at once: one that is there already is fine.
    func makeFolder(_ relative: Substring) throws {
        let target = join(path, String(relative))
        if mkdir(target, 0o755) == 0 || errno == EEXIST { return }
        if errno == ENOENT, let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/")) {
            try makeFolder(relative[..<slash])
            if mkdir(target, 0o755) == 0 || errno == EEXIST { return }
        }
        throw WriteError(message: "could not create the folder \(target): \(String(cString: strerror(errno)))")
    }

    /// Writes a file with plain POSIX calls: no temporary copy and no fsync per file, since the
    /// whole folder is swapped in at the end (and a crash leaves only a staging folder behind).
    /// In a reused folder, a file whose bytes are already there is left as it is; a changed
    /// one is truncated and written in place (same inode). A file whose folder is missing has it
    /// made then (by whichever thread writes there first), not all folders before the first
    /// file on one thread. Returns whether it wrote.
    @discardableResult
    public func write(_ file: OutputFile) throws -> Bool {
        var contents = file.contents
        return try contents.withUTF8 { try write(bytes: $0, to: file.path) }
    }

    @discardableResult
    func write(bytes buffer: UnsafeBufferPointer<UInt8>, to relative: String) throws -> Bool {
        let target = join(path, relative)
        func failed() -> Error { WriteError(message: String(cString: strerror(errno))) }
        var fd: Int32 = -1
        if isReused {
            fd = open(target, O_RDWR | O_NOFOLLOW)
            if fd >= 0 {
                if Self.holds(fd, buffer) {
                    close(fd)
                    return false
                }
                guard ftruncate(fd, 0) == 0 else {
                    close(fd)
                    throw failed()
                }
            }
        }
        if fd < 0 { fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o644) }
        if fd < 0, errno == ENOENT, let slash = relative.utf8.lastIndex(of: UInt8(ascii: "/")) {
            try makeFolder(relative[..<slash])
            fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o644)
        }
        guard fd >= 0 else { throw failed() }
        defer { close(fd) }
        guard let base = buffer.baseAddress else { return true }
        var offset = 0
        while offset < buffer.count {
            let written = pwrite(fd, base + offset, buffer.count - offset, off_t(offset))
            guard written > 0 else { throw failed() }
            offset += written
        }
        return true
    }

    /// Whether the open file `fd` holds exactly `bytes`: the same size, then the same bytes.
    private static func holds(_ fd: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == bytes.count else {
            return false
        }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return true }
        var existing = [UInt8](repeating: 0, count: bytes.count)
        var offset = 0
        while offset < bytes.count {
            let n = existing.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + offset, bytes.count - offset, off_t(offset)) }
            guard n > 0 else { return false }
            offset += n
        }
        return existing.withUnsafeBytes { memcmp($0.baseAddress!, base, bytes.count) == 0 }
    }

    /// Copies the files `Assets.files(in: folder)` listed to `assets/` (in a reused folder,
    /// only those that changed).
    func copyAssets(_ files: [String], from folder: String) throws -> Int {
        for relative in files {
            let bytes = try Assets.read(relative, in: folder)
            _ = try bytes.withUnsafeBufferPointer { try write(bytes: $0, to: "assets/" + relative) }
        }
        return files.count
    }
}

/// The files of `Templates/assets/` a site publishes under `assets/`.
enum Assets {
    /// Paths below `folder`, sorted, of the files to publish: regular files only, no dot-files.
    /// Symbolic links (which could publish any file of the machine) and special files (a FIFO
    /// would hang the copy) are left out, each with a warning; the folder itself a link is an
    /// error, and nothing in it is published.
    static func files(in folder: String) -> (files: [String], problems: [Diagnostic]) {
        if let problem = ProjectFiles.folderProblem(folder, what: "assets folder") { return ([], [problem]) }
        var files: [String] = []
        var problems: [Diagnostic] = []
        let hidden = { (path: String) in path.split(separator: "/").contains { $0.hasPrefix(".") } }
        for (path, entry) in ProjectFiles.walk(folder, enter: { !hidden($0) }) where !hidden(path) {
            switch entry {
            case .file: files.append(path)
            case .folder, .missing: continue
            case .link:
                problems.append(
                    .warning(
                        "assets.symlink", "'\(join(folder, path))' is a symbolic link and is not published",
                        hint: "copy the file itself into the assets folder"))
            case .special:
                problems.append(
                    .warning("assets.special-file", "'\(join(folder, path))' is not a regular file and is not published"))
            }
        }
        return (files, problems)
    }

    /// The bytes of the asset `relative` below `folder`, read without following a link.
    static func read(_ relative: String, in folder: String) throws -> [UInt8] {
        try ProjectFiles.read(join(folder, relative)).mapError {
            WriteError(message: "cannot read the asset '\(join(folder, relative))': \($0.description)")
        }.get()
    }
}
