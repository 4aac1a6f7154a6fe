/// The parse stage: front matter of every loaded file, read into typed content by its schema.
public struct ContentParser: Sendable {
    public let includeDrafts: Bool
    public let jobs: Int

    public init(includeDrafts: Bool, jobs: Int = 1) {
        self.includeDrafts = includeDrafts
        self.jobs = jobs
    }

    /// Parses every loaded file, on every core.
    public func parse(_ loaded: LoadedContent) -> (ContentSet, [Diagnostic]) {
        let files = loaded.files
        let parsed = parallelMap(files.count, jobs: jobs) { i in Self.parse(files[i]) }
        return assemble(site: loaded.site, files: files, parsed: parsed)
    }

    /// Whether a parsed document is published in this build (drafts only with `--drafts`).
    func isPublished(_ document: ParsedDocument) -> Bool {
        if case .brief(let brief) = document, brief.isDraft && !includeDrafts { return false }
        return true
    }

    /// The content set from `site.md` and every file parsed with `parse(_:)`, in file order.
    func assemble(
        site: SourceFile?, files: [ContentFile], parsed: [(ParsedDocument, [Diagnostic])]
    ) -> (ContentSet, [Diagnostic]) {
        var set = ContentSet()
        var diagnostics: [Diagnostic] = []
        for file in files {
            set.existing.insert(ContentSet.key(file.kind, file.slug))
        }
        if let site {
            let (document, problems) = FrontMatterParser.parse(site)
            diagnostics += problems
            if let document {
                var reader = FrontMatterReader(
                    map: document.map, file: site, known: Self.siteKeys, what: "site settings")
                let body = MarkdownSource(text: document.body, startLine: document.bodyStartLine, file: site)
                set.site = Self.site(&reader, body)
                diagnostics += reader.diagnostics
            }
        }
        for (document, problems) in parsed {
            diagnostics += problems
            switch document {
            case .brief(let brief):
                if isPublished(document) {
                    set.briefs.append(brief)
                } else {
                    set.existing.remove(ContentSet.key(.brief, brief.slug))
                    let file = brief.body.file
                    let line = (1..<max(1, brief.body.startLine)).first { file.line($0).hasPrefix("draft:") } ?? 1
                    set.drafts[ContentSet.key(.brief, brief.slug)] = file.position(line: line, column: 1)
                }
            case .person(let p): set.people.append(p)
            case .organization(let o): set.organizations.append(o)
            case .event(let e): set.events.append(e)
            case .topic(let t): set.topics.append(t)
            case .page(let p): set.pages.append(p)
            case .unpublished(let u): set.unpublished.append(u)
            case .none: break
            }
        }
        return (set, diagnostics)
    }

    /// One file read into its typed document, or kept as unpublished when its front matter fails.
    enum ParsedDocument: Sendable {
        case brief(Brief), person(Person), organization(Organization), event(Event), topic(Topic), page(Page)
        case unpublished(UnpublishedDocument)
        case none
    }

    static func parse(_ file: ContentFile) -> (ParsedDocument, [Diagnostic]) {
        let (document, problems) = FrontMatterParser.parse(file.source)
        guard let document else { return (.none, problems) }
        let md = MarkdownSource(text: document.body, startLine: document.bodyStartLine, file: file.source)
        var reader: FrontMatterReader
        let parsed: ParsedDocument?
        var extra: [Diagnostic] = []
        func make(_ keys: [String], _ what: String) -> FrontMatterReader {
            FrontMatterReader(map: document.map, file: file.source, known: keys, what: what)
        }
        switch file.kind {
        case .site:
            return (.none, problems)
        case .brief:
            reader = make(briefKeys, "a brief")
            parsed = brief(&reader, file.slug, md).map(ParsedDocument.brief)
        case .person:
            reader = make(personKeys, "a profile")
            parsed = person(&reader, file.slug, md).map(ParsedDocument.person)
        case .organization:
            reader = make(organizationKeys, "an organization")
            parsed = organization(&reader, file.slug, md).map(ParsedDocument.organization)
        case .event:
            reader = make(eventKeys, "an event")
            parsed = event(&reader, file.slug, md).map(ParsedDocument.event)
        case .topic:
            reader = make(topicKeys, "a topic")
            parsed = topic(&reader, file.slug, md).map(ParsedDocument.topic)
        case .page:
            reader = make(pageKeys, "a page")
            if reservedPageSlugs.contains(file.slug) {
                extra.append(
                    file.source.error(
                        "content.reserved-slug", "page slug '\(file.slug)' is a section of the site", line: 1,
                        hint: "rename the file; \(reservedPageSlugs.sorted().joined(separator: ", ")) are taken"))
                parsed = nil
            } else {
                parsed = page(&reader, file.slug, md).map(ParsedDocument.page)
            }
        }
        let all = problems + extra + reader.diagnostics
        if let parsed { return (parsed, all) }
        return (
            .unpublished(
                UnpublishedDocument(kind: file.kind, slug: file.slug, references: reader.references, body: md)), all
        )
    }

    static let reservedPageSlugs: Set<String> = [
        "briefs", "timeline", "events", "people", "organizations", "topics", "assets", "feed", "sitemap", "404",
    ]

    // MARK: Schemas

    static let siteKeys = ["title", "description", "language", "as-of", "base-url", "editors"] + ContentLimits.keys
    static let briefKeys = [
        "title", "summary", "date", "updated", "kind", "people", "organizations", "topics", "events", "sources",
        "featured", "draft",
    ]
    static let personKeys = ["name", "role", "summary", "country", "affiliations", "aliases", "quotes", "sources"]
    static let organizationKeys = ["name", "short-name", "kind", "country", "summary", "sources"]
    static let eventKeys = [
        "title", "date", "end", "location", "people", "organizations", "topics", "after", "sources",
    ]
    static let topicKeys = ["title", "summary"]
    static let pageKeys = ["title", "summary", "menu"]

