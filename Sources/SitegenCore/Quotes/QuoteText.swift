/// A source document's text as the quote check reads it: normalised once, cut into tokens,
/// and indexed by token, so that every quotation citing it is looked up, not searched for.
///
/// Normalising: Unicode NFC; typographic and straight quotation marks and apostrophes are one
/// mark each (‘ ’ ‹ › ʼ ' are `'`; “ ” „ « » 「 」 and " are `"`); hyphens (‐ ‑ −) are `-` and dashes
/// (– — ― and `--`) are `—`; `…` is `...`; ligatures (ﬁ ﬂ …) are their letters; soft hyphens and
/// zero-width characters are dropped; every run of white space is one space. In a document, a
/// hyphen at the end of a line between two lower-case letters is a line-break hyphen and is
/// dropped with the line break (`secu-⏎rity` is `security`), and a blank line ends a paragraph.
///
/// A token is a run of letters and digits with what joins them inside one word: a hyphen
/// (`non-binding`, not between two digits: `2-4` is two), an apostrophe between letters
/// (`can't`), a comma or point between digits (`30,000`, `1.5`) and a percent sign after
/// digits (`1%`). A quotation matches whole tokens: "30" is not in "30,000", nor "binding" in
/// "non-binding".
public extension QuoteMatcher {
    struct Text: Sendable {
        /// The normalised scalars.
        let scalars: [UInt32]
        /// For each normalised scalar, the index of the original scalar it came from.
        let origins: [Int]
        let original: [Unicode.Scalar]
        /// Each token's range in `scalars`.
        let tokenStart: [Int32]
        let tokenEnd: [Int32]
        /// Each token's entry in the vocabulary (its letters folded to one case).
        let tokenIDs: [Int32]
        /// A token's case-folded hash → its vocabulary entry.
        let vocabulary: [UInt64: Int32]
        /// For each vocabulary entry, the tokens that are it, in order.
        let occurrences: [[Int32]]
        /// For each vocabulary entry: a negation (`never`, `not`, `can't`…) or a number (digits,
        /// or a number word).
        let isNegation: [Bool]
        let isNumber: [Bool]
        /// Each token's paragraph, and each paragraph's first token (one more at the end).
        public let paragraph: [Int32]
        let paragraphStarts: [Int32]
        /// Whether each token is inside the document's own quotation marks: the words of
        /// someone the document quotes.
        let quoted: [Bool]
        /// Each token's sentence (sentences are split outside quotation marks).
        let sentence: [Int32]

