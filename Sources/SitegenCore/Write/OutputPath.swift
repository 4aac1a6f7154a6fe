import Foundation

/// Where a build may write its site. `--output` is worked out to an absolute path first (so
/// `.`, `./`, `Public/.`, `..` and a folder literally named `~` each mean one folder), then
/// refused when replacing it would replace the project, or when it lies inside the content or
/// templates folder (whose files the next build would read, or publish, again).
enum OutputPath {
    /// An absolute path with the links of its longest existing part resolved: two names of
    /// one folder give the same path.
    static func physical(_ absolute: String) -> String {
        var existing = absolute
        var rest: [Substring] = []
        while existing != "/" {
            if let resolved = realpath(existing, nil) {
                defer { free(resolved) }
                let base = String(cString: resolved)
                return rest.isEmpty ? base : join(base, rest.reversed().joined(separator: "/"))
            }
            let slash = existing.utf8.lastIndex(of: UInt8(ascii: "/"))!
            rest.append(existing[existing.index(after: slash)...])
            existing = slash == existing.startIndex ? "/" : String(existing[..<slash])
        }
        return absolute
    }

    /// Whether `inner` is `outer` or a path below it.
    static func isWithin(_ inner: String, _ outer: String) -> Bool {
        inner == outer || inner.hasPrefix(outer == "/" ? "/" : outer + "/")
    }

    /// An error when the site may not be written to `output`: it is the project folder (the
    /// working folder) or one holding it, the root, one holding the content or templates
    /// folder, or one inside either of them.
    static func problem(
        output: String, content: String, templates: String,
        in folder: String = FileManager.default.currentDirectoryPath
    ) -> Diagnostic? {
        let target = physical(absolutePath(output, in: folder))
        let hint = "pass --output with a folder of its own, e.g. --output Public"
        func refuse(_ reason: String, hint: String = hint) -> Diagnostic {
            .error("write.unsafe-output", "refusing to write the site to '\(output)': \(reason)", hint: hint)
        }
        if target == "/" { return refuse("it is the root folder") }
        if isWithin(physical(absolutePath(folder, in: "/")), target) {
            return refuse("it is the project folder, or holds it, and would be replaced by the site")
        }
        for (given, what) in [(content, "content"), (templates, "templates")] {
            let source = physical(absolutePath(given, in: folder))
            if isWithin(source, target) {
                return refuse("it holds the \(what) folder '\(given)', which would be replaced by the site")
            }
            if isWithin(target, source) {
                return refuse(
                    "it is inside the \(what) folder '\(given)', whose files the next build would read again",
                    hint: "write the site outside '\(given)', e.g. --output Public")
            }
        }
        return nil
    }
}