    static func site(_ r: inout FrontMatterReader, _ body: MarkdownSource) -> Site? {
        let title = r.text("title", required: true).map(Typography.smartQuotes)
        let description = r.text("description", required: true).map(Typography.smartQuotes)
        let language = r.text("language", required: true)
        let asOf = r.date("as-of", required: true)
        var baseURL = r.url("base-url")
        if let url = baseURL, !url.hasSuffix("/") { baseURL = url + "/" }
        let editors = r.texts("editors")
        var limits = ContentLimits()
        if let n = r.positiveInteger("max-body-bytes") { limits.bodyBytes = n }
        if let n = r.positiveInteger("max-table-columns") { limits.tableColumns = n }
        if let n = r.positiveInteger("max-link-length") { limits.linkLength = n }
        guard let title, let description, let language, let asOf, !r.failed else { return nil }
        return Site(
            title: title, description: description, language: language, asOf: asOf, baseURL: baseURL,
            editors: editors, limits: limits, body: body)
    }

    static func brief(_ r: inout FrontMatterReader, _ slug: String, _ body: MarkdownSource) -> Brief? {
        let title = r.text("title", required: true).map(Typography.smartQuotes)
        let summary = r.text("summary", required: true).map(Typography.smartQuotes)
        let date = r.date("date", required: true)
        let updated = r.date("updated")
        let kind = r.choice("kind", as: BriefKind.self, required: true)
        let people = r.references("people", to: .person)
        let organizations = r.references("organizations", to: .organization)
        let topics = r.references("topics", to: .topic)
        let events = r.references("events", to: .event)
        let sources = r.sources()
        let featured = r.bool("featured")
        let draft = r.bool("draft")
        guard let title, let summary, let date, let kind, !r.failed else { return nil }
        return Brief(
            slug: slug, title: title, summary: summary, date: date, updated: updated, kind: kind, people: people,
            organizations: organizations, topics: topics, events: events, sources: sources, isFeatured: featured,
            isDraft: draft, body: body)
    }

    static func person(_ r: inout FrontMatterReader, _ slug: String, _ body: MarkdownSource) -> Person? {
        let name = r.text("name", required: true).map(Typography.smartQuotes)
        let role = r.text("role", required: true).map(Typography.smartQuotes)
        let summary = r.text("summary", required: true).map(Typography.smartQuotes)
        let country = r.text("country")
        let affiliations = r.references("affiliations", to: .organization)
        let aliases = r.texts("aliases")
        let quotes = r.quotes()
        let sources = r.sources()
        guard let name, let role, let summary, !r.failed else { return nil }
        return Person(
            slug: slug, name: name, role: role, summary: summary, country: country, affiliations: affiliations,
            aliases: aliases, quotes: quotes, sources: sources, body: body)
    }

    static func organization(_ r: inout FrontMatterReader, _ slug: String, _ body: MarkdownSource) -> Organization? {
        let name = r.text("name", required: true).map(Typography.smartQuotes)
        let shortName = r.text("short-name").map(Typography.smartQuotes)
        let kind = r.choice("kind", as: OrganizationKind.self, required: true)
        let country = r.text("country")
        let summary = r.text("summary", required: true).map(Typography.smartQuotes)
        let sources = r.sources()
        guard let name, let kind, let summary, !r.failed else { return nil }
        return Organization(
            slug: slug, name: name, shortName: shortName, kind: kind, country: country, summary: summary,
            sources: sources, body: body)
    }

    static func event(_ r: inout FrontMatterReader, _ slug: String, _ body: MarkdownSource) -> Event? {
        let title = r.text("title", required: true).map(Typography.smartQuotes)
        let date = r.date("date", required: true)
        let end = r.date("end")
        let location = r.text("location").map(Typography.smartQuotes)
        let people = r.references("people", to: .person)
        let organizations = r.references("organizations", to: .organization)
        let topics = r.references("topics", to: .topic)
        let after = r.references("after", to: .event)
        let sources = r.sources()
        if let date, let end, end.firstDay <= date.firstDay || end.precision != .day || date.precision != .day,
            let entry = r.map["end"], case .scalar(let s) = entry.value
        {
            r.report(
                "frontmatter.invalid-end", "'end' must be a day after 'date' (\(date.iso))", line: s.line,
                column: s.column, hint: "'end' is the last day of an event that spans days; both need day precision")
        }
        guard let title, let date, !r.failed else { return nil }
        return Event(
            slug: slug, title: title, date: date, end: end, location: location, people: people,
            organizations: organizations, topics: topics, after: after, sources: sources, body: body)
    }

    static func topic(_ r: inout FrontMatterReader, _ slug: String, _ body: MarkdownSource) -> Topic? {
        let title = r.text("title", required: true).map(Typography.smartQuotes)
        let summary = r.text("summary", required: true).map(Typography.smartQuotes)
        guard let title, let summary, !r.failed else { return nil }
        return Topic(slug: slug, title: title, summary: summary, body: body)
    }

    static func page(_ r: inout FrontMatterReader, _ slug: String, _ body: MarkdownSource) -> Page? {
        let title = r.text("title", required: true).map(Typography.smartQuotes)
        let summary = r.text("summary", required: true).map(Typography.smartQuotes)
        let menu = r.bool("menu")
        guard let title, let summary, !r.failed else { return nil }
        return Page(slug: slug, title: title, summary: summary, isInMenu: menu, body: body)
    }
}