        public init(_ text: String) {
            original = QuoteMatcher.composed(text)
            let normal = QuoteMatcher.normalize(original, document: true)
            scalars = normal.scalars
            origins = normal.origins
            let tokens = QuoteMatcher.tokens(scalars)
            tokenStart = tokens.map { Int32($0.lowerBound) }
            tokenEnd = tokens.map { Int32($0.upperBound) }
            var vocabulary: [UInt64: Int32] = [:]
            var occurrences: [[Int32]] = []
            var isNegation: [Bool] = []
            var isNumber: [Bool] = []
            var ids: [Int32] = []
            ids.reserveCapacity(tokens.count)
            for (i, range) in tokens.enumerated() {
                let key = QuoteMatcher.hash(scalars[range])
                if let id = vocabulary[key] {
                    ids.append(id)
                    occurrences[Int(id)].append(Int32(i))
                } else {
                    let id = Int32(occurrences.count)
                    vocabulary[key] = id
                    occurrences.append([Int32(i)])
                    let word = QuoteMatcher.folded(scalars[range])
                    isNegation.append(QuoteMatcher.isNegation(word))
                    isNumber.append(QuoteMatcher.isNumber(word))
                    ids.append(id)
                }
            }
            tokenIDs = ids
            self.vocabulary = vocabulary
            self.occurrences = occurrences
            self.isNegation = isNegation
            self.isNumber = isNumber
            // Paragraphs: a token after a paragraph break starts the next one.
            var paragraph: [Int32] = []
            var starts: [Int32] = [0]
            var breaks = normal.paragraphBreaks.makeIterator()
            var nextBreak = breaks.next()
            var current: Int32 = 0
            for (i, range) in tokens.enumerated() {
                while let b = nextBreak, b < range.lowerBound {
                    if i > 0, Int(starts.last!) != i {
                        current += 1
                        starts.append(Int32(i))
                    }
                    nextBreak = breaks.next()
                }
                paragraph.append(current)
            }
            starts.append(Int32(tokens.count))
            self.paragraph = paragraph
            paragraphStarts = starts
            // Quotation marks and sentences, read from the original marks between tokens.
            let normalised = normal.scalars
            /// Whether a quotation closing at `to` ends with its sentence's point (`…scheme.”`).
            func endsSentenceInside(from: Int, to: Int) -> Bool {
                (from..<to).contains { [0x2E, 0x3F, 0x21].contains(normalised[$0]) }
            }
            var quoted: [Bool] = []
            var sentence: [Int32] = []
            var open: UInt32? = nil
            var sentenceNumber: Int32 = 0
            let breakPlaces = Set(normal.paragraphBreaks)
            for i in tokens.indices {
                let from = i == 0 ? 0 : tokens[i - 1].upperBound
                var endsSentence = false
                for j in from..<tokens[i].lowerBound {
                    // A blank line ends the paragraph, its sentence and any quotation left open.
                    if breakPlaces.contains(j) {
                        open = nil
                        endsSentence = true
                        continue
                    }
                    let mark = original[normal.origins[j]].value
                    switch mark {
                    case 0x2E, 0x3F, 0x21:
                        // A point after one letter is an abbreviation (`U.S.`).
                        if open == nil, i > 0, tokens[i - 1].count > 1 { endsSentence = true }
                    case 0x201C where open == 0x201E, 0x201D, 0xBB, 0x300D, 0x300F, 0x203A:
                        if open != nil, endsSentenceInside(from: from, to: j) { endsSentence = true }
                        open = nil
                    case 0x201C, 0xAB, 0x201E, 0x300C, 0x300E, 0x2039:
                        if open == nil { open = mark }
                    case 0x22:
                        // A straight mark closes only a straight one: inside “…” it is text.
                        if open == nil {
                            open = mark
                        } else if open == 0x22 {
                            if endsSentenceInside(from: from, to: j) { endsSentence = true }
                            open = nil
                        }
                    default: break
                    }
                }
                if endsSentence { sentenceNumber += 1 }
                quoted.append(open != nil)
                sentence.append(sentenceNumber)
            }
            self.quoted = quoted
            self.sentence = sentence
        }

        public var tokenCount: Int { tokenIDs.count }

        /// The vocabulary entry of a token of a quotation, if the document has that token.
        func id(of token: ArraySlice<UInt32>) -> Int32? { vocabulary[QuoteMatcher.hash(token)] }

        /// The document's text of tokens `range` (clamped), as it is written, spaces collapsed.
        public func passage(tokens range: Range<Int>) -> String {
            let first = max(0, range.lowerBound)
            let last = min(tokenCount, range.upperBound) - 1
            guard first <= last else { return "" }
            return originalText(Int(tokenStart[first])..<Int(tokenEnd[last]))
        }

        /// The original text behind normalised scalars `range`, spaces collapsed.
        func originalText(_ range: Range<Int>) -> String {
            guard !range.isEmpty else { return "" }
            let from = origins[range.lowerBound]
            let to = origins[range.upperBound - 1]
            var out = ""
            var lastWasSpace = false
            for scalar in original[from...to] {
                let isSpace = QuoteMatcher.fold(scalar) == nil
                if isSpace {
                    if !lastWasSpace { out.unicodeScalars.append(" ") }
                } else {
                    out.unicodeScalars.append(scalar)
                }
                lastWasSpace = isSpace
            }
            return out
        }

        /// The people a passage gives the words at `token` to: those of `names` (a name's
        /// token → whose it is) named first, outside quotation marks, in the token's sentence
        /// (a name with `'s`, "Moreno's actions", is not who speaks); or, when the sentence names
        /// nobody and starts with a pronoun that speaks ("She reiterated…"), the first named in
        /// its paragraph. Otherwise no one.
        func speakers(at token: Int, names: [UInt64: [String]]) -> [String] {
            func first(in range: Range<Int>) -> [String]? {
                for t in range where !quoted[t] {
                    let word = scalars[Int(tokenStart[t])..<Int(tokenEnd[t])]
                    if word.count > 2, word.suffix(2).elementsEqual([0x27, 0x73]) { continue }
                    if let who = names[QuoteMatcher.hash(word, folding: false)] { return who }
                }
                return nil
            }
            var start = token
            while start > 0 && sentence[start - 1] == sentence[token] { start -= 1 }
            var end = token
            while end < tokenCount && sentence[end] == sentence[token] { end += 1 }
            if let who = first(in: start..<end) { return who }
            guard let subject = (start..<end).first(where: { !quoted[$0] }),
                ["he", "she", "they", "i", "we"].contains(QuoteMatcher.folded(self, subject))
            else { return [] }
            let p = Int(paragraph[token])
            return first(in: Int(paragraphStarts[p])..<Int(paragraphStarts[p + 1])) ?? []
        }
    }
}

