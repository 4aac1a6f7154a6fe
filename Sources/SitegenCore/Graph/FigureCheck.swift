/// Checks every figure a page writes in digits in its prose (body, title, summary, role,
/// context, location; not in quotations, which are proven as such): it is in a document the page
/// cites (as digits or in words: "Twenty-three" is 23), or a date of the site, of the page, or of
/// an event, brief or document it links; or the page lists it under `computed:`. Otherwise a
/// warning at the figure (`figures: error` in `site.md` makes it an error, `figures: off` skips
/// the check). A file lists its first `listedPerFile` such figures; the rest are counted in one
/// more line.
struct FigureCheck {
    let documents: [any Document]
    let bodies: [DocumentID: RenderedMarkdown]
    let texts: SourceTexts
    let site: Site?

    struct Result {
        var diagnostics: [Diagnostic] = []
        var counts = ProofCounts()
    }

    /// The value a figure stands for, with its unit: digits without separators or an ordinal
    /// suffix, a percent sign kept, a scale word kept (`30,000` → `30000`, `1%` → `1%`, `4th` →
    /// `4`, `30 million` → `30 million`, `40k` → `40k`); symbols past ASCII dropped (`40,000€` →
    /// `40000`). Nil for a token that does not start with a digit (`COVID-19`, `G20`).
    static func value(_ figure: some StringProtocol) -> String? {
        let parts = figure.split(separator: " ", maxSplits: 1)
        guard let number = parts.first else { return nil }
        var text = number.lowercased().replacingOccurrences(of: ",", with: "")
        text = String(text.unicodeScalars.filter(\.isASCII).map(Character.init))
        guard let first = text.first, first.isASCII, first.isNumber else { return nil }
        for suffix in ["st", "nd", "rd", "th"] where text.hasSuffix(suffix) && text.dropLast(2).allSatisfy(\.isNumber) {
            text.removeLast(2)
            break
        }
        var digits = Substring(text).drop { $0 == "0" }
        if digits.isEmpty || !(digits.first!.isNumber) { digits = "0" + digits }
        return String(digits) + (parts.count > 1 ? " " + parts[1].lowercased() : "")
    }

    /// Words that scale the number before them: part of the figure.
    static let scales: Set<String> = ["hundred", "thousand", "million", "millions", "billion", "billions", "trillion"]

    /// A figure and the scale word after it, if any (`30` and ` million`).
    static func withScale(_ figure: String, next: some StringProtocol) -> String {
        let word = next.drop { $0 == " " }.prefix { $0.isLetter }.lowercased()
        return scales.contains(word) ? figure + " " + word : figure
    }

