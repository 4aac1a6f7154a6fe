/// A list on a document's page other than its own content: the briefs that mention a person,
/// an organization's members, the quotes checked against a source. A document's page shows the
/// first `page-size` items of each; a longer list also gets pages of its own
/// (`people/marco-rubio/briefs/`, `…/briefs/page/2/`), linked from the document's page.
enum Listing: String, Sendable, Hashable, CaseIterable {
    case briefs, timeline, members, people, organizations, quotes

    /// The lists a kind's page shows, in page order.
    static func of(_ kind: ContentKind) -> [Listing] {
        switch kind {
        case .person, .topic: [.briefs, .timeline]
        case .event: [.briefs]
        case .organization: [.members, .briefs, .timeline]
        case .source: [.briefs, .timeline, .quotes, .people, .organizations]
        case .brief, .page, .site: []
        }
    }

    /// The documents the list shows (for quotes: nil, they are `graph.provenQuotes`).
    func slugs(for id: DocumentID, in graph: RecordedGraph) -> [String]? {
        switch self {
        case .briefs: graph.naming(.brief, id)
        case .timeline: graph.naming(.event, id)
        case .members: graph.members[id.slug] ?? []
        case .people: graph.naming(.person, id)
        case .organizations: graph.naming(.organization, id)
        case .quotes: nil
        }
    }

    /// Page `number` of the list (`pageSize` items) and how many items it has; nil for
    /// quotes. A page of backlinks is read as that page alone (`RecordedGraph.namingPage`),
    /// so that a document moving in a long list makes again only the pages it moves on.
    func page(_ number: Int, for id: DocumentID, in graph: RecordedGraph) -> (slugs: ArraySlice<String>, count: Int)? {
        switch self {
        case .briefs: return graph.namingPage(.brief, id, page: number)
        case .timeline: return graph.namingPage(.event, id, page: number)
        case .people: return graph.namingPage(.person, id, page: number)
        case .organizations: return graph.namingPage(.organization, id, page: number)
        case .members:
            let members = graph.members[id.slug] ?? []
            return (graph.pagination.page(members, number), members.count)
        case .quotes: return nil
        }
    }

    func count(for id: DocumentID, in graph: RecordedGraph) -> Int {
        slugs(for: id, in: graph)?.count ?? graph.provenQuotes[id.slug]?.count ?? 0
    }

    /// How many items a page of the list holds.
    func pageSize(_ archive: Pagination) -> Int { self == .quotes ? archive.quotePageSize : archive.pageSize }

    /// The address of the list's own pages: `people/marco-rubio/briefs/`.
    func path(of id: DocumentID) -> String { id.path + rawValue + "/" }

    /// The title of the list's own pages.
    func heading(of kind: ContentKind, name: String) -> String {
        switch self {
        case .briefs:
            switch kind {
            case .source: "Briefs that rely on \(name)"
            case .event: "Briefs that cover \(name)"
            case .topic: "Briefs on \(name)"
            default: "Briefs that mention \(name)"
            }
        case .timeline: kind == .source ? "Events that rely on \(name)" : "Timeline: \(name)"
        case .members: "Members of \(name)"
        case .people: "Profiles that rely on \(name)"
        case .organizations: "Organization pages that rely on \(name)"
        case .quotes: "Quotes checked against \(name)"
        }
    }

    /// What the list's items are, in the plural.
    var noun: String {
        switch self {
        case .briefs: "briefs"
        case .timeline: "events"
        case .members: "members"
        case .people: "profiles"
        case .organizations: "organizations"
        case .quotes: "quotes"
        }
    }

    /// The link from the document's page to the whole list: "All 120 briefs".
    func moreLabel(_ count: Int) -> String { "All \(count) \(noun)" }
}
