/// Every page type's template compiled against its model, once per template set (and, by
/// `compile`, every cached partial against its item's).
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

    /// Compiles every page template and cached partial. In a page, including a cached partial
    /// the set has inserts the item's HTML, rendered before (`standIns`); in the cached
    /// partials, so does including the date partial. Each tag bound to no value of its model is an error at
    /// its template's line and column; one run reports a problem in each template (a problem
    /// in the layout, which every page shares, once).
    static func compile(
        parsed: [String: (nodes: [MustacheNode], path: String)], sources: [String: (path: String, text: String)],
        cached: Set<TemplateSet.CachedPartial>
    ) -> (TypedPages?, TypedPartials, [Diagnostic]) {
        let asWritten = TemplateCompiler(templates: parsed)
        let pageCompiler = TemplateCompiler(templates: parsed, standIns: Set(cached.map(\.rawValue)))
        let partialCompiler = TemplateCompiler(
            templates: parsed, standIns: cached.contains(.date) ? [TemplateSet.CachedPartial.date.rawValue] : [])
        var problems: [TemplateProblem] = []
        func compiled<M: TemplateModel>(_ template: String, _ model: M.Type, with compiler: TemplateCompiler) -> TemplateRenderer<M>? {
            do {
                return try compiler.compile(template, for: model)
            } catch {
                if !problems.contains(where: { ($0.path, $0.line, $0.column) == (error.path, error.line, error.column) }) {
                    problems.append(error)
                }
                return nil
            }
        }
        func page<M: TemplateModel>(_ template: String, _ model: M.Type) -> TemplateRenderer<M>? {
            compiled(template, model, with: pageCompiler)
        }
        func partial<M: TemplateModel>(_ template: TemplateSet.CachedPartial, _ model: M.Type) -> TemplateRenderer<M>? {
            guard cached.contains(template) else { return nil }
            // The date partial itself as written; the others with dates as their fragments.
            return compiled(template.rawValue, model, with: template == .date ? asWritten : partialCompiler)
        }
        let partials = TypedPartials(
            brief: partial(.brief, BriefCard.self), person: partial(.person, PersonCard.self),
            organization: partial(.organization, OrganizationCard.self), topic: partial(.topic, TopicCard.self),
            event: partial(.event, EventRow.self), header: partial(.header, SiteHeader.self),
            footer: partial(.footer, SiteFooter.self), date: partial(.date, DateTexts.self))
        let notFound = page(NotFoundPage.template, NotFoundPage.self)
        let corrections = page(CorrectionsPage.template, CorrectionsPage.self)
        let search = page(SearchPage.template, SearchPage.self)
        let brief = page(BriefPage.template, BriefPage.self)
        let event = page(EventPage.template, EventPage.self)
        let listing = page(ListingPage.template, ListingPage.self)
        let person = page(PersonPage.template, PersonPage.self)
        let organization = page(OrganizationPage.template, OrganizationPage.self)
        let topic = page(TopicPage.template, TopicPage.self)
        let staticPage = page(StaticPage.template, StaticPage.self)
        let source = page(SourcePage.template, SourcePage.self)
        let home = page(HomePage.template, HomePage.self)
        let timeline = page(TimelinePage.template, TimelinePage.self)
        var lists: [ContentKind: TemplateRenderer<ListPage>] = [:]
        for kind in ContentKind.documentKinds where kind != .event {
            guard let name = kind.entry.list else { continue }
            lists[kind] = page(name, ListPage.self)
        }
        let diagnostics = problems.map { problem in
            let text = sources.values.first { $0.path == problem.path }?.text ?? ""
            return SourceFile(path: problem.path, text: text).error(
                "template.unknown-key", problem.message, line: problem.line, column: problem.column,
                hint: problem.hint ?? "see the values each template can read in docs/template-values.md")
        }
        guard problems.isEmpty, let notFound, let corrections, let search, let brief, let event, let listing, let person,
            let organization, let topic, let staticPage, let source, let home, let timeline
        else {
            return (nil, partials, diagnostics)
        }
        let pages = TypedPages(
            notFound: notFound, corrections: corrections, search: search, brief: brief, event: event, listing: listing,
            person: person, organization: organization, topic: topic, page: staticPage, source: source, home: home,
            timeline: timeline, lists: lists)
        return (pages, partials, diagnostics)
    }
}
