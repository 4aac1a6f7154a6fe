import Foundation

/// A content file found on disk, with the kind and slug its place gives it.
public struct ContentFile: Sendable {
    public let kind: ContentKind
    public let slug: String
    public let source: SourceFile

    public var id: DocumentID { DocumentID(kind, slug) }
}

/// What the load stage found: the files to parse, in a fixed order, and its warnings and errors.
public struct LoadedContent: Sendable {
    public var site: SourceFile?
    public var files: [ContentFile]
    public var diagnostics: [Diagnostic]
}

/// Finds `site.md` and the `.md` files in each content folder; checks file names are slugs.
public struct ContentLoader: Sendable {
    /// The content folder as given by the user; diagnostics show paths below it.
    public let contentDirectory: String
    /// How many files are read at once.
    public let jobs: Int

    public init(contentDirectory: String, jobs: Int = 1) {
        self.contentDirectory = contentDirectory
        self.jobs = jobs
    }

    /// A content file found in a folder, not read yet.
    public struct FoundFile: Sendable {
        let kind: ContentKind
        let slug: String
        let path: String
    }

    /// Reads `site.md` and lists the content files in a fixed order, checking their names; the
    /// content files themselves are read with `read(_:)`.
    public func discover() -> (LoadedContent, [FoundFile]) {
        var result = LoadedContent(site: nil, files: [], diagnostics: [])
        let fm = FileManager.default
        if let problem = ProjectFiles.folderProblem(contentDirectory, what: "content folder") {
            result.diagnostics.append(problem)
            return (result, [])
        }
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: contentDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            result.diagnostics.append(
                .error(
                    "load.no-content", "content folder '\(contentDirectory)' does not exist",
                    hint: "run sitegen in the project folder, or pass --content DIR"))
            return (result, [])
        }
        let sitePath = join(contentDirectory, "site.md")
        if let problem = Self.notRegular(sitePath) {
            result.diagnostics.append(problem)
        } else if let text = Self.read(sitePath, into: &result.diagnostics) {
            result.site = SourceFile(path: sitePath, text: text)
        } else if !fm.fileExists(atPath: sitePath) {
            result.diagnostics.append(
                .error(
                    "load.no-site", "'\(sitePath)' is missing",
                    hint: "every site needs site.md with title, description, language and as-of"))
        }
        let folders = Set(ContentKind.allCases.map(\.folder))
        for entry in sortedEntries(contentDirectory) where entry != "site.md" && !Self.isEditorScratch(entry) {
            let path = join(contentDirectory, entry)
            if entry.hasPrefix(".") {
                result.diagnostics.append(
                    .warning("load.ignored-file", "'\(path)' is ignored: dot-files are not content"))
            } else if !folders.contains(entry) {
                result.diagnostics.append(
                    .warning(
                        "load.ignored-file", "'\(path)' is ignored: not a content folder",
                        hint:
                            "content lives in site.md and the folders briefs, people, organizations, events, topics, pages"
                    ))
            }
        }
        var found: [FoundFile] = []
        for kind in ContentKind.allCases where kind != .site {
            let folder = join(contentDirectory, kind.folder)
            guard fm.fileExists(atPath: folder) else { continue }
            if let problem = Self.notRegular(folder, folder: true) {
                result.diagnostics.append(problem)
                continue
            }
            for name in sortedEntries(folder) where !Self.isEditorScratch(name) {
                let path = join(folder, name)
                if !name.hasPrefix("."), name.hasSuffix(".md"), let problem = Self.notRegular(path) {
                    result.diagnostics.append(problem)
                    continue
                }
                if name.hasPrefix(".") {
                    result.diagnostics.append(
                        .warning("load.ignored-file", "'\(path)' is ignored: dot-files are not content"))
                    continue
                }
                guard name.hasSuffix(".md") else {
                    result.diagnostics.append(
                        .warning("load.ignored-file", "'\(path)' is ignored: only .md files are content"))
                    continue
                }
                let slug = String(name.dropLast(3))
                guard Slug.isValid(slug) else {
                    let suggestion = Slug.suggest(for: slug)
                    result.diagnostics.append(
                        .error(
                            "load.invalid-slug",
                            "file name '\(name)' is not a slug (lower-case ASCII letters, digits and single hyphens)",
                            at: SourcePosition(path: path, line: 1, column: 1),
                            hint: suggestion.isEmpty ? nil : "rename it to '\(suggestion).md'"))
                    continue
                }
                found.append(FoundFile(kind: kind, slug: slug, path: path))
            }
        }
        return (result, found)
    }

    /// Reads one content file found by `discover()`.
    public static func read(_ found: FoundFile) -> (ContentFile?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        guard let text = read(found.path, into: &problems) else { return (nil, problems) }
        return (
            ContentFile(kind: found.kind, slug: found.slug, source: SourceFile(path: found.path, text: text)), problems
        )
    }

    /// The files editors keep beside the one being edited (vim's `.x.md.swp` and `4913`,
    /// emacs's `#x.md#` and `.#x.md`, backups `x.md~`, a temporary `.x.md.tmp`), left out
    /// without a warning: they come and go with every save.
    static func isEditorScratch(_ name: String) -> Bool {
        name == "4913" || name == ".DS_Store" || name.hasSuffix("~") || name.hasPrefix(".#")
            || (name.hasPrefix("#") && name.hasSuffix("#"))
            || (name.hasPrefix(".") && [".swp", ".swo", ".swx", ".tmp"].contains { name.hasSuffix($0) })
    }

    /// Content is read from regular files (and folders) inside the content folder only. A
    /// symbolic link is refused, not followed: it could publish any file of the machine
    /// (`/etc/passwd`), and a FIFO or device would hang the build. The error never shows what
    /// the link points to or holds.
    static func notRegular(_ path: String, folder: Bool = false) -> Diagnostic? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let type = info.st_mode & S_IFMT
        if type == S_IFLNK {
            return .error(
                "load.symlink", "'\(path)' is a symbolic link; sitegen reads only the files inside the content folder",
                at: SourcePosition(path: path, line: 1, column: 1),
                hint: "copy the \(folder ? "folder" : "file") into the content folder instead of linking to it")
        }
        if !folder && type == S_IFDIR {
            return .error(
                "load.special-file", "'\(path)' is a folder, not a content file",
                at: SourcePosition(path: path, line: 1, column: 1), hint: "content files are plain text files ending in .md")
        }
        if type != (folder ? S_IFDIR : S_IFREG) {
            return .error(
                "load.special-file", "'\(path)' is not a regular \(folder ? "folder" : "file") (a FIFO, socket or device)",
                at: SourcePosition(path: path, line: 1, column: 1), hint: "content files are plain text files")
        }
        return nil
    }

    /// A file's text read again (`SourceFile` quoting a line it let go of), or nil.
    static func text(at path: String) -> String? {
        var ignored: [Diagnostic] = []
        return read(path, into: &ignored)
    }

    /// The file's text, with one `read` into a buffer of the file's size and one UTF-8 check.
    private static func read(_ path: String, into diagnostics: inout [Diagnostic]) -> String? {
        func unreadable(_ reason: String) -> String? {
            diagnostics.append(
                .error(
                    "load.unreadable", "cannot read '\(path)': \(reason)",
                    at: SourcePosition(path: path, line: 1, column: 1)))
            return nil
        }
        let bytes: [UInt8]
        switch ProjectFiles.read(path) {
        case .success(let read): bytes = read
        case .failure(let problem): return unreadable(problem.description)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            diagnostics.append(
                .error(
                    "load.not-utf8", "'\(path)' is not valid UTF-8", at: SourcePosition(path: path, line: 1, column: 1))
            )
            return nil
        }
        return text
    }

    private func sortedEntries(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }
}
