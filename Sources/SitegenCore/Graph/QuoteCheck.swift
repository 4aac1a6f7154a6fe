/// A quote found in a source document, and the page it is on.
public struct ProvenQuote: Sendable, Equatable {
    public let text: String
    public let page: DocumentID
}

/// What the content checks proved, for the closing line of `build` and `check`.
public struct ProofCounts: Sendable, Equatable {
    /// Quotations found verbatim in a document their page cites (front matter, bodies, and
    /// the quotations in titles, summaries, contexts and notes).
    public var quotations = 0
    /// Of those, the ones given to a person (on the person's page, or in a body sentence that
    /// links the person) whose speaker the document names.
    public var speakers = 0
    /// Quotations of a page's own former text in correction notes (`quoting: former-text`):
    /// not checked against any document.
    public var formerText = 0
    /// Figures in prose found in a cited document or among the dates of linked pages.
    public var figures = 0
    /// Figures marked as computed (`computed:`): not checked.
    public var computedFigures = 0
    /// Figures no cited document has (each a warning or an error).
    public var unsourcedFigures = 0
    /// False with `figures: off` in `site.md`.
    public var figuresChecked = true
}

extension ProofCounts {
    /// Adds another check's counts (`figuresChecked` is the site's, and stays).
    mutating func add(_ other: ProofCounts) {
        quotations += other.quotations
        speakers += other.speakers
        formerText += other.formerText
        figures += other.figures
        computedFigures += other.computedFigures
        unsourcedFigures += other.unsourcedFigures
    }

    /// What was proven and what was not, in one sentence each.
    public var summary: String {
        func n(_ count: Int, _ one: String, _ many: String) -> String { "\(count) \(count == 1 ? one : many)" }
        var proven =
            "Proven: \(n(quotations, "quotation", "quotations")) verbatim in the documents their pages cite"
            + " (\(n(speakers, "with its speaker", "with their speakers")) named there)"
            + (figuresChecked
                ? ", \(n(figures, "figure", "figures")) found in a cited document or among the dates of linked pages."
                : ". Figures are not checked (figures: off in site.md).")
        var unproven: [String] = []
        if unsourcedFigures > 0 { unproven.append(n(unsourcedFigures, "figure in no cited document", "figures in no cited document")) }
        if computedFigures > 0 { unproven.append(n(computedFigures, "computed figure", "computed figures")) }
        if formerText > 0 {
            unproven.append(n(formerText, "quotation of a page's former text", "quotations of pages' former text"))
        }
        if !unproven.isEmpty { proven += " Not proven: " + unproven.joined(separator: ", ") + "." }
        return proven
    }
}

/// The normalised, indexed text of every source document, by slug: made once per check.
struct SourceTexts: Sendable {
    let bySlug: [String: QuoteMatcher.Text]

    init(_ documents: [any Document], jobs: Int) {
        let sources = documents.compactMap { $0 as? SourceDocument }
        let texts = parallelMap(sources.count, jobs: jobs) { QuoteMatcher.Text(sources[$0].body.text) }
        bySlug = Dictionary(zip(sources.map(\.slug), texts), uniquingKeysWith: { a, _ in a })
    }

    /// The documents a page cites, in front matter and inline, in that order, once each.
    static func cited(by document: any Document, body: RenderedMarkdown?) -> [String] {
        cited(document.citations.map(\.document.slug), body: body)
    }

    /// Front-matter citations (slugs) and then the body's inline ones, once each.
    static func cited(_ citations: [String], body: RenderedMarkdown?) -> [String] {
        var cited: [String] = []
        for slug in citations + (body?.citedSources.map(\.slug) ?? []) where !cited.contains(slug) {
            cited.append(slug)
        }
        return cited
    }
}

/// Proves every quotation against the documents its page cites: quotes in front matter against
/// the document each names; quotations in bodies (block quotes, and words in quotation marks of
/// any length and script) and in front-matter prose against every document the page cites; and
/// who said it, where the page says.
struct QuoteCheck {
    let documents: [any Document]
    let bodies: [DocumentID: RenderedMarkdown]
    let texts: SourceTexts
    let jobs: Int
    var site: Site?
    /// Files whose front matter failed.
    var unpublished: [UnpublishedDocument] = []
    var punctuation: QuoteMatcher.Punctuation = .american

