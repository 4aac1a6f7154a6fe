/// The parse stage: front matter of every loaded file, read into typed content by its schema.
public struct ContentParser: Sendable {
    public let includeDrafts: Bool
    public let jobs: Int

    public init(includeDrafts: Bool, jobs: Int = 1) {
        self.includeDrafts = includeDrafts
        self.jobs = jobs
    }

    /// Whether a parsed document is published in this build (drafts only with `--drafts`).
    func isPublished(_ document: ParsedDocument) -> Bool {
        if case .document(let d) = document, d.isDraft && !includeDrafts { return false }
        return true
    }

    /// The content set from `site.md` and every file parsed with `parse(_:)`, in file order.
    func assemble(
        site: SourceFile?, files: [ContentFile], parsed: [(ParsedDocument, [Diagnostic])]
    ) -> (ContentSet, [Diagnostic]) {
        var set = ContentSet()
        var diagnostics: [Diagnostic] = []
        for file in files {
            set.existing.insert(file.id)
        }
        if let site {
            let (document, problems) = FrontMatterParser.parse(site)
            diagnostics += problems
            if let document {
                var reader = FrontMatterReader(
                    map: document.map, file: site, known: Self.siteKeys, what: "site settings")
                let body = MarkdownSource(file: site, startLine: document.bodyStartLine)
                set.site = Self.site(&reader, body)
                diagnostics += reader.diagnostics
            }
        }
        for (document, problems) in parsed {
            diagnostics += problems
            switch document {
            case .document(let d):
                if isPublished(document) {
                    set.documents[d.id.kind, default: []].append(d)
                } else {
                    set.existing.remove(d.id)
                    let file = d.body.file
                    let line = (1..<max(1, d.body.startLine)).first { file.line($0).hasPrefix("draft:") } ?? 1
                    set.drafts[d.id] = file.position(line: line, column: 1)
                    set.draftDocuments.append(d)
                }
            case .unpublished(let u): set.unpublished.append(u)
            case .none: break
            }
        }
        return (set, diagnostics)
    }

    /// One file read into its typed document, or kept as unpublished when its front matter fails.
    enum ParsedDocument: Sendable {
        case document(any Document)
        case unpublished(UnpublishedDocument)
        case none

        /// The document's id and body: what the Markdown stage renders.
        var body: (id: DocumentID, body: MarkdownSource)? {
            switch self {
            case .document(let d): (d.id, d.body)
            case .unpublished(let u): (u.id, u.body)
            case .none: nil
            }
        }
    }

    /// A file read by its kind's schema (`ContentKind.entry.type`).
    static func parse(_ file: ContentFile) -> (ParsedDocument, [Diagnostic]) {
        let (document, problems) = FrontMatterParser.parse(file.source)
        guard let document, let type = file.kind.entry.type else { return (.none, problems) }
        let md = MarkdownSource(file: file.source, startLine: document.bodyStartLine)
        // Every kind with a Markdown body may list the figures it works out (`computed:`).
        let computed = file.kind.entry.bodyIsMarkdown
        var reader = FrontMatterReader(
            map: document.map, file: file.source, known: type.keys + (computed ? ["computed"] : []), what: type.noun)
        var parsed = type.read(&reader, slug: file.slug, body: md)
        let figures = computed ? reader.texts("computed") : []
        parsed?.prose = reader.prose
        parsed?.computedFigures = figures
        let all = problems + reader.diagnostics
        if let parsed { return (.document(parsed), all) }
        return (.unpublished(UnpublishedDocument(id: file.id, references: reader.references, body: md)), all)
    }

    // MARK: Schemas

    static let siteKeys = ["title", "description", "language", "as-of", "base-url", "editors"] + ContentLimits.keys + Policies.keys + ["contact", "image"]
        + PaginationSettings.keys + ["search", "search-timeout", "sources"]

    static func site(_ r: inout FrontMatterReader, _ body: MarkdownSource) -> Site? {
        let title = r.text("title", required: true).map(Typography.smartQuotes)
        let description = r.text("description", required: true).map(Typography.smartQuotes)
        let language = r.languageTag("language")
        let asOf = r.date("as-of", required: true)
        var baseURL = r.url("base-url")
        if let url = baseURL, !url.hasSuffix("/") { baseURL = url + "/" }
        let editors = r.texts("editors")
        var limits = ContentLimits()
        if let n = r.positiveInteger("max-body-bytes") { limits.bodyBytes = n }
        if let n = r.positiveInteger("max-table-columns") { limits.tableColumns = n }
        if let n = r.positiveInteger("max-link-length") { limits.linkLength = n }
        var policies = Policies(briefWords: r.wordRange("brief-words"))
        if let punctuation = r.choice("quote-punctuation", as: QuoteMatcher.Punctuation.self) {
            policies.quotePunctuation = punctuation
        }
        if let figures = r.choice("figures", as: Policies.FigurePolicy.self) { policies.figures = figures }
        let contact = r.contact("contact")
        let image = r.url("image")
        var archive = PaginationSettings()
        if let n = r.positiveInteger("page-size") { archive.pageSize = n }
        if let n = r.positiveInteger("quotes-per-page") { archive.quotesPerPage = n }
        if let n = r.positiveInteger("timeline-split") { archive.timelineSplit = n }
        let search = r.bool("search")
        let searchTimeout = r.positiveInteger("search-timeout", atMost: 86_400)
        let citations = r.citations()
        guard let title, let description, let language, let asOf, !r.failed else { return nil }
        var site = Site(
            title: title, description: description, language: language, asOf: asOf, baseURL: baseURL,
            editors: editors, limits: limits, policies: policies, contact: contact, image: image, body: body)
        site.pagination = archive
        site.search = search
        site.citations = citations
        if let searchTimeout { site.searchTimeout = searchTimeout }
        if let entry = r.map.entries.first(where: { $0.key == "search" }) {
            site.searchPosition = r.file.position(line: entry.line, column: entry.column)
            site.searchLine = r.file.line(entry.line)
        }
        return site
    }
}
