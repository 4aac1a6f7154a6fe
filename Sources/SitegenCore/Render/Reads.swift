/// What a page read of the graph to be made: the render stage reads the graph only through a
/// `RecordedGraph`, which notes each read, so a page's dependencies are the reads its
/// builders, cards, rows, chips, dates and JSON-LD made, never a list kept by hand. `serve`
/// renders a page again when one of them changed (`Dependency.changed`); a page whose reads
/// are all the same renders to the same bytes.
enum Dependency: Hashable, Sendable {
    /// A document: its front matter, its body and what is worked out from them (reading time,
    /// whether it is scheduled). Also read for a document that does not exist.
    case document(DocumentID)
    /// The documents of a kind that name a document (its backlinks, in their order).
    case naming(DocumentID, ContentKind)
    /// One page of those (`page-size` each) and how many there are: a listing's page.
    case namingPage(DocumentID, ContentKind, Int)
    /// A brief's related briefs; an organization's members; a source's proven quotes.
    case related(String)
    case members(String)
    case quotes(String)
    /// A kind's documents in their order (the timeline, the home page).
    case order(ContentKind)
    /// The documents on one page of a kind's list, in order, and how many the list has.
    case listPage(ContentKind, Int)
    /// Every document of a kind, in no order.
    case kind(ContentKind)
    /// The lists' pages and the timeline's months.
    case pagination
    /// The briefs marked `featured`, in order (the home page).
    case featured
    /// When a brief was last modified: its date, or its last update (the sitemap).
    case modified(DocumentID)
    /// The paths of the site's pages (the sitemap). Not a read of the graph: `serve` notes
    /// its change when the list of files changed.
    case pageList
    /// Every document (the corrections page, the feed).
    case everything
}

/// The reads of the page being rendered, one set per level: a cached card's reads are made in
/// a level of their own, kept with the card, and added to every page that shows it.
/// One per render thread.
final class ReadLog {
    private var levels: [Set<Dependency>] = [[]]
    /// A build that renders every page once (`SiteBuilder`) notes nothing.
    let isRecording: Bool

    init(recording: Bool = true) {
        isRecording = recording
    }

    func record(_ dependency: Dependency) {
        if isRecording { levels[levels.count - 1].insert(dependency) }
    }

    func record(contentsOf dependencies: Set<Dependency>) {
        if isRecording { levels[levels.count - 1].formUnion(dependencies) }
    }

    /// Starts a level (a card being made).
    func begin() { if isRecording { levels.append([]) } }

    /// Ends the level begun last and returns its reads, which the level below gets too.
    func end() -> Set<Dependency> {
        guard isRecording else { return [] }
        let reads = levels.removeLast()
        record(contentsOf: reads)
        return reads
    }

    /// The page's reads so far, and a fresh start for the next page.
    func take() -> Set<Dependency> {
        let reads = levels[0]
        levels = [[]]
        return reads
    }
}

/// The graph as the render stage sees it: `SiteGraph`'s reading API, each read noted in `log`.
///
/// The graph is held in a box: a `SiteGraph` is some thirty references, which every copy of
/// a value holding it (page parts, renderers, closures) would retain one by one; read through
/// the box, in place.
struct RecordedGraph {
    private final class Box {
        let graph: SiteGraph
        init(_ graph: SiteGraph) { self.graph = graph }
    }

    private let box: Box
    let log: ReadLog

    init(_ base: SiteGraph, log: ReadLog = ReadLog()) {
        box = Box(base)
        self.log = log
    }

    var base: SiteGraph {
        _read { yield box.graph }
    }

    /// `site.md`'s settings: when they change every page is rendered again, so not noted.
    var site: Site {
        _read { yield box.graph.site }
    }

    var pagination: Pagination {
        _read {
            log.record(.pagination)
            yield box.graph.pagination
        }
    }

    func document(_ id: DocumentID) -> (any Document)? {
        log.record(.document(id))
        return base.document(id)
    }

    func body(_ kind: ContentKind, _ slug: String) -> RenderedMarkdown? {
        log.record(.document(DocumentID(kind, slug)))
        return base.body(kind, slug)
    }

    func isScheduled(_ event: Event) -> Bool {
        log.record(.document(event.id))
        return base.isScheduled(event)
    }

    func naming(_ kind: ContentKind, _ id: DocumentID) -> [String] {
        log.record(.naming(id, kind))
        return base.naming(kind, id)
    }

    /// Page `number` of the documents of a kind that name `id`, and how many there are.
    func namingPage(_ kind: ContentKind, _ id: DocumentID, page number: Int) -> (slugs: ArraySlice<String>, count: Int) {
        log.record(.namingPage(id, kind, number))
        log.record(.pagination)
        let slugs = base.naming(kind, id)
        return (base.pagination.page(slugs, number), slugs.count)
    }

    var allDocuments: [any Document] {
        log.record(.everything)
        return base.allDocuments
    }

    var related: Keyed<[String]> { Keyed(base: base.related, log: log, dependency: Dependency.related) }
    var members: Keyed<[String]> { Keyed(base: base.members, log: log, dependency: Dependency.members) }
    var provenQuotes: Keyed<[ProvenQuote]> { Keyed(base: base.provenQuotes, log: log, dependency: Dependency.quotes) }