    struct Result {
        var diagnostics: [Diagnostic] = []
        /// The quotes each source document proves, by its slug, in page order.
        var proven: [String: [ProvenQuote]] = [:]
        var counts = ProofCounts()
    }

    /// Each person's name words and aliases (case kept), for who a passage names.
    var names: [UInt64: [String]] {
        var names: [UInt64: [String]] = [:]
        for case let person as Person in documents {
            let words = ([person.name] + person.aliases).flatMap { Self.nameWords($0) }
            for word in Set(words) { names[QuoteMatcher.hash(word[...], folding: false), default: []].append(person.slug) }
        }
        return names
    }

    /// The words of a name that name its person: capitalised, three letters or more, and not a
    /// particle (`de`, `la`…).
    static func nameWords(_ name: String) -> [[UInt32]] {
        let scalars = QuoteMatcher.normalize(Array(name.precomposedStringWithCanonicalMapping.unicodeScalars)).scalars
        return QuoteMatcher.tokens(scalars).map { Array(scalars[$0]) }.filter { word in
            word.count >= 3 && Unicode.Scalar(word[0]).map { $0.properties.isUppercase } == true
                && !["Del", "Van", "Von", "Las", "Los"].contains(QuoteMatcher.string(word))
        }
    }

    /// Each page checked, in order: the published documents with a Markdown body, `site.md`,
    /// then the files whose front matter failed. A page's result depends only on the page,
    /// its body, the source texts and the people's names, so `ContentChecks` checks again only
    /// the pages whose body changed.
    func byPage(names: [UInt64: [String]]) -> [(id: DocumentID, result: Result)] {
        let pages = documents.filter { $0.id.kind.entry.bodyIsMarkdown }
        let failed = unpublished.filter { $0.id.kind.entry.bodyIsMarkdown }.map {
            Page(id: $0.id, citations: $0.references.filter { $0.kind == .source }.map(\.slug))
        }
        let ids = pages.map(\.id) + [DocumentID.site] + failed.map(\.id)
        let results = parallelMap(ids.count, jobs: jobs) { i in
            i < pages.count
                ? check(pages[i], names: names) : i == pages.count ? siteBody(names: names) : check(failed[i - pages.count - 1], names: names)
        }
        return Array(zip(ids, results)).map { (id: $0.0, result: $0.1) }
    }

    /// One page checked again (`DocumentID.site` for `site.md`'s body).
    func check(_ id: DocumentID, _ document: (any Document)?, names: [UInt64: [String]]) -> Result {
        guard id != .site else { return siteBody(names: names) }
        return document.map { check($0, names: names) } ?? Result()
    }

    /// `site.md`'s body, against the documents it lists in `sources:`.
    private func siteBody(names: [UInt64: [String]]) -> Result {
        guard let site else { return Result() }
        return check(SiteText(citations: site.citations, body: site.body), names: names)
    }

    /// What the check reads of a page: a published document, or a file whose front matter
    /// failed (its body's quotations are proven all the same, in the same run).
    struct Page {
        let id: DocumentID
        let citations: [String]
        var quotes: [Quote] = []
        var prose: [ProseText] = []
        var person: String?
    }

    private func check(_ document: any Document, names: [UInt64: [String]]) -> Result {
        check(
            Page(
                id: document.id, citations: document.citations.map(\.document.slug), quotes: document.quotes,
                prose: document.prose, person: (document as? Person)?.slug),
            names: names)
    }

