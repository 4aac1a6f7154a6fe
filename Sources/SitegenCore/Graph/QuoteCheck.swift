/// A quote found in a source document, and the page it is on.
public struct ProvenQuote: Sendable, Equatable {
    public let text: String
    public let page: DocumentID
}

/// Proves every quote against the documents its page cites: quotes in front matter against
/// the document each names, quoted text in bodies (block quotes, and runs of four or more words
/// in quotation marks) against any document the page cites in `sources:` or inline.
struct QuoteCheck {
    /// Every published document: the source documents and the pages that quote them.
    let documents: [any Document]
    let bodies: [DocumentID: RenderedMarkdown]
    let jobs: Int

    init(documents: [any Document], bodies: [DocumentID: RenderedMarkdown], jobs: Int) {
        self.documents = documents
        self.bodies = bodies
        self.jobs = jobs
    }

    struct Result {
        var diagnostics: [Diagnostic] = []
        /// The quotes each source document proves, by its slug, in page order.
        var proven: [String: [ProvenQuote]] = [:]
    }

    func run() -> Result {
        let documents = self.documents.compactMap { $0 as? SourceDocument }
        let texts = parallelMap(documents.count, jobs: jobs) { QuoteMatcher.Text(documents[$0].body.text) }
        let bySlug = Dictionary(zip(documents.map(\.slug), texts), uniquingKeysWith: { a, _ in a })
        let pages: [(id: DocumentID, citations: [Citation], quotes: [Quote])] =
            self.documents.filter { $0.id.kind.entry.bodyIsMarkdown }.map { ($0.id, $0.citations, $0.quotes) }
            + [(.site, [], [])]
        let results = parallelMap(pages.count, jobs: jobs) { i in
            check(pages[i].id, citations: pages[i].citations, quotes: pages[i].quotes, texts: bySlug)
        }
        var result = Result()
        for r in results {
            result.diagnostics += r.diagnostics
            for (slug, quotes) in r.proven { result.proven[slug, default: []] += quotes }
        }
        return result
    }

    private func check(
        _ id: DocumentID, citations: [Citation], quotes: [Quote], texts: [String: QuoteMatcher.Text]
    ) -> Result {
        var result = Result()
        let body = bodies[id]
        var cited: [String] = []
        for slug in citations.map(\.document.slug) + (body?.citedSources.map(\.slug) ?? []) where !cited.contains(slug) {
            cited.append(slug)
        }
        let available = cited.filter { texts[$0] != nil }
        // The closest passage costs a few searches of the document: looked for on the first
        // `closestPerPage` quotes of a page that are not found.
        var misses = 0
        func check(
            _ text: String, in candidates: [(slug: String, text: QuoteMatcher.Text)], at position: SourcePosition,
            line: String
        ) {
            switch Self.verdict(text, in: candidates, at: position, line: line, closest: misses < Self.closestPerPage) {
            case .proven(let slug): result.proven[slug, default: []].append(ProvenQuote(text: text, page: id))
            case .problem(let problem):
                misses += 1
                result.diagnostics.append(problem)
            }
        }
        for quote in quotes {
            guard let text = texts[quote.source.slug] else { continue }
            let location = quote.location
            let position = location.file.position(line: location.line, column: location.column + (location.isQuoted ? 1 : 0))
            check(quote.text, in: [(quote.source.slug, text)], at: position, line: location.sourceLine)
        }
        for span in body?.quotedSpans ?? [] {
            guard !available.isEmpty else {
                if cited.isEmpty {
                    result.diagnostics.append(
                        .error(
                            "quote.no-source",
                            "quoted text on a page that cites no source document: '\(Self.short(span.text))'",
                            at: span.position, line: span.sourceLine,
                            hint: id == .site
                                ? "site.md cannot cite documents: quote on a page that cites the document"
                                : "add 'sources: [<slug of Content/sources/…>]' to the front matter, or cite the document inline with [text](@sources/slug)"
                        ))
                }
                continue
            }
            check(span.text, in: available.map { ($0, texts[$0]!) }, at: span.position, line: span.sourceLine)
        }
        return result
    }

    static let closestPerPage = 10

    enum Verdict {
        case proven(slug: String)
        case problem(Diagnostic)
    }

    /// The document that has the quote, or the error for a quote found in none of them, with
    /// the closest passage of the document that comes nearest (when `closest`).
    static func verdict(
        _ quote: String, in documents: [(slug: String, text: QuoteMatcher.Text)], at position: SourcePosition,
        line: String, closest: Bool = true
    ) -> Verdict {
        var best: (slug: String, miss: QuoteMatcher.Miss)?
        for (slug, text) in documents {
            switch QuoteMatcher.find(quote, in: text, closest: closest) {
            case .success: return .proven(slug: slug)
            case .failure(let miss):
                if best == nil || (best!.miss.passage == nil && miss.passage != nil) { best = (slug, miss) }
            }
        }
        let names = documents.map { "sources/\($0.slug)" }.joined(separator: ", ")
        guard let best, !best.miss.part.isEmpty else {
            return .problem(
                .error(
                    "quote.no-words", "quotation with no words to check: '\(short(quote))'", at: position, line: line,
                    hint: "quote the words themselves; an ellipsis alone proves nothing"))
        }
        var message = "quote not found in \(names): '\(short(quote))'"
        if let doc = best.miss.documentWord, let mine = best.miss.quoteWord, best.miss.passage != nil {
            let difference =
                switch (doc.isEmpty, mine.isEmpty) {
                case (false, false): "; the document has '\(doc)' where the quote has '\(mine)'"
                case (true, false): "; the document's passage ends before '\(mine)'"
                case (false, true): "; the quote ends where the document goes on with '\(doc)'"
                case (true, true): ""
                }
            message += difference
        }
        let hint =
            best.miss.passage.map { "closest passage in sources/\(best.slug): \(short($0, limit: 160))" }
            ?? (closest
                ? "no passage of \(names) shares its first or last words; check the quote, or cite the document it comes from"
                : "more than \(closestPerPage) quotes of this page are not found: the closest passage is shown for the first \(closestPerPage)")
        return .problem(.error("quote.not-found", message, at: position, line: line, hint: hint))
    }

    static func short(_ text: String, limit: Int = 60) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
