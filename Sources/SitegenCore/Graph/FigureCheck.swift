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

    /// The value a figure stands for: digits without separators, a percent sign or an ordinal
    /// suffix (`30,000` → `30000`, `1%` → `1`, `4th` → `4`); nil for a token that is not a
    /// number (`COVID-19`, `G20`).
    static func value(_ figure: some StringProtocol) -> String? {
        var text = figure.lowercased().replacingOccurrences(of: ",", with: "")
        if text.hasSuffix("%") { text.removeLast() }
        for suffix in ["st", "nd", "rd", "th"] where text.hasSuffix(suffix) && text.count > 2 {
            text.removeLast(2)
            break
        }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            text.first != ".", text.last != ".", text.filter({ $0 == "." }).count <= 1
        else { return nil }
        let digits = text.drop { $0 == "0" }
        return digits.isEmpty || digits.first == "." ? "0" + digits : String(digits)
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
            for piece in token.split(separator: "-") { if let v = value(piece) { out.insert(v) } }
            if let n = wordValue(token) { out.insert(String(n)) }
        }
        return out
    }

    static let listedPerFile = 10

    func run() -> Result {
        var result = Result()
        let policy = site?.policies.figures ?? .warning
        guard policy != .off else { return result }
        let isError = policy == .error
        var numbers: [String: Set<String>] = [:]
        for (slug, text) in texts.bySlug { numbers[slug] = Self.numbers(in: text) }
        // The dates of what a page may link, by id.
        var dates: [DocumentID: [PartialDate]] = [:]
        for document in documents {
            switch document {
            case let e as Event: dates[e.id] = [e.date] + (e.end.map { [$0] } ?? [])
            case let b as Brief: dates[b.id] = [b.date]
            case let s as SourceDocument: dates[s.id] = s.date.map { [$0] } ?? []
            default: break
            }
        }
        func parts(_ date: PartialDate) -> [String] {
            [String(date.year)] + (date.day.map { [String($0)] } ?? [])
        }
        for document in documents where document.id.kind.entry.bodyIsMarkdown || document.id == .site {
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
                for token in QuoteMatcher.tokens(values) where !quoted.contains(token.lowerBound) {
                    var offset = token.lowerBound
                    for piece in values[token].split(separator: 0x2D, omittingEmptySubsequences: false) {
                        defer { offset += piece.count + 1 }
                        guard piece.contains(where: QuoteMatcher.isDigit) else { continue }
                        let (line, column) = prose.position(at: characterOfScalar[offset])
                        mentions.append(
                            (QuoteMatcher.string(piece), { (prose.file.position(line: line, column: column), prose.file.line(line)) }))
                    }
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
        }
        return result
    }
}
