import Synchronization

/// The templates of `Templates/`, each parsed once and compiled against the model of the page
/// (or item) it renders (`TypedPages`).
///
/// Partials under `partials/cached/` are *cached partials*, like Hugo's `partialCached`: each
/// is rendered once per item and page depth and the result reused on every page that lists
/// that item. So a cached partial reads only the values of the item it is given. Including
/// such a partial in a page's template inserts the item's rendered HTML (`TemplateCompiler`'s
/// stand-ins); so does including the date partial inside the other cached partials.
public struct TemplateSet: Sendable {
    /// The cached partials this template set has.
    let cachedPartials: Set<CachedPartial>
    /// The ids the templates give elements, which body headings keep clear of.
    public let ids: PageIDs
    /// Each template's file and text.
    let sources: [String: (path: String, text: String)]
    /// Every page type's template compiled against its model; nil when a template names a
    /// value its model does not have (`diagnostics` says where).
    let typed: TypedPages?
    /// The cached partials the set has, each compiled against its item's model.
    let partials: TypedPartials
    /// The compile's problems, reported by the template loader.
    let diagnostics: [Diagnostic]

    /// The page templates a site needs: the home page, each kind's list page and document
    /// page (named as `ContentKind.entry` says), the pages of a document's lists and of a split
    /// timeline's months (`listing`), the corrections page, the 404 page; partials are whatever else is there.
    public static let pageTemplates =
        ["home"] + ContentKind.documentKinds.flatMap { [$0.entry.list, $0.rawValue].compactMap { $0 } }
        + ["listing", "search", "corrections", "404"]

    /// A partial rendered once per item.
    enum CachedPartial: String, CaseIterable, Sendable {
        case brief = "partials/cached/brief"
        case person = "partials/cached/person"
        case organization = "partials/cached/organization"
        case topic = "partials/cached/topic"
        case event = "partials/cached/event"
        /// The site header with its navigation: one per page depth and section.
        case header = "partials/cached/header"
        /// The site footer: one per page depth.
        case footer = "partials/cached/footer"
        /// A date or date range as `<time>` elements: one per date.
        case date = "partials/cached/date"

        /// The kind of document the partial shows one of, for rebuilds to drop the fragments of
        /// changed documents; nil for the header, footer and dates.
        var kind: ContentKind? {
            switch self {
            case .brief: .brief
            case .person: .person
            case .organization: .organization
            case .topic: .topic
            case .event: .event
            case .header, .footer, .date: nil
            }
        }
    }

    /// Templates parsed from their text (`nodes`), with their files (`sources`).
    init(parsed: [String: (nodes: [MustacheNode], path: String)], sources: [String: (path: String, text: String)], ids: PageIDs = .footnotes) {
        self.ids = ids
        self.sources = sources
        let cached = Set(CachedPartial.allCases.filter { parsed[$0.rawValue] != nil })
        self.cachedPartials = cached
        (self.typed, self.partials, self.diagnostics) = TypedPages.compile(parsed: parsed, sources: sources, cached: cached)
    }
}

/// The rendered cached partials of a build, keyed by partial, item and page depth; shared by
/// every rendering thread, so each fragment is rendered about once per build.
final class FragmentCache: Sendable {
    let templates: TemplateSet
    private let rendered: Mutex<Generations>

    /// The fragments, in two generations when the cache has a limit: when the new one is
    /// full it becomes the old one, and a fragment found in the old one moves to the new one.
    /// So what pages keep showing stays, and what none showed for a while goes.
    private struct Generations {
        var new: [Key: Entry] = [:]
        var old: [Key: Entry] = [:]
        /// How many fragments a generation holds at most; nil for no limit.
        var half: Int?

        mutating func find(_ key: Key) -> Entry? {
            if let entry = new[key] { return entry }
            guard !old.isEmpty, let entry = old.removeValue(forKey: key) else { return nil }
            insert(entry, at: key)
            return entry
        }

        mutating func insert(_ entry: Entry, at key: Key) {
            if let half, new.count >= half { (old, new) = (new, [:]) }
            new[key] = entry
        }
    }
    /// With `indexed` (`serve`), the fragments that read each dependency, so that dropping
    /// those that read what changed looks only at them. May name fragments already dropped.
    private let readers: Mutex<[Dependency: Set<Key>]>?

    /// A card rendered once, and what its model read of the graph: every page that shows the
    /// card read it too.
    struct Entry: Sendable {
        let card: AnyObject & Sendable
        let reads: Set<Dependency>
    }

    /// One rendering of a cached partial: the item, the relative root of the page, and what
    /// else the item's model depends on (a heading level, a flag).
    struct Key: Hashable, Sendable {
        let partial: TemplateSet.CachedPartial
        let item: String
        let root: String
        var variant = 0
    }

    /// A build's limit: at 10,000 briefs a site's fragments and their models take some 60 MB
    /// (below the limit); at 100,000 briefs ten times that, without one.
    static let buildLimit = 200_000

    /// `limit`: how many fragments the cache holds at most, half in each generation (a
    /// build's); nil for no limit (`serve`, which keeps every fragment until what it read
    /// changes, and has no old generation).
    init(templates: TemplateSet, indexed: Bool = false, limit: Int? = nil) {
        precondition(!(indexed && limit != nil), "an indexed cache keeps every fragment")
        self.templates = templates
        readers = indexed ? Mutex([:]) : nil
        rendered = Mutex(Generations(half: limit.map { max(1, $0 / 2) }))
    }

    /// What a page lists for one item shown through its partial: the item's model (`model`,
    /// made on first use) and, when the template set has that cached partial, its HTML,
    /// rendered once through the partial compiled against the model, which the partial's
    /// stand-in inserts. Nil when `model` has no item. What the model reads is noted in
    /// `reads` each time the card is shown, made or kept.
    func item<M: TemplateModel>(
        _ key: Key, typed: KeyPath<TypedPartials, TemplateRenderer<M>?>, reads: ReadLog, model: () -> M?
    ) -> Card<M>? {
        guard let render = templates.partials[keyPath: typed] else {
            return model().map { Card(html: nil, item: $0) }
        }
        if let entry = rendered.withLock({ $0.find(key) }), let card = entry.card as? Card<M> {
            reads.record(contentsOf: entry.reads)
            return card
        }
        // Rendered outside the lock; two threads may both render a fragment once, harmlessly.
        reads.begin()
        let made = model()
        let cardReads = reads.end()
        guard let item = made else { return nil }
        var html = ""
        render(item, &html)
        let card = Card(html: html, item: item)
        rendered.withLock { $0.insert(Entry(card: card, reads: cardReads), at: key) }
        readers?.withLock { readers in
            for dependency in cardReads { readers[dependency, default: []].insert(key) }
        }
        return card
    }

    /// Forgets the fragments that read any of `changed`, found in the index (a cache made
    /// without one, a full build's, is never asked to forget).
    func invalidate(reading changed: Set<Dependency>) {
        let stale = readers?.withLock { readers in
            changed.reduce(into: Set<Key>()) { stale, dependency in
                if let keys = readers.removeValue(forKey: dependency) { stale.formUnion(keys) }
            }
        }
        precondition(stale != nil, "a fragment cache without an index cannot forget")
        rendered.withLock { cache in
            for key in stale ?? [] { cache.new[key] = nil }
        }
    }
}
