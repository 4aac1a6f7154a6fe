/// The ids a page already has besides its body's headings, which heading ids must keep clear
/// of: the templates' own (`id="sources"`), the prefixes of the ids templates generate
/// (`id="month-{{id}}"` reserves `month-`), and cmark-gfm's footnote ids (`fn-1`, `fnref-1`).
///
/// Read off the templates when they are loaded (`TemplateLoader`), so a template that adds an
/// id cannot collide with a heading: no list kept by hand.
public struct PageIDs: Sendable, Equatable {
    public var reserved: Set<String>
    public var reservedPrefixes: [String]

    /// What the Markdown stage itself writes into bodies: cmark-gfm's footnotes and inline
    /// citations (`cite-ref-1-1`, pointing at the source list's `cite-1`).
    public static let footnotes = PageIDs(reserved: [], reservedPrefixes: ["cite-", "fn-", "fnref-"])

    public init(reserved: Set<String>, reservedPrefixes: [String]) {
        self.reserved = reserved
        self.reservedPrefixes = reservedPrefixes
    }

    /// A heading's base id moved out of the reserved prefixes: `## Event rubio visit` would be
    /// `event-rubio-visit`, which a timeline row may be; it becomes `h-event-rubio-visit`.
    func clear(_ base: String) -> String {
        reservedPrefixes.contains { base.hasPrefix($0) } ? "h-" + base : base
    }

    /// The ids and id prefixes a template's text gives its elements; an id made only of a
    /// Mustache value (`id="{{x}}"`) has no prefix to keep headings out of, and is returned in
    /// `unprefixed` with its line.
    static func scan(_ template: String) -> (ids: Set<String>, prefixes: Set<String>, unprefixed: [Int]) {
        var ids: Set<String> = []
        var prefixes: Set<String> = []
        var unprefixed: [Int] = []
        for (index, line) in template.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let found = rest.range(of: " id=\"") {
                let value = rest[found.upperBound...].prefix { $0 != "\"" }
                rest = rest[found.upperBound...].dropFirst(value.count)
                if let tag = value.range(of: "{{") {
                    let prefix = String(value[..<tag.lowerBound])
                    if prefix.isEmpty { unprefixed.append(index + 1) } else { prefixes.insert(prefix) }
                } else if !value.isEmpty {
                    ids.insert(String(value))
                }
            }
        }
        return (ids, prefixes, unprefixed)
    }
}
