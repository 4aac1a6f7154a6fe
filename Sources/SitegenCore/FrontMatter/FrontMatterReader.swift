/// Reads typed values out of a parsed front matter map, following one content kind's schema.
///
/// Types come from the schema, never from how a value looks: `title: no` is the text "no".
/// Every problem becomes a diagnostic at the value's position; reading goes on after an error
/// so that a file reports all its problems at once.
struct FrontMatterReader {
    let map: FrontMatterMap
    let file: SourceFile
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var failed = false
    /// Known keys an unknown key was taken for: their absence is already explained.
    private var suggested: Set<String> = []
    /// Every reference read, kept so they are checked even when the file as a whole fails.
    private(set) var references: [ContentReference] = []
    /// Every text the reader sees, with where it is, for the quote check.
    private(set) var prose: [ProseText] = []

    /// Checks `map`'s keys against `known`; an unknown key suggests the nearest known one.
    init(map: FrontMatterMap, file: SourceFile, known: [String], what: String) {
        self.map = map
        self.file = file
        for entry in map.entries where !known.contains(entry.key) {
            let suggestion = Self.nearest(entry.key, in: known)
            if let suggestion { suggested.insert(suggestion) }
            diagnostics.append(
                file.error(
                    "frontmatter.unknown-key", "unknown key '\(entry.key)' in \(what)", line: entry.line,
                    column: entry.column,
                    hint: suggestion.map { "did you mean '\($0)'?" } ?? "the keys are: \(known.joined(separator: ", "))"
                ))
        }
    }

    /// Reports a problem the schema's own rules find (e.g. an `end` before its `date`).
    mutating func report(_ code: String, _ message: String, line: Int, column: Int, hint: String? = nil) {
        error(code, message, line: line, column: column, hint: hint)
    }

    fileprivate mutating func error(_ code: String, _ message: String, line: Int, column: Int, hint: String? = nil) {
        diagnostics.append(file.error(code, message, line: line, column: column, hint: hint))
        failed = true
    }

    private mutating func missing(_ key: String) {
        guard !suggested.contains(key), !map.brokenKeys.contains(key) else {
            failed = true
            return
        }
        error(
            "frontmatter.missing-key", "missing required key '\(key)'", line: map.line, column: map.column,
            hint: "add '\(key): …' to the front matter")
    }

    private mutating func scalar(_ key: String, required: Bool) -> FrontMatterScalar? {
        guard let entry = map[key] else {
            if required { missing(key) }
            return nil
        }
        switch entry.value {
        case .scalar(let s): return s
        case .list(_, let line, let column):
            error("frontmatter.type", "'\(key)' takes a single value, not a list", line: line, column: column)
            return nil
        }
    }

    // MARK: Scalars

    mutating func text(_ key: String, required: Bool = false) -> String? {
        guard let s = scalar(key, required: required) else { return nil }
        let trimmed = s.text.trimmingTrailingNewlines
        if trimmed.isEmpty && required {
            error("frontmatter.empty", "'\(key)' is empty", line: s.line, column: s.column)
            return nil
        }
        return trimmed
    }

    /// A text the reader sees, with typographic quotation marks, kept with its position.
    mutating func prose(_ key: String, required: Bool = false, quotesFormerText: Bool = false) -> String? {
        guard let value = text(key, required: required).map(Typography.smartQuotes) else { return nil }
        if case .scalar(let s)? = map[key]?.value {
            prose.append(
                ProseText(
                    key: key, text: value, file: file, line: s.line, column: s.column, isQuoted: !s.isPlain,
                    quotesFormerText: quotesFormerText))
        }
        return value
    }

    /// A whole number of 1 or more, written in digits.
    mutating func positiveInteger(_ key: String, atMost limit: Int = 1_000_000_000) -> Int? {
        guard let s = scalar(key, required: false) else { return nil }
        guard s.isPlain, let n = Int(s.text), n >= 1, s.text.allSatisfy(\.isASCII) else {
            error(
                "frontmatter.type", "'\(key)' takes a whole number of 1 or more, not '\(s.text)'", line: s.line,
                column: s.column)
            return nil
        }
        guard n <= limit else {
            error("frontmatter.type", "'\(key)' is at most \(limit), not \(s.text)", line: s.line, column: s.column)
            return nil
        }
        return n
    }

