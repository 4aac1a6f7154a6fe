/// Where each page lives in the built site, as a path from the site root: `people/claudia-sheinbaum/`.
public enum ContentURL {
    public static func path(_ kind: ContentKind, _ slug: String) -> String {
        switch kind {
        case .site: ""
        case .page: "\(slug)/"
        default: "\(kind.folder)/\(slug)/"
        }
    }

    /// The relative path from a page at `pagePath` back to the site root: `people/x/` → `../../`.
    public static func rootPrefix(from pagePath: String) -> String {
        String(repeating: "../", count: pagePath.split(separator: "/").count)
    }

    /// The id of an event's row on the timeline. The event row partial writes it as
    /// `id="event-{{id}}"`: a fixed prefix, which body headings keep clear of (`PageIDs`).
    public static func eventAnchor(_ slug: String) -> String { "event-" + slug }
}

/// The list pages an `@` link may name on their own (`[the timeline](@timeline)`), whose
/// names are URL sections of their own.
enum ListPages {
    static let all = Set(ContentKind.documentKinds.compactMap(\.entry.list))
}
