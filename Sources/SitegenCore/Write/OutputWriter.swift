import Foundation

/// The write stage: the site is built into a staging folder beside the output, then swapped in.
///
/// A failed build never touches the output folder. The output is only ever replaced when it is
/// empty or holds a marker file that an earlier sitegen build wrote, so `--output ~` cannot wipe
/// a home folder.
public struct OutputWriter: Sendable {
    public static let markerName = ".sitegen-output"
    static let markerText = "This folder is built by sitegen and replaced on every build.\n"

    public let outputDirectory: String

    public init(outputDirectory: String) {
        var path = outputDirectory
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        self.outputDirectory = path
    }

    private var parent: String { (outputDirectory as NSString).deletingLastPathComponent.nonEmpty ?? "." }
    private var name: String { (outputDirectory as NSString).lastPathComponent }
    /// Staging folders are `.Public.sitegen-staging-XXXXXX`, unique to each build.
    var stagingPrefix: String { ".\(name).sitegen-staging-" }
    var retiredDirectory: String { join(parent, ".\(name).sitegen-previous") }
    /// The file `OutputLock` locks: beside the output, since the output itself is replaced.
    var lockFile: String { join(parent, ".\(name).sitegen-lock") }

    /// Checks the output folder may be replaced; returns an error diagnostic when it may not.
    public func checkReplaceable() -> Diagnostic? {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: outputDirectory, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else {
            return .error(
                "write.not-a-folder", "output '\(outputDirectory)' exists and is not a folder",
                hint: "pass --output with a folder name")
        }
        let entries = (try? fm.contentsOfDirectory(atPath: outputDirectory)) ?? []
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
        let staging = StagingFolder(path: String(cString: made))
        try staging.write(OutputFile(path: Self.markerName, contents: Self.markerText))
        return staging
    }

    /// Replaces the output folder with the staging folder: in one atomic exchange where the
    /// system has one (Linux `renameat2(RENAME_EXCHANGE)`), so a build killed at any moment
    /// leaves the old site or the new one, never none; elsewhere with two renames.
    public func commit(_ staging: StagingFolder) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: outputDirectory), Self.exchange(staging.path, outputDirectory) {
            // The staging path now holds the previous site.
            try? fm.removeItem(atPath: staging.path)
            return
        }
        if fm.fileExists(atPath: retiredDirectory) {
            guard fm.fileExists(atPath: join(retiredDirectory, Self.markerName)) else {
                throw WriteError(
                    message: "'\(retiredDirectory)' is in the way and was not made by sitegen; move it elsewhere")
            }
            try fm.removeItem(atPath: retiredDirectory)
        }
        let hadOutput = fm.fileExists(atPath: outputDirectory)
        if hadOutput { try fm.moveItem(atPath: outputDirectory, toPath: retiredDirectory) }
        do {
            try fm.moveItem(atPath: staging.path, toPath: outputDirectory)
        } catch {
            if hadOutput { try? fm.moveItem(atPath: retiredDirectory, toPath: outputDirectory) }
            throw error
        }
        if hadOutput { try? fm.removeItem(atPath: retiredDirectory) }
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

    public func discard(_ staging: StagingFolder) {
        try? FileManager.default.removeItem(atPath: staging.path)
    }
}

/// The folder a build writes into before it is swapped in.
public struct StagingFolder: Sendable {
    public let path: String

    /// Creates every folder the given files will be written into: parents first, then the
    /// many page folders on every core (one `mkdir` each is slow on some file systems).
    public func createFolders(for paths: [String], jobs: Int) throws {
        var folders: Set<String> = []
        for file in paths {
            // Every ancestor too: events/x/ needs events/, which has no page of its own.
            var parts = file.split(separator: "/").dropLast()
            while !parts.isEmpty, folders.insert(parts.joined(separator: "/")).inserted { parts = parts.dropLast() }
        }
        let byDepth = Dictionary(grouping: folders) { $0.split(separator: "/").count }
        for depth in byDepth.keys.sorted() {
            let level = byDepth[depth]!.sorted().map { join(path, $0) }
            let failures = parallelMap(level.count, jobs: jobs) { i -> String? in
                mkdir(level[i], 0o755) == 0 || errno == EEXIST
                    ? nil : "\(level[i]): \(String(cString: strerror(errno)))"
            }.compactMap { $0 }
            if let failed = failures.first {
                throw WriteError(message: "could not create the folder \(failed)")
            }
        }
    }

    /// Writes a file with plain POSIX calls: no temporary copy and no fsync per file, since the
    /// whole folder is swapped in at the end (and a crash leaves only a staging folder behind).
    public func write(_ file: OutputFile, creatingFolder: Bool = true) throws {
        let target = join(path, file.path)
        if creatingFolder {
            try FileManager.default.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target]) }
        defer { close(fd) }
        var contents = file.contents
        try contents.withUTF8 { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fd, base + offset, buffer.count - offset)
                guard written > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target]) }
                offset += written
            }
        }
    }

    /// Copies the files `Assets.files(in: folder)` listed to `assets/`.
    func copyAssets(_ files: [String], from folder: String) throws -> Int {
        let fm = FileManager.default
        for relative in files {
            let target = join(join(path, "assets"), relative)
            try fm.createDirectory(
                atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try fm.copyItem(atPath: join(folder, relative), toPath: target)
        }
        return files.count
    }
}

/// The files of `Templates/assets/` a site publishes under `assets/`.
enum Assets {
    /// Paths below `folder`, sorted, of the files to publish: regular files only, no dot-files.
    /// Symbolic links (which could publish any file of the machine) and special files (a FIFO
    /// would hang the copy) are left out, each with a warning.
    static func files(in folder: String) -> (files: [String], warnings: [Diagnostic]) {
        let fm = FileManager.default
        guard fm.fileExists(atPath: folder) else { return ([], []) }
        var files: [String] = []
        var warnings: [Diagnostic] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let entries = ((try? fm.contentsOfDirectory(atPath: join(folder, relative))) ?? []).sorted()
            for name in entries where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(join(folder, path), &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFREG: files.append(path)
                case S_IFDIR: pending.append(path)
                case S_IFLNK:
                    warnings.append(
                        .warning(
                            "assets.symlink", "'\(join(folder, path))' is a symbolic link and is not published",
                            hint: "copy the file itself into the assets folder"))
                default:
                    warnings.append(
                        .warning("assets.special-file", "'\(join(folder, path))' is not a regular file and is not published"))
                }
            }
        }
        return (files.sorted(), warnings)
    }
}