    private func check(_ document: Page, names: [UInt64: [String]]) -> Result {
        var result = Result()
        let id = document.id
        let body = bodies[id]
        let cited = SourceTexts.cited(document.citations, body: body)
        let available = cited.compactMap { slug in texts.bySlug[slug].map { (slug: slug, text: $0) } }

        /// Proves one quotation; the document and match when it is proven.
        func prove(
            _ text: String, in candidates: [(slug: String, text: QuoteMatcher.Text)], at position: SourcePosition,
            line: String, speakers: [String] = [], frontMatter: Bool = false, file: SourceFile? = nil
        ) -> (slug: String, text: QuoteMatcher.Text, match: QuoteMatcher.Match)? {
            let verdict = Self.verdict(
                text, in: candidates, punctuation: punctuation, at: position, line: line,
                prefer: Self.preference(speakers, frontMatter: frontMatter, names: names), file: file)
            return record(verdict, text, in: candidates)
        }
        func record(
            _ verdict: Verdict, _ text: String, in candidates: [(slug: String, text: QuoteMatcher.Text)]
        ) -> (slug: String, text: QuoteMatcher.Text, match: QuoteMatcher.Match)? {
            switch verdict {
            case .proven(let slug, let match):
                result.proven[slug, default: []].append(ProvenQuote(text: text, page: id))
                result.counts.quotations += 1
                return (slug, candidates.first { $0.slug == slug }!.text, match)
            case .problem(let problem):
                result.diagnostics.append(problem)
                return nil
            }
        }
        func noSource(_ text: String, at position: SourcePosition, line: String) {
            guard cited.isEmpty else { return }
            result.diagnostics.append(
                .error(
                    "quote.no-source", "quoted text on a page that cites no source document: '\(Self.short(text))'",
                    at: position, line: line,
                    hint: "add 'sources: [<slug of Content/sources/…>]' to the front matter, or cite the document inline with [text](@sources/slug); for a term or a title, use italics instead of quotation marks"
                ))
        }

        // Quotes in front matter, each against the document it names; on a person's page, the
        // document's passage must give the words to that person.
        for quote in document.quotes {
            guard let text = texts.bySlug[quote.source.slug] else { continue }
            let location = quote.location
            let position = location.file.position(line: location.line, column: location.column + (location.isQuoted ? 1 : 0))
            let person = document.person.map { [$0] } ?? []
            guard
                let found = prove(
                    quote.text, in: [(quote.source.slug, text)], at: position, line: location.sourceLine, speakers: person,
                    frontMatter: true, file: location.file)
            else { continue }
            if let person = document.person {
                if let problem = Self.speakerProblem(
                    found, given: [person], names: names, frontMatter: true, at: position, line: location.sourceLine)
                {
                    result.diagnostics.append(problem)
                } else {
                    result.counts.speakers += 1
                }
            }
        }
        // Quotations in the body, against every document the page cites: their verdicts
        // worked out on every core first (a page may hold a thousand).
        let spans = body?.quotedSpans ?? []
        let verdicts = parallelMap(available.isEmpty ? 0 : spans.count, jobs: spans.count > 16 ? jobs : 1) { i in
            spans[i].unprovable == nil
                ? Self.verdict(
                    spans[i].text, in: available, punctuation: punctuation, at: spans[i].position, line: spans[i].sourceLine,
                    prefer: Self.preference(spans[i].people, frontMatter: false, names: names), file: spans[i].file)
                : nil
        }
        for (i, span) in spans.enumerated() {
            if let object = span.unprovable {
                result.diagnostics.append(
                    .error(
                        "quote.unprovable",
                        "the quotation '\(Self.short(span.text.replacingOccurrences(of: "\u{FFFC}", with: "▯")))' holds \(object), which the reader sees but no document can prove",
                        at: span.position, line: span.sourceLine,
                        hint: "quote the words as the document has them, and put \(object) outside the quotation marks"))
                continue
            }
            guard !available.isEmpty else {
                noSource(span.text, at: span.position, line: span.sourceLine)
                continue
            }
            guard let found = record(verdicts[i]!, span.text, in: available) else { continue }
            if !span.people.isEmpty {
                if let problem = Self.speakerProblem(
                    found, given: span.people, names: names, frontMatter: false, at: span.position, line: span.sourceLine)
                {
                    result.diagnostics.append(problem)
                } else if found.text.quoted[found.match.parts[0].lowerBound],
                    !found.text.speakers(at: found.match.parts[0].lowerBound, names: names).isEmpty
                {
                    result.counts.speakers += 1
                }
            }
        }
        // Quotations in titles, summaries, roles, contexts and notes.
        for prose in document.prose {
            let scalars = Array(prose.text.unicodeScalars)
            let spans = QuotationMarks.spans(in: scalars).spans
            let characters = spans.isEmpty ? [] : prose.characterOfScalar
            for span in spans {
                let quotation = String(String.UnicodeScalarView(scalars[span.range]))
                let offset = characters[span.range.lowerBound - 1]
                let (line, column) = prose.position(at: offset)
                let position = prose.file.position(line: line, column: column)
                let sourceLine = prose.file.line(line)
                if prose.quotesFormerText {
                    result.counts.formerText += 1
                    continue
                }
                guard !available.isEmpty else {
                    noSource(quotation, at: position, line: sourceLine)
                    continue
                }
                _ = prove(quotation, in: available, at: position, line: sourceLine)
            }
        }
        return result
    }

