import Foundation
import Mustache

/// Reads every `*.mustache` below the templates folder (not `assets/`): `partials/card.mustache`
/// is the partial `partials/card`. A parse error is reported at its line and column in the file.
public struct TemplateLoader: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Put before every template: selects sitegen's byte-level HTML escaping (the same output
    /// as swift-mustache's default) in every template and partial, since swift-mustache starts
    /// each partial with its default escaping. A standalone tag line, so it writes nothing; a
    /// template's own `{{% CONTENT_TYPE: … }}` comes after it and wins.
    static let htmlPragma = "{{% CONTENT_TYPE: HTML }}\n"

    public func load() -> (TemplateSet?, [Diagnostic]) {
        FastHTMLContentType.register()
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
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
                templates[name] = try MustacheTemplate(string: Self.htmlPragma + text)
            } catch let error as MustacheTemplate.ParserError {
                broken.insert(name)
                let file = SourceFile(path: path, text: text)
                // The pragma line sitegen puts first is not in the file.
                diagnostics.append(
                    file.error(
                        "template.syntax", Self.describe(error.error), line: max(1, error.context.lineNumber - 1),
                        column: error.context.columnNumber + 1))
            } catch {
                broken.insert(name)
                diagnostics.append(.error("template.syntax", "\(path): \(error)"))
            }
        }
        // A partial that is not there would render as nothing: `{{>partials/cached/topic}}`
        // with the file gone left /topics/ an empty list.
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) where !broken.contains(name) {
            for read in TemplateKeyCheck.partials(source.text) where templates[read.name] == nil && !broken.contains(read.name) {
                diagnostics.append(
                    SourceFile(path: source.path, text: source.text).error(
                        "template.missing-partial", "the partial '\(read.name)' does not exist",
                        line: read.line, column: read.column,
                        hint: "create \(join(directory, read.name + ".mustache")), or fix the name"))
            }
        }
        for name in TemplateSet.pageTemplates where templates[name] == nil && !broken.contains(name) {
            diagnostics.append(
                .error(
                    "template.missing", "template '\(join(directory, name + ".mustache"))' is missing",
                    hint: "every page kind has its template: \(TemplateSet.pageTemplates.joined(separator: ", "))"))
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        do {
            let set = try TemplateSet(templates: templates, ids: ids, sources: sources)
            return (set, diagnostics + set.typedDiagnostics)
        } catch {
            return (nil, diagnostics + [.error("template.internal", "could not prepare the templates: \(error)")])
        }
    }

    static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "this closing tag does not match the section it closes"
        case .unfinishedName: return "unfinished tag: expected '}}'"
        case .expectedSectionEnd: return "a section is never closed: expected '{{/name}}'"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot apply to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only '{{$block}}' overrides may stand inside '{{<parent}}'"
        case .textInsideInheritSection: return "text inside '{{<parent}}' must be inside a '{{$block}}'"
        case .invalidConfigVariableSyntax: return "invalid config variable"
        case .unrecognisedConfigVariable: return "unrecognised config variable"
        }
    }
}