extension QuoteMatcher {
    // MARK: Normalising

    /// The text's scalars in Unicode NFC (a composed `é` and `e` + U+0301 are one letter);
    /// ASCII text is already.
    static func composed(_ text: String) -> [Unicode.Scalar] {
        text.utf8.allSatisfy({ $0 < 0x80 })
            ? Array(text.unicodeScalars) : Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    static let space: UInt32 = 0x20
    static let dash: UInt32 = 0x2014

    /// The normalised form of one scalar: nil for white space (runs collapse to one space).
    @inline(__always)
    static func fold(_ s: Unicode.Scalar) -> [UInt32]? {
        switch s.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000:
            return nil
        case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return []
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x0060, 0x00B4, 0x2039, 0x203A, 0x02BC: return [0x27]
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB, 0x300C, 0x300D, 0x300E, 0x300F, 0x301D, 0x301E,
            0x301F, 0xFF02, 0x275D, 0x275E:
            return [0x22]
        case 0x2010, 0x2011, 0x2212: return [0x2D]
        case 0x2012, 0x2013, 0x2014, 0x2015: return [dash]
        case 0x2026: return [0x2E, 0x2E, 0x2E]
        case 0xFB00: return [0x66, 0x66]
        case 0xFB01: return [0x66, 0x69]
        case 0xFB02: return [0x66, 0x6C]
        case 0xFB03: return [0x66, 0x66, 0x69]
        case 0xFB04: return [0x66, 0x66, 0x6C]
        case 0xFB05, 0xFB06: return [0x73, 0x74]
        default: return [s.value]
        }
    }

    struct Normalised {
        var scalars: [UInt32] = []
        var origins: [Int] = []
        /// Where a blank line was (the index of the space it became).
        var paragraphBreaks: [Int] = []
    }

    static func normalize(_ scalars: [Unicode.Scalar], document: Bool = false) -> Normalised {
        var out = Normalised()
        out.scalars.reserveCapacity(scalars.count)
        out.origins.reserveCapacity(scalars.count)
        var pendingSpace = false
        var newlines = 0
        var i = 0
        let n = scalars.count
        func emit(_ value: UInt32, _ origin: Int) {
            if pendingSpace && !out.scalars.isEmpty {
                if newlines >= 2 { out.paragraphBreaks.append(out.scalars.count) }
                out.scalars.append(space)
                out.origins.append(origin - 1)
            }
            pendingSpace = false
            newlines = 0
            // `--` is a dash.
            if value == 0x2D, out.scalars.last == 0x2D {
                out.scalars[out.scalars.count - 1] = dash
                return
            }
            if value == 0x2D, out.scalars.last == dash, i > 0, scalars[i - 1].value == 0x2D { return }
            out.scalars.append(value)
            out.origins.append(origin)
        }
        while i < n {
            let s = scalars[i]
            // Fast path: ASCII letters, digits and punctuation stand for themselves.
            if s.value > 0x20 && s.value < 0x7F && s.value != 0x60 {
                if document, s.value == 0x2D, let joined = lineBreakHyphen(scalars, at: i) {
                    i = joined
                    continue
                }
                emit(s.value, i)
                i += 1
                continue
            }
            guard let folded = fold(s) else {
                pendingSpace = true
                if s.value == 0x0A || s.value == 0x2029 { newlines += 1 }
                i += 1
                continue
            }
            for value in folded { emit(value, i) }
            i += 1
        }
        if !document { out.paragraphBreaks = [] }
        return out
    }

    /// Where the text goes on after a line-break hyphen at `i` (a hyphen between a lower-case
    /// letter and a line break followed by a lower-case letter), or nil.
    static func lineBreakHyphen(_ scalars: [Unicode.Scalar], at i: Int) -> Int? {
        guard i > 0, scalars[i - 1].properties.isLowercase else { return nil }
        var j = i + 1
        var sawNewline = false
        while j < scalars.count, scalars[j] == " " || scalars[j] == "\t" || scalars[j] == "\r" || scalars[j] == "\n" {
            if scalars[j] == "\n" {
                if sawNewline { return nil }
                sawNewline = true
            }
            j += 1
        }
        guard sawNewline, j < scalars.count, scalars[j].properties.isLowercase else { return nil }
        return j
    }