    /// With speakers (and `frontMatter`: the words must be a quotation of the document), the
    /// places where the document gives the words to one of them are preferred.
    static func preference(
        _ speakers: [String], frontMatter: Bool, names: [UInt64: [String]]
    ) -> ((QuoteMatcher.Text, QuoteMatcher.Match) -> Bool)? {
        speakers.isEmpty
            ? nil
            : { document, match in
                let token = match.parts[0].lowerBound
                guard document.quoted[token] else { return !frontMatter }
                return document.speakers(at: token, names: names).contains(where: speakers.contains)
            }
    }

    /// Whether the document gives the words to one of `given` (person slugs): the first
    /// person its passage names outside quotation marks (`Text.speakers`). In front matter the
    /// words must be a quotation in the document; in a body, words of the document's own are
    /// not checked (the sentence may give them to the document).
    static func speakerProblem(
        _ found: (slug: String, text: QuoteMatcher.Text, match: QuoteMatcher.Match), given: [String],
        names: [UInt64: [String]], frontMatter: Bool, at position: SourcePosition, line: String
    ) -> Diagnostic? {
        let token = found.match.parts[0].lowerBound
        let who = given.joined(separator: " or ")
        guard found.text.quoted[token] else {
            guard frontMatter else { return nil }
            return .error(
                "quote.speaker", "sources/\(found.slug) does not quote people/\(who) here: these are the document's own words",
                at: position, line: line,
                hint: "a quote on a person's page is what the document quotes them as saying")
        }
        let speakers = found.text.speakers(at: token, names: names)
        // A body's sentence may link a person it does not give the words to: it is held to the
        // document only when the document names someone else.
        guard !speakers.contains(where: given.contains), frontMatter || !speakers.isEmpty else { return nil }
        let said =
            speakers.isEmpty
            ? "names no one it gives them to"
            : "gives them to people/\(speakers.joined(separator: " or "))"
        return .error(
            "quote.speaker", "these words are given to people/\(who), but the passage of sources/\(found.slug) \(said)",
            at: position, line: line,
            hint: frontMatter
                ? "move the quote to the page of the person who said it"
                : "link the person who said it in the quotation's sentence, or say whose words they are")
    }

    enum Verdict {
        case proven(slug: String, match: QuoteMatcher.Match)
        case problem(Diagnostic)
    }

