/// What content says, checked beyond its shape: quotes proven against their source documents
/// (`QuoteCheck`) and the editor's policies from `site.md` (`Policies`). Run by every build,
/// `sitegen check` and `serve`.
enum ContentChecks {
    struct Result: Sendable {
        var diagnostics: [Diagnostic]
        /// The quotes each source document proves, by slug.
        var provenQuotes: [String: [ProvenQuote]]
        var counts: ProofCounts
        /// Each page's checks and what they read: what `rechecked` starts from.
        let pages: Pages
    }

    /// What each page's checks found, in checking order, and what the checks read beside the
    /// pages (the source texts, the people's names, the figure tables). A page's result depends
    /// only on those and the page itself.
    struct Pages: Sendable {
        fileprivate var ids: [DocumentID]
        fileprivate var results: [PageResult]
        fileprivate let texts: SourceTexts
        fileprivate let names: [UInt64: [String]]
        fileprivate let tables: FigureCheck.Tables
        fileprivate let policies: Policies
    }

    fileprivate struct PageResult: Sendable {
        var diagnostics: [Diagnostic] = []
        var proven: [String: [ProvenQuote]] = [:]
        var counts = ProofCounts()
    }

    /// The checks of `content`, started on a thread of their own: they need no graph, so they
    /// run while the graph is built (whose related briefs and sorting leave a core idle).
    static func start(_ content: ContentSet, bodies: [DocumentID: RenderedMarkdown], jobs: Int) -> Background<Result> {
        Background(jobs: jobs) {
            run(site: content.site, documents: content.allDocuments, bodies: bodies, jobs: jobs, unpublished: content.unpublished)
        }
    }