    /// Where each event is on the timeline.
    var timelineRank: [String: Int] {
        log.record(.order(.event))
        return base.timelineRank
    }

    func order(_ kind: ContentKind) -> [String] {
        log.record(.order(kind))
        return base.order[kind] ?? []
    }

    /// The documents on page `number` of a kind's list, and how many the list has.
    func listPage(_ kind: ContentKind, _ number: Int) -> (slugs: ArraySlice<String>, count: Int) {
        log.record(.listPage(kind, number))
        log.record(.pagination)
        let slugs = base.order[kind] ?? []
        return (base.pagination.page(slugs, number), slugs.count)
    }

    /// The briefs marked `featured`, in order.
    var featured: [String] {
        log.record(.featured)
        return base.featured
    }

    var briefOrder: [String] { order(.brief) }
    var timeline: [String] { order(.event) }
    var peopleOrder: [String] { order(.person) }
    var pageOrder: [String] { order(.page) }

    func documents<D: Document>(_ type: D.Type) -> RecordedDocuments<D> {
        RecordedDocuments(base: base.documents(type), log: log)
    }

    var briefs: RecordedDocuments<Brief> { documents(Brief.self) }
    var people: RecordedDocuments<Person> { documents(Person.self) }
    var organizations: RecordedDocuments<Organization> { documents(Organization.self) }
    var events: RecordedDocuments<Event> { documents(Event.self) }
    var topics: RecordedDocuments<Topic> { documents(Topic.self) }
    var pages: RecordedDocuments<Page> { documents(Page.self) }

    /// A dictionary of the graph's, each key's read noted.
    struct Keyed<Value> {
        let base: [String: Value]
        let log: ReadLog
        let dependency: (String) -> Dependency

        subscript(key: String) -> Value? {
            log.record(dependency(key))
            return base[key]
        }
    }
}

/// One kind's documents, each read noted.
struct RecordedDocuments<D: Document> {
    let base: Documents<D>
    let log: ReadLog

    subscript(slug: String) -> D? {
        log.record(.document(DocumentID(D.kind, slug)))
        return base[slug]
    }

    var values: [D] {
        log.record(.kind(D.kind))
        return base.values
    }
}

extension Dependency {
    /// What changed between two graphs, given the documents whose files changed: the reads
    /// whose answer may differ. Lists the graph works out (backlinks, related briefs, members,
    /// orders, proven quotes, pages and months) are compared whole.
    static func changed(from old: SiteGraph, to new: SiteGraph, documents ids: Set<DocumentID>) -> Set<Dependency> {
        var changed: Set<Dependency> = []
        guard !ids.isEmpty else { return changed }
        changed.insert(.everything)
        for id in ids {
            changed.insert(.document(id))
            changed.insert(.kind(id.kind))
            let modified = { (graph: SiteGraph) in graph.briefs[id.slug].map { $0.lastUpdated ?? $0.date } }
            if id.kind == .brief, modified(old) != modified(new) { changed.insert(.modified(id)) }
        }
        if ids.contains(where: { $0.kind == .brief }), old.featured != new.featured { changed.insert(.featured) }
        for kind in ContentKind.allCases where old.order[kind] != new.order[kind] {
            changed.insert(.order(kind))
            // The pages of its list whose documents moved, or all when the list's length changed.
            let (before, after) = (old.order[kind] ?? [], new.order[kind] ?? [])
            let pages = new.pagination.pageCount(max(before.count, after.count))
            for number in 1...pages
            where before.count != after.count || new.pagination.page(before, number) != new.pagination.page(after, number) {
                changed.insert(.listPage(kind, number))
            }
        }
        if old.timelineRank != new.timelineRank { changed.insert(.order(.event)) }
        func differing<V: Equatable>(_ a: [String: V], _ b: [String: V], _ dependency: (String) -> Dependency) {
            for key in Set(a.keys).union(b.keys) where a[key] != b[key] { changed.insert(dependency(key)) }
        }
        differing(old.related, new.related, Dependency.related)
        differing(old.members, new.members, Dependency.members)
        differing(old.provenQuotes, new.provenQuotes, Dependency.quotes)
        // The naming lists themselves, compared: a list's order follows its documents' dates.
        for key in Set(old.naming.keys).union(new.naming.keys) where old.naming[key] != new.naming[key] {
            for kind in Set((old.naming[key] ?? [:]).keys).union((new.naming[key] ?? [:]).keys)
            where old.naming[key]?[kind] != new.naming[key]?[kind] {
                changed.insert(.naming(key, kind))
                let (before, after) = (old.naming[key]?[kind] ?? [], new.naming[key]?[kind] ?? [])
                for number in 1...new.pagination.pageCount(max(before.count, after.count))
                where before.count != after.count || new.pagination.page(before, number) != new.pagination.page(after, number) {
                    changed.insert(.namingPage(key, kind, number))
                }
            }
        }
        if !old.pagination.isSame(as: new.pagination) { changed.insert(.pagination) }
        return changed
    }
}