    /// The document that has the quote, or the error for a quote found in none of them, with
    /// the closest passage of the document that comes nearest.
    static func verdict(
        _ quote: String, in documents: [(slug: String, text: QuoteMatcher.Text)],
        punctuation: QuoteMatcher.Punctuation = .american, at position: SourcePosition, line: String,
        prefer: ((QuoteMatcher.Text, QuoteMatcher.Match) -> Bool)? = nil, file: SourceFile? = nil
    ) -> Verdict {
        var best: (slug: String, miss: QuoteMatcher.Miss)?
        for (slug, text) in documents {
            // Once a document has a passage that differs by one word, the others are only
            // searched, not looked through for a closer passage.
            let closest = best.map { $0.miss.reason == .notFound && $0.miss.shared < $0.miss.words - 1 } ?? true
            switch QuoteMatcher.find(
                quote, in: text, punctuation: punctuation, closest: closest, prefer: prefer.map { p in { p(text, $0) } })
            {
            case .success(let match): return .proven(slug: slug, match: match)
            case .failure(let miss):
                if best == nil || Self.rank(miss) > Self.rank(best!.miss) { best = (slug, miss) }
            }
        }
        let names = documents.map { "sources/\($0.slug)" }.joined(separator: ", ")
        guard let best, best.miss.reason != .noWords else {
            return .problem(
                .error(
                    "quote.no-words", "quotation with no words to check: '\(short(quote))'", at: position, line: line,
                    hint: "quote the words themselves; an ellipsis alone proves nothing"))
        }
        let miss = best.miss
        let document = "sources/\(best.slug)"
        let passage = miss.passage.map { "the passage in \(document): \(short($0, limit: 160))" }
        func omission(_ message: String, _ hint: String) -> Verdict {
            .problem(
                .error(
                    "quote.omission", "'\(short(quote))': \(message)", at: position, line: line,
                    hint: hint + (passage.map { "; \($0)" } ?? "")))
        }
        switch miss.reason {
        case .omitsNegation(let word):
            return omission(
                "the omission leaves out '\(word)', which \(document) has there",
                "an omission may not remove a negation: quote the words whole")
        case .omitsNumber(let word):
            return omission(
                "the omission leaves out the number '\(word)', which \(document) has there",
                "an omission may not remove a number: quote the words whole")
        case .crossesQuotation:
            return omission(
                "the omission joins words from two quotations of \(document)",
                "an omission may not cross from one speaker's words into another's: quote each on its own")
        case .longInsertion:
            return omission(
                "the bracketed insertion stands for more than four words of \(document)",
                "an insertion in brackets replaces a word or two (a name for a pronoun); use an omission (…) for more")
        case .insertionReplacesWords:
            return omission(
                "the bracketed insertion stands for words of \(document) that are not a pronoun, or adds words it does not have",
                "an editor's brackets replace a pronoun with the name it stands for ([Sheinbaum] for \"She\"); quote the document's own words otherwise")
        case .insertsNegationOrNumber(let word):
            return omission(
                "the bracketed insertion adds '\(word)'",
                "an editor's brackets may not add a negation or a number")
        case .partInAnotherParagraph:
            return omission(
                "the words after the omission, '\(short(miss.part))', are in another paragraph of \(document)",
                "an omission may not cross a paragraph: quote each paragraph's words on their own")
        case .crossesParagraph:
            return .problem(
                .error(
                    "quote.not-found",
                    "quote runs from one paragraph of \(document) into the next: '\(short(quote))'", at: position,
                    line: line, hint: "quote each paragraph's words on their own" + (passage.map { "; \($0)" } ?? "")))
        case .noWords, .notFound:
            break
        }
        // Where the quote has a word the document has not, the message shows the quote around
        // that word and the caret is under it (when it can be found in the file).
        var excerpt = short(quote)
        var (position, line) = (position, line)
        if let mine = miss.quoteWord, !mine.isEmpty, miss.documentWord != nil, miss.passage != nil,
            let offset = Self.offset(of: mine, in: quote, part: miss.part, occurrence: miss.quoteWordOccurrence)
        {
            excerpt = Self.excerpt(quote, around: offset)
            if let file,
                let found = Self.place(
                    of: mine, occurrence: Self.count(mine, in: quote, before: offset), after: position, in: file,
                    quoteLength: quote.count)
            {
                (position, line) = found
            }
        }
        var message = "quote not found in \(names): '\(excerpt)'"
        if let doc = miss.documentWord, let mine = miss.quoteWord, miss.passage != nil {
            let difference =
                switch (doc.isEmpty, mine.isEmpty) {
                case (false, false): "; \(document) has '\(doc)' where the quote has '\(mine)'"
                case (true, false): "; the passage of \(document) ends before '\(mine)'"
                case (false, true): "; the quote ends where \(document) goes on with '\(doc)'"
                case (true, true): ""
                }
            message += difference
        }
        let hint =
            miss.passage.map { "closest passage in \(document): \(short($0, limit: 160))" }
            ?? "no passage of \(names) shares a word of it in place; check the quote, or cite the document it comes from"
        return .problem(.error("quote.not-found", message, at: position, line: line, hint: hint))
    }

    /// How near a miss came: a rule broken by a passage that has the words, then the most
    /// words shared.
    static func rank(_ miss: QuoteMatcher.Miss) -> Int {
        switch miss.reason {
        case .noWords: -1
        case .notFound: miss.shared
        default: 1_000_000
        }
    }