    static let units = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ]
    static let tens = ["twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90]

    /// A number written in words, up to ninety-nine (`twenty-three` → 23).
    static func wordValue(_ word: String) -> Int? {
        let parts = word.lowercased().split(separator: "-").map(String.init)
        if parts.count == 1 { return units.firstIndex(of: parts[0]) ?? tens[parts[0]] }
        guard parts.count == 2, let t = tens[parts[0]], let u = units.firstIndex(of: parts[1]), (1...9).contains(u) else {
            return nil
        }
        return t + u
    }

    /// Every number a document's text has, as values.
    static func numbers(in text: QuoteMatcher.Text) -> Set<String> {
        var out: Set<String> = []
        // Once per vocabulary entry that is a number (`Text.isNumber`), at its first occurrence.
        for (id, places) in text.occurrences.enumerated() where text.isNumber[id] {
            let t = Int(places[0])
            let token = QuoteMatcher.string(text.scalars[Int(text.tokenStart[t])..<Int(text.tokenEnd[t])])
            let number = token.split(separator: "-").first.map(String.init) ?? token
            if let v = value(number) { out.insert(v) }
            if let n = wordValue(token) { out.insert(String(n)) }
            // With the scale word after each occurrence (`30 million`).
            for place in places {
                let p = Int(place)
                guard p + 1 < text.tokenCount else { continue }
                let next = QuoteMatcher.string(text.scalars[Int(text.tokenStart[p + 1])..<Int(text.tokenEnd[p + 1])])
                guard scales.contains(next.lowercased()) else { continue }
                if let v = value(number + " " + next) { out.insert(v) }
                if let n = wordValue(token) { out.insert("\(n) \(next.lowercased())") }
            }
        }
        return out
    }

    static let listedPerFile = 10

    /// What every page's check reads: the figures of each source document, the dates of
    /// what a page may link, and the policy. Made once per build; `ContentChecks` keeps them to
    /// check a page again after its body changes.
    struct Tables: Sendable {
        let numbers: [String: Set<String>]
        let dates: [DocumentID: [PartialDate]]
        let policy: Policies.FigurePolicy
    }

    var tables: Tables {
        let policy = site?.policies.figures ?? .warning
        var numbers: [String: Set<String>] = [:]
        for (slug, text) in texts.bySlug where policy != .off { numbers[slug] = Self.numbers(in: text) }
        // The dates of what a page may link, by id.
        var dates: [DocumentID: [PartialDate]] = [:]
        for document in documents {
            if let own = Self.dates(of: document) { dates[document.id] = own }
        }
        return Tables(numbers: numbers, dates: dates, policy: policy)
    }

    /// The dates a page linking `document` may give as figures: an event's, a brief's, a
    /// source document's; nil for other kinds.
    static func dates(of document: any Document) -> [PartialDate]? {
        switch document {
        case let e as Event: [e.date] + (e.end.map { [$0] } ?? [])
        case let b as Brief: [b.date]
        case let s as SourceDocument: s.date.map { [$0] } ?? []
        default: nil
        }
    }

    /// The figures of one page (nothing for a page whose body is not Markdown).
    func check(_ document: any Document, _ tables: Tables) -> Result {
        var result = Result()
        guard tables.policy != .off, document.id.kind.entry.bodyIsMarkdown || document.id == .site else { return result }
        let isError = tables.policy == .error
        let (numbers, dates) = (tables.numbers, tables.dates)
        func parts(_ date: PartialDate) -> [String] {
            [String(date.year)] + (date.day.map { [String($0)] } ?? [])
        }
        let body = bodies[document.id]
        let cited = SourceTexts.cited(by: document, body: body)
        var allowed = cited.reduce(into: Set<String>()) { $0.formUnion(numbers[$1] ?? []) }
        let linked = (document.allReferences + (body?.references ?? [])).map { DocumentID($0.kind, $0.slug) }
        for id in [document.id] + linked { for date in dates[id] ?? [] { allowed.formUnion(parts(date)) } }
        if let asOf = site?.asOf { allowed.formUnion(parts(asOf)) }
        let computed = Set(document.computedFigures.compactMap { Self.value($0) })

        // Where a figure is, worked out only for one that is reported.
        var mentions: [(text: String, place: () -> (position: SourcePosition, line: String))] =
            (body?.figures ?? []).map { figure in (figure.text, { (figure.position, figure.sourceLine) }) }
        for prose in document.prose where prose.key != "note" {
            let scalars = Array(prose.text.unicodeScalars)
            let quoted = Set(QuotationMarks.spans(in: scalars).spans.flatMap(\.range))
            let values = scalars.map { $0.value == 0x2019 ? 0x27 : $0.value }
            guard values.contains(where: QuoteMatcher.isDigit) else { continue }
            let characterOfScalar = prose.characterOfScalar
            for token in QuoteMatcher.tokens(values) where !quoted.contains(token.lowerBound) && QuoteMatcher.isDigit(values[token.lowerBound]) {
                let number = values[token].split(separator: 0x2D).first ?? values[token]
                let figure = Self.withScale(QuoteMatcher.string(number), next: QuoteMatcher.string(values[token.upperBound...].prefix(20)))
                let (line, column) = prose.position(at: characterOfScalar[token.lowerBound])
                mentions.append((figure, { (prose.file.position(line: line, column: column), prose.file.line(line)) }))
            }
        }
        var listed = 0
        var unlisted: (count: Int, position: SourcePosition, line: String)?
        func report(_ message: String, at position: SourcePosition, line: String, hint: String?) {
            result.diagnostics.append(
                isError
                    ? .error("figure.unsourced", message, at: position, line: line, hint: hint)
                    : .warning("figure.unsourced", message, at: position, line: line, hint: hint))
        }
        for mention in mentions {
            guard let value = Self.value(mention.text) else { continue }
            if computed.contains(value) {
                result.counts.computedFigures += 1
                continue
            }
            if allowed.contains(value) {
                result.counts.figures += 1
                continue
            }
            result.counts.unsourcedFigures += 1
            // Past the first few of a file, counted in one more line.
            guard listed < Self.listedPerFile else {
                if let first = unlisted {
                    unlisted = (first.count + 1, first.position, first.line)
                } else {
                    let (position, line) = mention.place()
                    unlisted = (1, position, line)
                }
                continue
            }
            listed += 1
            let message =
                cited.isEmpty
                ? "the figure '\(mention.text)' is on a page that cites no source document"
                : "the figure '\(mention.text)' is in no document this page cites (\(cited.map { "sources/\($0)" }.joined(separator: ", "))) and is no date of a page it links"
            let (position, line) = mention.place()
            report(
                message, at: position, line: line,
                hint: "check it against the document; a figure the page works out from the document's own goes under 'computed: [\(mention.text)]' in the front matter")
        }
        if let unlisted {
            report(
                "\(unlisted.count) more figure\(unlisted.count == 1 ? "" : "s") like the \(Self.listedPerFile) above in this file, not listed",
                at: unlisted.position, line: unlisted.line, hint: nil)
        }
        return result
    }
}