    /// A language tag (`en`, `es-MX`, `pt-BR`): letters, then subtags of letters and digits
    /// after hyphens. It is written into every page's `lang` and given to Pagefind, which makes
    /// file names of it, so nothing else may be in it.
    mutating func languageTag(_ key: String) -> String? {
        guard let s = scalar(key, required: true) else { return nil }
        let parts = s.text.split(separator: "-", omittingEmptySubsequences: false)
        let valid =
            s.text.count <= 35 && parts.first.map { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isLetter } } == true
            && parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
        guard valid else {
            error(
                "frontmatter.invalid-language", "'\(key)' must be a language tag such as en or es-MX, not '\(s.text)'",
                line: s.line, column: s.column)
            return nil
        }
        return s.text
    }

    mutating func date(_ key: String, required: Bool = false) -> PartialDate? {
        guard let s = scalar(key, required: required) else { return nil }
        return parseDate(s, key: key)
    }

    private mutating func parseDate(_ s: FrontMatterScalar, key: String) -> PartialDate? {
        switch PartialDate.parse(s.text) {
        case .success(let date): return date
        case .failure(.format):
            error(
                "frontmatter.invalid-date", "invalid date '\(s.text)' for '\(key)'", line: s.line, column: s.column,
                hint: "write YYYY-MM-DD, YYYY-MM (month precision) or YYYY")
        case .failure(.year):
            error(
                "frontmatter.invalid-date", "invalid date '\(s.text)': there is no year 0", line: s.line,
                column: s.column, hint: "years start at 0001")
        case .failure(.month(let m)):
            error(
                "frontmatter.invalid-date", "invalid date '\(s.text)': month must be 1–12, not \(m)", line: s.line,
                column: s.column, hint: "write YYYY-MM-DD, YYYY-MM (month precision) or YYYY")
        case .failure(.day(let d, let days)):
            error(
                "frontmatter.invalid-date", "invalid date '\(s.text)': that month has \(days) days, not \(d)",
                line: s.line, column: s.column)
        }
        return nil
    }

    mutating func bool(_ key: String) -> Bool {
        guard let s = scalar(key, required: false) else { return false }
        if s.isPlain && s.text == "true" { return true }
        if s.isPlain && s.text == "false" { return false }
        let lower = s.text.lowercased()
        let hint: String
        if ["yes", "on", "y"].contains(lower) {
            hint = "write 'true'; YAML 1.1 readers take '\(s.text)' as true, YAML 1.2 readers as text"
        } else if ["no", "off", "n"].contains(lower) {
            hint = "write 'false'; YAML 1.1 readers take '\(s.text)' as false, YAML 1.2 readers as text"
        } else {
            hint = "write true or false, without quotes"
        }
        error(
            "frontmatter.invalid-bool", "'\(key)' must be true or false, not '\(s.text)'", line: s.line,
            column: s.column, hint: hint)
        return false
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ key: String, as: T.Type, required: Bool = false) -> T?
    where T.RawValue == String {
        guard let s = scalar(key, required: required) else { return nil }
        if let value = T(rawValue: s.text) { return value }
        let allowed = T.allCases.map(\.rawValue)
        let suggestion = Self.nearest(s.text.lowercased(), in: allowed)
        error(
            "frontmatter.invalid-choice", "'\(s.text)' is not a valid \(key)", line: s.line, column: s.column,
            hint: (suggestion.map { "did you mean '\($0)'? " } ?? "") + "one of: \(allowed.joined(separator: ", "))")
        return nil
    }

    mutating func url(_ key: String) -> String? {
        guard let s = scalar(key, required: false) else { return nil }
        return checkURL(s, key: key)
    }

    /// An email address (`corrections@example.org`) or an http(s) address.
    mutating func contact(_ key: String) -> String? {
        guard let s = scalar(key, required: false) else { return nil }
        let text = s.text
        if !text.contains("://") {
            // A plain address: letters, digits and . _ % + - before the @, dotted labels after
            // it; nothing a mailto: link would read as more (?, &, #, /).
            let valid = Self.isEmailAddress(text)
            guard valid else {
                error(
                    "frontmatter.invalid-contact", "'\(key)' is neither an email address nor a web address: '\(text)'",
                    line: s.line, column: s.column,
                    hint: "write an address readers can write to, e.g. corrections@example.org or https://example.org/contact/")
                return nil
            }
            return text
        }
        return checkURL(s, key: key)
    }

    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let local: Set<Character> = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
        let label: Set<Character> = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        guard parts[0].allSatisfy({ local.contains($0) }) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for l in labels {
            if l.isEmpty || l.hasPrefix("-") || l.hasSuffix("-") { return false }
            if !l.allSatisfy({ label.contains($0) }) { return false }
        }
        return true
    }

    private mutating func checkURL(_ s: FrontMatterScalar, key: String) -> String? {
        if let problem = WebAddress.problem(with: s.text, isBase: key == "base-url") {
            error(
                "frontmatter.invalid-url", "'\(key)' is not a usable URL: \(problem)", line: s.line, column: s.column,
                hint: "write the full address, e.g. https://example.org/mexico/")
            return nil
        }
        return s.text
    }

    // MARK: Lists

    private mutating func items(_ key: String) -> [FrontMatterListItem] {
        guard let entry = map[key] else { return [] }
        switch entry.value {
        case .list(let items, _, _): return items
        case .scalar(let s):
            error(
                "frontmatter.type", "'\(key)' takes a list", line: s.line, column: s.column,
                hint: "write '\(key): [\(s.text)]' or list items below it as '  - \(s.text)'")
            return []
        }
    }

    private mutating func scalarItems(_ key: String) -> [FrontMatterScalar] {
        items(key).compactMap { item in
            switch item {
            case .scalar(let s): return s
            case .map(let m):
                error(
                    "frontmatter.type", "the items of '\(key)' are single values, not maps", line: m.line,
                    column: m.column)
                return nil
            }
        }
    }

    mutating func texts(_ key: String) -> [String] {
        scalarItems(key).map(\.text)
    }

    /// A list of slugs of `kind`, e.g. `people: [claudia-sheinbaum]`.
    mutating func references(_ key: String, to kind: ContentKind) -> [ContentReference] {
        var seen: Set<String> = []
        return scalarItems(key).compactMap { s in
            guard let reference = reference(s, to: kind) else { return nil }
            guard seen.insert(s.text).inserted else {
                error(
                    "frontmatter.duplicate-item", "'\(s.text)' is listed twice in '\(key)'", line: s.line,
                    column: s.column)
                return nil
            }
            return reference
        }
    }

    /// One slug of `kind`, e.g. `reported-by: el-universal`.
    mutating func reference(_ key: String, to kind: ContentKind, required: Bool = false) -> ContentReference? {
        scalar(key, required: required).flatMap { reference($0, to: kind) }
    }

    private mutating func reference(_ s: FrontMatterScalar, to kind: ContentKind) -> ContentReference? {
        guard Slug.isValid(s.text) else {
            let suggestion = Slug.suggest(for: s.text)
            error(
                "frontmatter.invalid-slug", "'\(s.text)' is not a slug", line: s.line, column: s.column,
                hint: suggestion.isEmpty
                    ? "slugs are file names without .md, here of a file in \(kind.folder)/"
                    : "did you mean '\(suggestion)'?")
            return nil
        }
        let reference = ContentReference(
            kind: kind, slug: s.text, fragment: nil, file: file, line: s.line, column: .character(s.column))
        references.append(reference)
        return reference
    }

    private mutating func maps(_ key: String) -> [FrontMatterMap] {
        items(key).compactMap { item in
            switch item {
            case .map(let m): return m
            case .scalar(let s):
                error(
                    "frontmatter.type", "the items of '\(key)' are maps", line: s.line, column: s.column,
                    hint: "write '- text: …' and the other keys under it")
                return nil
            }
        }
    }

    /// `sources:`: the documents a page relies on, each a slug of `sources/` or a map with the
    /// document, the outlet it credits and a note.
    mutating func citations() -> [Citation] {
        var seen: Set<String> = []
        return items("sources").compactMap { item in
            let citation: Citation?
            switch item {
            case .scalar(let s):
                citation = reference(s, to: .source).map { Citation(document: $0, reportedBy: nil, note: nil) }
            case .map(let m):
                // The old form (`- publisher: …`) gets one error that says what changed.
                let oldForm = m["publisher"] != nil
                var reader = FrontMatterReader(
                    map: m, file: file, known: ["document", "reported-by", "note"] + (oldForm ? ["publisher"] : []),
                    what: "a citation")
                if oldForm {
                    reader.error(
                        "frontmatter.citation", "a citation names a document of sources/, not a publisher",
                        line: m.line, column: m.column,
                        hint: "write '- document: <slug of Content/sources/…>' and, for an outlet the document credits, 'reported-by: <organization>'")
                }
                let document = reader.reference("document", to: .source, required: !oldForm)
                let reportedBy = reader.reference("reported-by", to: .organization)
                let note = reader.prose("note")
                absorb(reader)
                citation = reader.failed ? nil : document.map { Citation(document: $0, reportedBy: reportedBy, note: note) }
            }
            guard let citation else { return nil }
            let key = citation.document.slug + "|" + (citation.reportedBy?.slug ?? "")
            guard seen.insert(key).inserted else {
                error(
                    "frontmatter.duplicate-item", "'\(citation.document.slug)' is cited twice in 'sources'",
                    line: citation.document.position.line, column: citation.document.position.column)
                return nil
            }
            return citation
        }
    }

    /// `updates:`: each `{date, kind, note}`.
    mutating func updates() -> [Update] {
        maps("updates").compactMap { m in
            var reader = FrontMatterReader(
                map: m, file: file, known: ["date", "kind", "note", "quoting"], what: "an update")
            let date = reader.date("date", required: true)
            let kind = reader.choice("kind", as: UpdateKind.self, required: true)
            // A correction quotes what the page used to say: `quoting: former-text`.
            let quoting = reader.text("quoting")
            if let quoting, quoting != "former-text", case .scalar(let s)? = m["quoting"]?.value {
                reader.report(
                    "frontmatter.type", "'quoting' takes 'former-text', not '\(quoting)'", line: s.line, column: s.column,
                    hint: "write 'quoting: former-text' when the note's quotations are this page's former text")
            }
            let note = reader.prose("note", required: true, quotesFormerText: quoting == "former-text")
            absorb(reader)
            guard let date, let kind, let note, !reader.failed else { return nil }
            return Update(date: date, kind: kind, note: note)
        }
    }

    mutating func quotes() -> [Quote] {
        maps("quotes").compactMap { m in
            var reader = FrontMatterReader(
                map: m, file: file, known: ["text", "date", "context", "source", "reported-by"], what: "a quote")
            let textScalar: FrontMatterScalar? = if case .scalar(let s)? = m["text"]?.value { s } else { nil }
            let text = reader.text("text", required: true).map(Typography.smartQuotes)
            let date = reader.date("date")
            let context = reader.prose("context")
            let source = reader.reference("source", to: .source, required: true)
            let reportedBy = reader.reference("reported-by", to: .organization)
            absorb(reader)
            guard let text, let source, let textScalar, !reader.failed else { return nil }
            return Quote(
                text: text, date: date, context: context, source: source, reportedBy: reportedBy,
                location: QuoteLocation(file: file, line: textScalar.line, column: textScalar.column, isQuoted: !textScalar.isPlain))
        }
    }

    private mutating func absorb(_ other: FrontMatterReader) {
        diagnostics.append(contentsOf: other.diagnostics)
        references.append(contentsOf: other.references)
        prose.append(contentsOf: other.prose)
        if other.failed { failed = true }
    }

    // MARK: Suggestions

    /// The known word nearest to `word` by edit distance, if it is near enough to be a typo.
    static func nearest(_ word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, editDistance(word, $0)) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let limit = max(1, min(3, word.count / 3 + 1))
        if best.1 <= limit { return best.0 }
        return candidates.first { $0.hasPrefix(word) || word.hasPrefix($0) }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

extension String {
    /// Block text (`>`, `|`) ends with a newline; single values do not keep it.
    var trimmingTrailingNewlines: String {
        var s = self
        while s.last == "\n" { s.removeLast() }
        return s
    }
}