    /// Where (in characters) the differing word is in the quote: its occurrence in the part,
    /// counted from where the part is in the quote; nil when the part is not found as it is.
    static func offset(of word: String, in quote: String, part: String, occurrence: Int) -> Int? {
        let characters = Array(quote)
        let partStart: Int
        if let range = quote.range(of: part) {
            partStart = quote.distance(from: quote.startIndex, to: range.lowerBound)
        } else {
            // The part as read (quotation marks folded, say): only a word the quote has once.
            let all = wordStarts(of: word, in: characters)
            return all.count == 1 ? all[0] : nil
        }
        let starts = wordStarts(of: word, in: characters).filter { $0 >= partStart }
        return occurrence < starts.count ? starts[occurrence] : nil
    }

    /// How many times `word` stands as a word in `quote` before `offset`.
    static func count(_ word: String, in quote: String, before offset: Int) -> Int {
        wordStarts(of: word, in: Array(quote)).filter { $0 < offset }.count
    }

    /// Where `word` starts, as a whole word (no letter or digit on either side), in `characters`.
    static func wordStarts(of word: String, in characters: [Character]) -> [Int] {
        let target = Array(word)
        guard !target.isEmpty, characters.count >= target.count else { return [] }
        func isWordCharacter(_ i: Int) -> Bool { i >= 0 && i < characters.count && (characters[i].isLetter || characters[i].isNumber) }
        return (0...(characters.count - target.count)).filter { i in
            characters[i..<(i + target.count)].elementsEqual(target) && !isWordCharacter(i - 1)
                && !isWordCharacter(i + target.count)
        }
    }

    /// The `occurrence`-th (from 0) time `word` stands as a word in the file from `position` on,
    /// within the next lines a quotation may wrap over and about as many characters as the
    /// quote has; a link's destination (`](…)`) and anything in `<…>` are not its text and are
    /// skipped. Nil (the caret stays at the opening mark) when it is not found there, or on a
    /// line longer than `longestLine` characters (a body of one long line holding thousands of
    /// quotes would take time in the square of its length).
    static func place(
        of word: String, occurrence: Int, after position: SourcePosition, in file: SourceFile, quoteLength: Int
    ) -> (SourcePosition, String)? {
        let target = Array(word)
        guard !target.isEmpty else { return nil }
        var left = occurrence
        var budget = quoteLength * 2 + 200
        for number in position.line..<(position.line + 20) {
            let text = file.line(number)
            guard text.utf8.count <= longestLine * 4 else { return nil }
            let characters = Array(text)
            guard characters.count <= longestLine else { return nil }
            var i = number == position.line ? max(0, position.column - 1) : 0
            func isWordCharacter(_ k: Int) -> Bool { k >= 0 && k < characters.count && (characters[k].isLetter || characters[k].isNumber) }
            while i < characters.count {
                budget -= 1
                if budget < 0 { return nil }
                // A link's destination, or a tag or autolink: not the quote's text.
                if characters[i] == "]", i + 1 < characters.count, characters[i + 1] == "(" {
                    i = (characters[(i + 2)...].firstIndex(of: ")") ?? characters.count) + 1
                    continue
                }
                if characters[i] == "<" {
                    i = (characters[(i + 1)...].firstIndex(of: ">") ?? characters.count) + 1
                    continue
                }
                if i + target.count <= characters.count, characters[i..<(i + target.count)].elementsEqual(target),
                    !isWordCharacter(i - 1), !isWordCharacter(i + target.count)
                {
                    if left == 0 { return (file.position(line: number, column: i + 1), text) }
                    left -= 1
                }
                i += 1
            }
        }
        return nil
    }

    static let longestLine = 2_000

    /// About 60 characters of the quote around `offset`, with … where it is cut.
    static func excerpt(_ quote: String, around offset: Int, limit: Int = 60) -> String {
        let characters = Array(quote)
        guard characters.count > limit else { return quote }
        let start = max(0, min(offset - limit / 3, characters.count - limit))
        let end = min(characters.count, start + limit)
        return (start > 0 ? "…" : "") + String(characters[start..<end]) + (end < characters.count ? "…" : "")
    }

    static func short(_ text: String, limit: Int = 60) -> String {
        text.count <= limit ? text : String(text.prefix(limit)) + "…"
    }
}
