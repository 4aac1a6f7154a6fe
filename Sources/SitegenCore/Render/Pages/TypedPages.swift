/// The page types whose templates are compiled against typed models, compiled once per
/// template set. Each needs the cached partials its model holds as fragments; a template set
/// without them renders those pages through swift-mustache, as every other page still is.
struct TypedPages: Sendable {
    let notFound: TemplateRenderer<NotFoundPage>
    let corrections: TemplateRenderer<CorrectionsPage>
    let search: TemplateRenderer<SearchPage>
    let brief: TemplateRenderer<BriefPage>
    let event: TemplateRenderer<EventPage>
    let listing: TemplateRenderer<ListingPage>
    let person: TemplateRenderer<PersonPage>
    let organization: TemplateRenderer<OrganizationPage>
    let topic: TemplateRenderer<TopicPage>
    let page: TemplateRenderer<StaticPage>
    let source: TemplateRenderer<SourcePage>
    let home: TemplateRenderer<HomePage>
    let timeline: TemplateRenderer<TimelinePage>
    /// Each kind's list page (`briefs`, `people`…), by kind.
    let lists: [ContentKind: TemplateRenderer<ListPage>]
    /// The cached partials, each compiled against its item's model.
    let partials: TypedPartials

    /// The cached partials the typed page models hold as rendered fragments: all of them.
    static let neededPartials = Set(TemplateSet.CachedPartial.allCases)

    /// Compiles the typed pages' templates from the templates' text, cached partials replaced
    /// by their stand-in (`{{{.}}}`: a page holds their rendered HTML). Each tag bound to no
    /// value of its page's model is an error at its template's line and column.
    static func compile(
        sources: [String: (path: String, text: String)], cached: Set<TemplateSet.CachedPartial>
    ) -> (TypedPages?, [Diagnostic]) {
        guard neededPartials.isSubset(of: cached) else { return (nil, []) }
        var parsed: [String: (nodes: [MustacheNode], path: String)] = [:]
        for (name, source) in sources {
            // Syntax errors are swift-mustache's to report, at the same place, while it renders
            // the other pages.
            guard let nodes = try? MustacheParser.parse(source.text) else { return (nil, []) }
            parsed[name] = (nodes, source.path)
        }
        // Cached partials are compiled as written against their items' models, with the date
        // partial a stand-in (`{{{.}}}`: a date's fragment); pages get every cached partial as a
        // stand-in (a page holds their rendered HTML).
        let standIn = MustacheNode.variable(MustacheName(parts: ["."], position: MustachePosition(line: 1, column: 1)), escaped: false)
        let asWritten = TemplateCompiler(templates: parsed)
        var forPartials = parsed
        forPartials[TemplateSet.CachedPartial.date.rawValue]?.nodes = [standIn]
        for partial in cached { parsed[partial.rawValue]?.nodes = [standIn] }
        let pageCompiler = TemplateCompiler(templates: parsed)
        let partialCompiler = TemplateCompiler(templates: forPartials)
        // Each page type is compiled on its own, so one run reports a problem of each (a
        // problem in the layout, which every page shares, once).
        var problems: [TemplateProblem] = []
        func compiled<M: TemplateModel>(
            _ template: String, _ model: M.Type, with compiler: TemplateCompiler? = nil
        ) -> TemplateRenderer<M>? {
            do {
                return try (compiler ?? pageCompiler).compile(template, for: model)
            } catch {
                if !problems.contains(where: { ($0.path, $0.line, $0.column) == (error.path, error.line, error.column) }) {
                    problems.append(error)
                }
                return nil
            }
        }
        let notFound = compiled(NotFoundPage.template, NotFoundPage.self)
        let corrections = compiled(CorrectionsPage.template, CorrectionsPage.self)
        let search = compiled(SearchPage.template, SearchPage.self)
        let brief = compiled(BriefPage.template, BriefPage.self)
        let event = compiled(EventPage.template, EventPage.self)
        let listing = compiled(ListingPage.template, ListingPage.self)
        let person = compiled(PersonPage.template, PersonPage.self)
        let organization = compiled(OrganizationPage.template, OrganizationPage.self)
        let topic = compiled(TopicPage.template, TopicPage.self)
        let page = compiled(StaticPage.template, StaticPage.self)
        let source = compiled(SourcePage.template, SourcePage.self)
        let home = compiled(HomePage.template, HomePage.self)
        let timeline = compiled(TimelinePage.template, TimelinePage.self)
        var lists: [ContentKind: TemplateRenderer<ListPage>] = [:]
        var everyList = true
        for kind in ContentKind.documentKinds where kind != .event {
            guard let name = kind.entry.list else { continue }
            if let render = compiled(name, ListPage.self) { lists[kind] = render } else { everyList = false }
        }
        func partial<M: TemplateModel>(_ template: TemplateSet.CachedPartial, _ model: M.Type) -> TemplateRenderer<M>? {
            // The date partial itself as written; the others with dates as their fragments.
            compiled(template.rawValue, model, with: template == .date ? asWritten : partialCompiler)
        }
        let cards = (
            partial(.brief, BriefCard.self), partial(.person, PersonCard.self), partial(.organization, OrganizationCard.self),
            partial(.topic, TopicCard.self), partial(.event, EventRow.self)
        )
        let chrome = (partial(.header, SiteHeader.self), partial(.footer, SiteFooter.self), partial(.date, DateModel.Texts.self))
        var partials: TypedPartials?
        if let brief = cards.0, let person = cards.1, let organization = cards.2, let topic = cards.3, let event = cards.4,
            let header = chrome.0, let footer = chrome.1, let date = chrome.2
        {
            partials = TypedPartials(
                brief: brief, person: person, organization: organization, topic: topic, event: event, header: header,
                footer: footer, date: date)
        }
        let diagnostics = problems.map { problem in
            let text = sources.values.first { $0.path == problem.path }?.text ?? ""
            return SourceFile(path: problem.path, text: text).error(
                "template.unknown-key", problem.message, line: problem.line, column: problem.column,
                hint: problem.hint ?? "see the values each template can read in docs/template-values.md")
        }
        guard let notFound, let corrections, let search, let brief, let event, let listing, let person, let organization,
            let topic, let page, let source, let home, let timeline, everyList, let partials
        else {
            return (nil, diagnostics)
        }
        let pages = TypedPages(
            notFound: notFound, corrections: corrections, search: search, brief: brief, event: event, listing: listing,
            person: person, organization: organization, topic: topic, page: page, source: source, home: home,
            timeline: timeline, lists: lists, partials: partials)
        return (pages, diagnostics)
    }
}
