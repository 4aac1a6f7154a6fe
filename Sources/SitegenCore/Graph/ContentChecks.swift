/// What content says, checked beyond its shape: quotes proven against their source documents
/// (`QuoteCheck`) and the editor's policies from `site.md` (`Policies`). Run by every build,
/// `sitegen check` and `serve`.
enum ContentChecks {
    struct Result: Sendable {
        var diagnostics: [Diagnostic]
        /// The quotes each source document proves, by slug.
        var provenQuotes: [String: [ProvenQuote]]
        var counts: ProofCounts
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
        let quotes = check.run()
        let siteText: [any Document] = site.map { [SiteText(citations: $0.citations, body: $0.body)] } ?? []
        let figures = FigureCheck(documents: documents + siteText, bodies: bodies, texts: texts, site: site).run()
        var diagnostics = quotes.diagnostics + figures.diagnostics
        diagnostics += policyProblems(policies, documents: documents, bodies: bodies)
        var counts = quotes.counts
        counts.figures = figures.counts.figures
        counts.computedFigures = figures.counts.computedFigures
        counts.unsourcedFigures = figures.counts.unsourcedFigures
        counts.figuresChecked = policies.figures != .off
        return Result(diagnostics: diagnostics, provenQuotes: inFileOrder(quotes.proven), counts: counts)
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
