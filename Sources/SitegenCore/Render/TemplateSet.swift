import Mustache

/// The compiled templates of `Templates/`, each parsed once, in two libraries.
///
/// Partials under `partials/cards/` are *cached partials*, like Hugo's `partialCached`: each
/// is rendered once per item and page depth and the result reused on every page that lists
/// that item. So a cached partial must read only the keys of the item it is given. In the page
/// library such a partial is a stand-in that inserts the item's pre-rendered HTML.
public struct TemplateSet: Sendable {
    /// For pages: cached partials replaced by their stand-ins.
    let pages: MustacheLibrary
    /// As written: what cached partials are rendered with.
    let fragments: MustacheLibrary
    /// The cached partials this template set has.
    let cachedPartials: Set<CachedPartial>

    /// The page templates a site needs; partials are whatever else is there.
    public static let pageTemplates = [
        "home", "briefs", "brief", "timeline", "event", "people", "person", "organizations", "organization",
        "topics", "topic", "page", "404",
    ]

    /// A partial rendered once per item, and the key its stand-in reads the HTML from.
    enum CachedPartial: String, CaseIterable, Sendable {
        case brief = "partials/cards/brief"
        case person = "partials/cards/person"
        case organization = "partials/cards/organization"
        case topic = "partials/cards/topic"
        case event = "partials/cards/event"

        var htmlKey: String { "cachedHTML_" + String(describing: self) }
    }

    init(templates: [String: MustacheTemplate]) throws {
        var pageTemplates = templates
        var cached: Set<CachedPartial> = []
        for partial in CachedPartial.allCases where templates[partial.rawValue] != nil {
            pageTemplates[partial.rawValue] = try MustacheTemplate(string: "{{{\(partial.htmlKey)}}}")
            cached.insert(partial)
        }
        self.pages = MustacheLibrary(templates: pageTemplates)
        self.fragments = MustacheLibrary(templates: templates)
        self.cachedPartials = cached
    }

    func render(_ context: [String: Any], with name: String) -> String {
        pages.render(context, withTemplate: name) ?? ""
    }
}

/// One thread's cache of rendered cached partials, keyed by partial, item and page depth.
final class FragmentCache {
    let templates: TemplateSet
    private var rendered: [String: String] = [:]

    init(templates: TemplateSet) {
        self.templates = templates
    }

    /// The view model of one item shown through `partial`. When the template set has that
    /// cached partial, the item is only its rendered HTML, built and rendered on first use;
    /// otherwise it is the full view model, for a template that renders the item itself.
    func item(_ partial: TemplateSet.CachedPartial, key: String, build: () -> [String: Any]?) -> [String: Any]? {
        guard templates.cachedPartials.contains(partial) else { return build() }
        let cacheKey = partial.rawValue + "|" + key
        if let html = rendered[cacheKey] { return [partial.htmlKey: html] }
        guard let item = build() else { return nil }
        let html = templates.fragments.render(item, withTemplate: partial.rawValue) ?? ""
        rendered[cacheKey] = html
        return [partial.htmlKey: html]
    }
}
