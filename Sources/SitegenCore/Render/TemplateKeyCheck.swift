import Foundation

/// Checks that every value a template reads is one a view model provides: a misspelt
/// `{{titel}}` would otherwise render as nothing, and every build would pass.
///
/// What templates read is read off their text (the Mustache tags that look a name up). What
/// view models provide is read off every page of the prototype site, a built-in site that fills
/// every value, prepared as for a build but with each cached partial's item left as its full
/// view model. So the answer is the same whatever the site being built uses.
struct TemplateKeyCheck {
    /// A name a template looks up, where.
    struct Read: Equatable {
        let name: String
        let line: Int
        let column: Int
    }

    /// Every Mustache tag of a template's text: its sigil (`#`, `>`, … or nil), its name (the
    /// first component, `a` of `a.b`), line and column.
    private static func tags(_ template: String) -> [(sigil: Character?, read: Read)] {
        var tags: [(sigil: Character?, read: Read)] = []
        for (index, line) in template.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                guard let close = rest[open.upperBound...].range(of: "}}") else { break }
                var tag = rest[open.upperBound..<close.lowerBound]
                if tag.hasPrefix("{") { tag = tag.dropFirst() }
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                rest = rest[close.upperBound...].drop { $0 == "}" }
                tag = tag.drop { $0 == " " }
                guard let first = tag.first else { continue }
                let sigil: Character? = "!>/<$%=#^&".contains(first) ? first : nil
                if sigil != nil { tag = tag.dropFirst().drop { $0 == " " } }
                let isPartial = sigil == ">" || sigil == "<"
                let name =
                    isPartial
                    ? tag.trimmingCharacters(in: .whitespaces)
                    : String(tag.prefix { $0 != " " && $0 != "." && $0 != "}" && $0 != "(" })
                tags.append((sigil, Read(name: name, line: index + 1, column: column)))
            }
        }
        return tags
    }

    /// The names a template's text looks up: `{{name}}`, `{{{name}}}`, `{{&name}}`, sections
    /// `{{#name}}` and `{{^name}}`. Comments, partials, blocks, closing tags, pragmas and `{{.}}`
    /// look nothing up.
    static func reads(_ template: String) -> [Read] {
        tags(template).filter { tag in
            !tag.read.name.isEmpty && (tag.sigil.map { "#^&".contains($0) } ?? true)
        }.map(\.read)
    }

    /// The partials a template's text includes (`{{>partials/card}}`) or extends (`{{<layout}}`).
    static func partials(_ template: String) -> [Read] {
        tags(template).filter { !$0.read.name.isEmpty && ($0.sigil == ">" || $0.sigil == "<") }.map(\.read)
    }

    /// Every key in a view model, at any depth (cards, rows, dates, lists of them).
    static func keys(of value: Any, into keys: inout Set<String>) {
        switch value {
        case let fields as Fields:
            for (key, inner) in fields.values {
                keys.insert(key)
                Self.keys(of: inner, into: &keys)
            }
        case let list as [Fields]:
            for item in list { Self.keys(of: item, into: &keys) }
        case let list as [Any]:
            for item in list { Self.keys(of: item, into: &keys) }
        default: break
        }
    }

    /// The names templates read that no view model provides, as errors at the template's place.
    /// `prototype` is a graph whose view models fill every value (`PrototypeSite.graph`).
    static func problems(templates: TemplateSet, prototype: SiteGraph?) -> [Diagnostic] {
        guard let unshared = try? templates.withoutCachedPartials(), let graph = prototype else { return [] }
        let renderer = PageRenderer(graph: graph, templates: unshared, fragments: FragmentCache(templates: unshared))
        var provided: Set<String> = []
        for job in PageRenderer.jobs(for: graph) {
            keys(of: renderer.prepare(job).context, into: &provided)
        }
        let sources = templates.sources
        var problems: [Diagnostic] = []
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            let file = SourceFile(path: source.path, text: source.text)
            for read in reads(source.text)
            where !provided.contains(read.name)
                && !templates.typedProblems.contains(SourcePosition(path: source.path, line: read.line, column: read.column))
            {
                let nearest = FrontMatterReader.nearest(read.name, in: provided.sorted())
                problems.append(
                    file.error(
                        "template.unknown-key", "'\(read.name)' in \(name) is not a value any view model provides",
                        line: read.line, column: read.column,
                        hint: nearest.map { "did you mean '\($0)'?" } ?? "see the values each template can read in docs/template-values.md"))
            }
        }
        return problems
    }
}