    static func run(
        site: Site?, documents: [any Document], bodies: [DocumentID: RenderedMarkdown], jobs: Int,
        unpublished: [UnpublishedDocument] = []
    ) -> Result {
        let texts = SourceTexts(documents, jobs: jobs)
        let policies = site?.policies ?? Policies()
        var check = QuoteCheck(documents: documents, bodies: bodies, texts: texts, jobs: jobs)
        check.punctuation = policies.quotePunctuation
        check.site = site
        check.unpublished = unpublished
        let names = check.names
        let siteText: [any Document] = site.map { [SiteText(citations: $0.citations, body: $0.body)] } ?? []
        let figures = FigureCheck(documents: documents + siteText, bodies: bodies, texts: texts, site: site)
        let tables = figures.tables
        let quoted = check.byPage(names: names)
        // Figures and policies of the published pages (not of files whose front matter failed).
        let published = Dictionary((documents + siteText).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let results = parallelMap(quoted.count, jobs: jobs) { i in
            var page = PageResult(diagnostics: quoted[i].result.diagnostics, proven: quoted[i].result.proven, counts: quoted[i].result.counts)
            if let document = published[quoted[i].id] { more(document, figures: figures, tables: tables, policies: policies, into: &page) }
            return page
        }
        let pages = Pages(
            ids: quoted.map(\.id), results: results, texts: texts, names: names, tables: tables, policies: policies)
        return merged(pages, figuresChecked: policies.figures != .off)
    }

    /// The checks after the bodies of `ids` changed and nothing else did (`serve`'s body
    /// edits): those pages checked again, every other page's result kept. Nil when one of
    /// them is a source document, whose text every page citing it is checked against.
    static func rechecked(
        _ previous: Result, ids: Set<DocumentID>, site: Site, documents: (DocumentID) -> (any Document)?,
        bodies: [DocumentID: RenderedMarkdown]
    ) -> Result? {
        guard !ids.contains(where: { $0.kind == .source }) else { return nil }
        var pages = previous.pages
        var check = QuoteCheck(documents: [], bodies: bodies, texts: pages.texts, jobs: 1)
        check.punctuation = pages.policies.quotePunctuation
        check.site = site
        let siteText = SiteText(citations: site.citations, body: site.body)
        let figures = FigureCheck(documents: [], bodies: bodies, texts: pages.texts, site: site)
        for (i, id) in pages.ids.enumerated() where ids.contains(id) {
            let document: (any Document)? = id == .site ? siteText : documents(id)
            let quoted = check.check(id, document, names: pages.names)
            var page = PageResult(diagnostics: quoted.diagnostics, proven: quoted.proven, counts: quoted.counts)
            if let document { more(document, figures: figures, tables: pages.tables, policies: pages.policies, into: &page) }
            pages.results[i] = page
        }
        return merged(pages, figuresChecked: previous.counts.figuresChecked)
    }

    /// The checks after the files of `changed` documents changed and nothing else did
    /// (`serve`, whose caller passes no result when `site.md` changed): those pages checked
    /// again, every other page's result kept. Nil when a change reaches other pages' checks:
    /// a source document (pages are checked against its text), a person's name or aliases
    /// (who a passage names), a date a linking page's figures may give, or the pages
    /// themselves (a file added, removed, or whose front matter failed).
    static func updated(
        _ previous: Result, content: ContentSet, bodies: [DocumentID: RenderedMarkdown], changed: Set<DocumentID>
    ) -> Result? {
        let pages = previous.pages
        guard let site = content.site, content.unpublished.isEmpty,
            !changed.contains(where: { $0.kind == .source || $0.kind == .site }),
            Set((content.documents[.source] ?? []).map(\.slug)) == Set(pages.texts.bySlug.keys)
        else { return nil }
        let documents = content.allDocuments
        guard documents.filter({ $0.id.kind.entry.bodyIsMarkdown }).map(\.id) + [.site] == pages.ids else { return nil }
        var edited: [DocumentID: any Document] = [:]
        for d in documents where changed.contains(d.id) { edited[d.id] = d }
        guard edited.allSatisfy({ FigureCheck.dates(of: $0.value) == pages.tables.dates[$0.key] }),
            QuoteCheck(documents: content.documents[.person] ?? [], bodies: [:], texts: pages.texts, jobs: 1).names
                == pages.names
        else { return nil }
        return rechecked(previous, ids: changed, site: site, documents: { edited[$0] }, bodies: bodies)
    }

    /// A published page's figures and the policies' problems, after its quotes.
    private static func more(
        _ document: any Document, figures: FigureCheck, tables: FigureCheck.Tables, policies: Policies,
        into page: inout PageResult
    ) {
        let found = figures.check(document, tables)
        page.diagnostics += found.diagnostics
        page.counts.add(found.counts)
        page.diagnostics += policyProblems(policies, documents: [document], bodies: figures.bodies)
    }

    /// Every page's results in one.
    private static func merged(_ pages: Pages, figuresChecked: Bool) -> Result {
        var diagnostics: [Diagnostic] = []
        var proven: [String: [ProvenQuote]] = [:]
        var counts = ProofCounts()
        counts.figuresChecked = figuresChecked
        for page in pages.results {
            diagnostics += page.diagnostics
            for (slug, quotes) in page.proven { proven[slug, default: []] += quotes }
            counts.add(page.counts)
        }
        return Result(diagnostics: diagnostics, provenQuotes: inFileOrder(proven), counts: counts, pages: pages)
    }

    /// Each document's quotes in the order of its pages' files: kind by kind, each kind's files
    /// by name, then `site.md`, and a page's own quotes in their order. Whatever order the
    /// documents were checked in (a full build checks them in file order; `serve`, after a
    /// body edit, in the graph's), the lists are the same.
    static func inFileOrder(_ proven: [String: [ProvenQuote]]) -> [String: [ProvenQuote]] {
        let kinds = ContentKind.documentKinds
        func rank(_ page: DocumentID) -> Int { kinds.firstIndex(of: page.kind) ?? kinds.count }
        return proven.mapValues { quotes in
            // Each quote's key made once: its page's kind, its page's file name, its place.
            quotes.enumerated().map { (rank: rank($0.element.page), file: $0.element.page.slug + ".md", at: $0.offset, quote: $0.element) }
                .sorted { ($0.rank, $0.file, $0.at) < ($1.rank, $1.file, $1.at) }.map(\.quote)
        }
    }

    static func policyProblems(
        _ policies: Policies, documents: [any Document], bodies: [DocumentID: RenderedMarkdown]
    ) -> [Diagnostic] {
        guard let range = policies.briefWords else { return [] }
        return documents.compactMap { d -> Diagnostic? in
            // Drafts are being written: the policy holds for published briefs.
            guard let brief = d as? Brief, !brief.isDraft, let words = bodies[brief.id]?.wordCount,
                !range.words.contains(words)
            else {
                return nil
            }
            let file = brief.body.file
            let message =
                "brief has \(words) words; site.md's brief-words policy is \(range.words.lowerBound)–\(range.words.upperBound)"
            let hint = words < range.words.lowerBound ? "add to it, or merge it into another brief" : "shorten it, or split it in two"
            return range.isError
                ? file.error("policy.brief-words", message, line: 1, column: 1, hint: hint)
                : file.warning("policy.brief-words", message, line: 1, column: 1, hint: hint)
        }
    }
}

/// `site.md` as a page for the content checks: the home page's introduction and the documents
/// it cites.
struct SiteText: Document {
    static let kind = ContentKind.site
    let slug = ""
    let citations: [Citation]
    let body: MarkdownSource
    var label: String { "site.md" }
    var references: [ContentReference] { [] }
    var prose: [ProseText] { [] }
    var computedFigures: [String] { [] }
}
