import Foundation

/// Reads every `*.mustache` below the templates folder (not `assets/`): `partials/card.mustache`
/// is the partial `partials/card`. A parse error is reported at its line and column in the file.
public struct TemplateLoader: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    public func load() -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var templates: [String: (nodes: [MustacheNode], path: String)] = [:]
        var broken: Set<String> = []
        var ids = PageIDs.footnotes
        var sources: [String: (path: String, text: String)] = [:]
        if let problem = ProjectFiles.folderProblem(directory, what: "templates folder") { return (nil, [problem]) }
        guard ProjectFiles.entry(directory) == .folder else {
            return (
                nil,
                [
                    .error(
                        "template.no-folder", "templates folder '\(directory)' does not exist",
                        hint: "pass --templates DIR, or run sitegen in the project folder")
                ]
            )
        }
        // Templates are read from regular files inside the folder only: a link (to
        // /etc/passwd, or a folder of partials elsewhere) would render what it points to.
        var names: [String] = []
        for (relative, entry) in ProjectFiles.walk(directory, enter: { $0 != "assets" }) where relative != "assets" {
            switch entry {
            case .file where relative.hasSuffix(".mustache"): names.append(relative)
            case .link:
                diagnostics.append(
                    .error(
                        "template.symlink",
                        "'\(join(directory, relative))' is a symbolic link; sitegen reads only the files inside the templates folder",
                        at: SourcePosition(path: join(directory, relative), line: 1, column: 1),
                        hint: "copy the \(relative.hasSuffix(".mustache") ? "file" : "folder") into the templates folder instead of linking to it"))
            case .special where relative.hasSuffix(".mustache"):
                diagnostics.append(
                    .error(
                        "template.unreadable", "cannot read template '\(join(directory, relative))': not a regular file",
                        at: SourcePosition(path: join(directory, relative), line: 1, column: 1)))
            default: continue
            }
        }
        for relative in names {
            let path = join(directory, relative)
            let name = String(relative.dropLast(".mustache".count))
            guard case .success(let bytes) = ProjectFiles.read(path), let text = String(validating: bytes, as: UTF8.self) else {
                diagnostics.append(
                    .error(
                        "template.unreadable", "cannot read template '\(path)'",
                        at: SourcePosition(path: path, line: 1, column: 1)))
                continue
            }
            sources[name] = (path, text)
            let scanned = PageIDs.scan(text)
            ids.reserved.formUnion(scanned.ids)
            ids.reservedPrefixes = Array(Set(ids.reservedPrefixes).union(scanned.prefixes)).sorted()
            for line in scanned.unprefixed {
                diagnostics.append(
                    SourceFile(path: path, text: text).error(
                        "template.unprefixed-id", "an id made only of a value cannot be kept apart from heading ids",
                        line: line, column: 1, hint: "give it a fixed prefix, e.g. id=\"event-{{id}}\""))
            }
            do {
                templates[name] = (try MustacheParser.parse(text), path)
            } catch {
                broken.insert(name)
                diagnostics.append(
                    SourceFile(path: path, text: text).error(
                        "template.syntax", error.message, line: error.position.line, column: error.position.column))
            }
        }
        // A partial that is not there would render as nothing: `{{>partials/cached/topic}}`
        // with the file gone left /topics/ an empty list.
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            guard let nodes = templates[name]?.nodes else { continue }
            for (partial, at) in Self.partials(nodes) where templates[partial] == nil && !broken.contains(partial) {
                diagnostics.append(
                    SourceFile(path: source.path, text: source.text).error(
                        "template.missing-partial", "the partial '\(partial)' does not exist", line: at.line, column: at.column,
                        hint: "create \(join(directory, partial + ".mustache")), or fix the name"))
            }
        }
        for name in TemplateSet.pageTemplates where templates[name] == nil && !broken.contains(name) {
            diagnostics.append(
                .error(
                    "template.missing", "template '\(join(directory, name + ".mustache"))' is missing",
                    hint: "every page kind has its template: \(TemplateSet.pageTemplates.joined(separator: ", "))"))
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        let set = TemplateSet(parsed: templates, sources: sources, ids: ids)
        return (set.typed == nil ? nil : set, diagnostics + set.diagnostics)
    }

    /// The partials and parents `nodes` include, where, in the order written.
    static func partials(_ nodes: [MustacheNode]) -> [(String, MustachePosition)] {
        var found: [(String, MustachePosition)] = []
        func walk(_ nodes: [MustacheNode]) {
            for node in nodes {
                switch node {
                case .text, .variable: break
                case .section(_, _, let children), .block(_, _, let children): walk(children)
                case .partial(let name, _, let at): found.append((name, at))
                case .parent(let name, _, let blocks, let at):
                    found.append((name, at))
                    for key in blocks.keys.sorted() { walk(blocks[key] ?? []) }
                }
            }
        }
        walk(nodes)
        return found
    }
}
