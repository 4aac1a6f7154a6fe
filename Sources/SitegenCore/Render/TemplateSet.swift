import Mustache
import Synchronization

/// The compiled templates of `Templates/`, each parsed once, in two libraries.
///
/// Partials under `partials/cached/` are *cached partials*, like Hugo's `partialCached`: each
/// is rendered once per item and page depth and the result reused on every page that lists
/// that item. So a cached partial must read only the keys of the item it is given. In the page
/// library such a partial is a stand-in, `{{{.}}}`: the item a page lists is its rendered HTML.
/// Cached partials are rendered with the templates as written, but for the date partial, which
/// is a stand-in there too: a date is a `DateValue` wherever it is (page, card, row, header,
/// footer), its own fragment and its fields.
public struct TemplateSet: Sendable {
    /// For pages: cached partials replaced by their stand-ins.
    let pages: MustacheLibrary
    /// What cached partials are rendered with: the templates as written, the date partial
    /// (when cached) replaced by its stand-in.
    let fragments: MustacheLibrary
    /// The cached partials this template set has.
    let cachedPartials: Set<CachedPartial>
    /// The ids the templates give elements, which body headings keep clear of.
    public let ids: PageIDs
    /// The templates as parsed, and each one's file and text, for `TemplateKeyCheck`.
    let templates: [String: MustacheTemplate]
    let sources: [String: (path: String, text: String)]
    /// The page types rendered through templates compiled against their typed models; nil
    /// when they could not be compiled (each such page then goes through swift-mustache).
    let typed: TypedPages?
    /// Where the typed compile found a problem, so the key check does not report it again.
    let typedProblems: Set<SourcePosition>

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

    init(
        templates: [String: MustacheTemplate], ids: PageIDs = .footnotes,
        sources: [String: (path: String, text: String)] = [:], cachesPartials: Bool = true
    ) throws {
        self.ids = ids
        self.templates = templates
        self.sources = sources
        var pageTemplates = templates
        var fragmentTemplates = templates
        var cached: Set<CachedPartial> = []
        let standIn = try MustacheTemplate(string: "{{{.}}}")
        for partial in CachedPartial.allCases where cachesPartials && templates[partial.rawValue] != nil {
            pageTemplates[partial.rawValue] = standIn
            if partial == .date { fragmentTemplates[partial.rawValue] = standIn }
            cached.insert(partial)
        }
        self.pages = MustacheLibrary(templates: pageTemplates)
        self.fragments = MustacheLibrary(templates: fragmentTemplates)
        self.cachedPartials = cached
        let (typed, problems) = cachesPartials ? TypedPages.compile(sources: sources, cached: cached) : (nil, [])
        self.typed = typed
        self.typedDiagnostics = problems
        self.typedProblems = Set(problems.compactMap(\.position))
    }

    /// The typed compile's problems, reported by the template loader.
    let typedDiagnostics: [Diagnostic]

    /// The same templates with no cached partials: pages get each item's full view model.
    func withoutCachedPartials() throws -> TemplateSet {
        try TemplateSet(templates: templates, ids: ids, sources: sources, cachesPartials: false)
    }

    func render(_ context: Fields, with name: String) -> String {
        pages.render(context, withTemplate: name) ?? ""
    }
}

/// The rendered cached partials of a build, keyed by partial, item and page depth; shared by
/// every rendering thread, so each fragment is rendered about once per build.
final class FragmentCache: Sendable {
    let templates: TemplateSet
    private let rendered = Mutex<[Key: Fragment]>([:])
    /// Numbers each rendering, so a view model holding a fragment hashes it by its number.
    private let renderings = Atomic<Int>(0)

    /// One rendering of a cached partial: the item, the relative root of the page, and what
    /// else the item's view model depends on (a heading level, a flag).
    struct Key: Hashable, Sendable {
        let partial: TemplateSet.CachedPartial
        let item: String
        let root: String
        var variant = 0
    }

    init(templates: TemplateSet) {
        self.templates = templates
    }

    /// What a page lists for one item shown through its partial. When the template set has
    /// that cached partial, that is the item's HTML, built and rendered on first use, which
    /// the partial's stand-in inserts; otherwise it is the item's full view model, for a
    /// template that renders the item itself. The HTML comes from the partial compiled against
    /// the item's typed model (`model`) when the templates compiled (`TypedPartials`), else
    /// from swift-mustache with the item's view model (`build`).
    func item<M>(
        _ key: Key, typed: KeyPath<TypedPartials, TemplateRenderer<M>>, model: () -> M?, build: () -> Fields?
    ) -> Any? {
        guard templates.cachedPartials.contains(key.partial) else { return build() }
        if let html = rendered.withLock({ $0[key] }) { return html }
        // Rendered outside the lock; two threads may both render a fragment once, harmlessly.
        var text = ""
        if let partials = templates.typed?.partials {
            guard let item = model() else { return nil }
            partials[keyPath: typed](item, &text)
        } else {
            guard let item = build() else { return nil }
            text = templates.templates[key.partial.rawValue]?.render(item, library: templates.fragments) ?? ""
        }
        let html = Fragment(renderText: text, id: renderings.add(1, ordering: .relaxed).oldValue)
        rendered.withLock { $0[key] = html }
        return html
    }

    /// Forgets the fragments `isStale` picks, so they are rendered again on next use: what a
    /// rebuild does for the items whose content changed.
    func invalidate(where isStale: (Key) -> Bool) {
        rendered.withLock { cache in
            let stale = cache.keys.filter(isStale)
            for key in stale { cache[key] = nil }
        }
    }
}

/// A rendered cached partial. Immutable and numbered once per rendering: two view models that
/// hold the same number hold the same HTML, so hashing a page's view model hashes the number,
/// not the HTML (the site header and footer are on every page).
struct Fragment: MustacheCustomRenderable, Sendable {
    let renderText: String
    let id: Int
    var isNull: Bool { false }
}