    // MARK: Tokens

    /// Letters, digits and combining marks.
    @inline(__always)
    static func isWord(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
        guard let s = Unicode.Scalar(v) else { return false }
        let p = s.properties
        return p.isAlphabetic || p.numericType != nil
            || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
    }

    @inline(__always)
    static func isDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

    /// The tokens of normalised text: word characters and what joins them inside one word.
    static func tokens(_ s: [UInt32]) -> [Range<Int>] { tokens(s, isWord: isWord) }

    /// The tokens of any text of code points or bytes, given what a word character is (inlined
    /// where it is called, so that `isWord` is too: documents of megabytes go through it).
    @inline(__always)
    static func tokens<T: FixedWidthInteger>(_ s: [T], isWord: (T) -> Bool) -> [Range<Int>] {
        func isDigit(_ v: T) -> Bool { v >= 0x30 && v <= 0x39 }
        var out: [Range<Int>] = []
        let n = s.count
        var i = 0
        while i < n {
            guard isWord(s[i]) else {
                i += 1
                continue
            }
            let start = i
            i += 1
            scan: while i < n {
                let c = s[i]
                if isWord(c) {
                    i += 1
                    continue
                }
                let previous = s[i - 1]
                let next = i + 1 < n ? s[i + 1] : 0
                switch c {
                case 0x2D where isWord(next) && !(isDigit(previous) && isDigit(next)): i += 2
                case 0x27 where isWord(next) && !isDigit(previous): i += 2
                case 0x2C where isDigit(previous) && isDigit(next), 0x2E where isDigit(previous) && isDigit(next): i += 2
                case 0x25 where isDigit(previous):
                    i += 1
                    break scan
                default: break scan
                }
            }
            out.append(start..<i)
        }
        return out
    }

    /// A scalar and its other-case letter fold to the same value (the smaller of the two).
    @inline(__always)
    static func foldCase(_ v: UInt32) -> UInt32 {
        if v >= 0x41 && v <= 0x5A { return v + 0x20 }
        if v < 0x80 { return v }
        return min(v, otherCase(v) ?? v)
    }

    /// The same letter in the other case, when it is one scalar.
    static func otherCase(_ value: UInt32) -> UInt32? {
        guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { return nil }
        let other = scalar.properties.isLowercase ? scalar.properties.uppercaseMapping : scalar.properties.lowercaseMapping
        guard other.unicodeScalars.count == 1, let o = other.unicodeScalars.first, o.value != value else { return nil }
        return o.value
    }

    /// FNV-1a over a token's scalars, case-folded unless `folding` is false.
    static func hash(_ token: ArraySlice<UInt32>, folding: Bool = true) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for v in token { h = (h ^ UInt64(folding ? foldCase(v) : v)) &* 0x100_0000_01b3 }
        return h
    }

    /// A token in lower case, for the word lists (`foldCase` folds to the smaller scalar, which
    /// past ASCII may be the capital).
    static func folded(_ token: ArraySlice<UInt32>) -> String {
        string(token).lowercased()
    }

    static let negations: Set<String> = [
        "not", "no", "never", "nor", "neither", "none", "nobody", "nothing", "nowhere", "cannot", "without",
        "nunca", "jamás", "ni", "tampoco", "sin", "nadie", "nada", "ninguno", "ninguna", "ne", "pas", "jamais",
        "nicht", "kein", "keine", "keinen", "nie", "niemals", "nichts", "niemand", "nirgends", "não", "nem", "non",
        "ningún", "ninguna", "ningunos", "ningunas", "aucun", "aucune", "rien", "nessuno", "niente", "nulla", "neanche",
        "не", "нет", "никогда", "ничего",
    ]

    static func isNegation(_ word: String) -> Bool {
        negations.contains(word) || word.hasSuffix("n't")
    }

    static let numberWords: Set<String> = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
        "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million",
        "millions", "billion", "billions", "trillion", "dozen", "dozens", "half", "percent",
    ]

    static func isNumber(_ word: String) -> Bool {
        word.unicodeScalars.contains { isDigit($0.value) }
            || word.split(separator: "-").contains { numberWords.contains(String($0)) }
    }

    static func string<S: Sequence>(_ scalars: S) -> String where S.Element == UInt32 {
        var s = ""
        for v in scalars { if let u = Unicode.Scalar(v) { s.unicodeScalars.append(u) } }
        return s
    }
}
