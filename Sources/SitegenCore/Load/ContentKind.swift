/// The kinds of content file, each in its own folder of `Content/`.
public enum ContentKind: String, Sendable, CaseIterable, Hashable, Comparable {
    case site
    case brief
    case person
    case organization
    case event
    case topic
    case page

    /// The folder under `Content/`, which is also the URL section (`/people/<slug>/`).
    public var folder: String {
        switch self {
        case .site: ""
        case .brief: "briefs"
        case .person: "people"
        case .organization: "organizations"
        case .event: "events"
        case .topic: "topics"
        case .page: "pages"
        }
    }

    /// The kind whose folder (as written in an `@` reference or front matter) is `folder`.
    public init?(folder: String) {
        guard let kind = Self.allCases.first(where: { $0 != .site && $0.folder == folder }) else { return nil }
        self = kind
    }

    public static func < (lhs: ContentKind, rhs: ContentKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
