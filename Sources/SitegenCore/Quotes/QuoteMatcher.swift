/// Finds quotations in the text of source documents: verbatim, up to typography, whole
/// tokens only (see `QuoteMatcher.Text`).
///
/// A quotation's first letter may be in either case (it may start a sentence the document has
/// it in the middle of). What newsrooms write inside the marks is read as they mean it:
///
/// - `…`, `...`, `[…]` and `[...]` are omissions. The parts around one must be in the same
///   paragraph, in order, and what is left out may not hold a negation (`never`, `not`,
///   `can't`…), a number, or a quotation mark of the document (the words of another speaker).
/// - `[sic]` is dropped; `[T]here` is `There` or `there`; any other `[words]` is an editorial
///   insertion that stands for at most four words of the document (which may not be a
///   negation or a number either).
/// - With American punctuation (the default), a `.` or `,` that ends the quotation need not be
///   in the document: AP style puts it inside the closing mark.
///
/// A quotation never runs from one paragraph of the document into the next.
public struct QuoteMatcher: Sendable {
    /// Where a quotation's closing `.` and `,` go: inside the marks whatever the document
    /// has (`american`), or only when the document has them (`logical`).
    public enum Punctuation: String, Sendable, CaseIterable {
        case american, logical
    }

    /// A quotation read for matching: its parts, and what stands between each two.
    struct Quotation {
        struct Part {
            let scalars: [UInt32]
            let tokens: [Range<Int>]
            var text: String { QuoteMatcher.string(scalars) }
        }

        enum Gap { case omission, insertion }

        var parts: [Part] = []
        /// `gaps[i]` is between `parts[i]` and `parts[i + 1]`.
        var gaps: [Gap] = []
        /// An editor's bracket before the first part or after the last (`[Sheinbaum] said`).
        var leadingInsertion = false
        var trailingInsertion = false
        /// A word an editor's bracket adds that changes what is said: a negation or a number.
        var insertedNegationOrNumber: String?
    }

    /// Where a quotation is: for each part, its tokens in the document.
    public struct Match: Sendable, Equatable {
        public let parts: [Range<Int>]
    }

    /// Why a quotation is not proven, and the closest passage.
    public struct Miss: Error, Sendable, Equatable {
        public enum Reason: Sendable, Equatable {
            /// Nothing to check: no words.
            case noWords
            /// No passage has it; `passage` is the closest, if any shares a word.
            case notFound
            /// The passage runs from one paragraph of the document into the next.
            case crossesParagraph
            /// An omission leaves out a negation or a number: `word`.
            case omitsNegation(String)
            case omitsNumber(String)
            /// An omission crosses a quotation mark of the document.
            case crossesQuotation
            /// An editorial insertion stands for more than four words.
            case longInsertion
            /// An editorial insertion stands for words that are not pronouns, or for none.
            case insertionReplacesWords
            /// An editorial insertion adds a negation or a number: `word`.
            case insertsNegationOrNumber(String)
            /// The words after an omission are in another paragraph.
            case partInAnotherParagraph
        }

        public let reason: Reason
        /// The part of the quote (split at omissions) that is not proven.
        public let part: String
        /// The passage of the document nearest to that part, as the document has it.
        public let passage: String?
        /// The first word that differs, in the document and in the quote ("" past either end).
        public let documentWord: String?
        public let quoteWord: String?
        /// How many words of the part before the one that differs are that same word: which
        /// of its occurrences differs (0 for the first).
        public var quoteWordOccurrence = 0
        /// How many of the part's words the passage shares: the nearest document is the one
        /// that shares the most.
        public let shared: Int
        /// How many words the part has.
        public var words = 0

        init(
            _ reason: Reason, part: String, passage: String? = nil, documentWord: String? = nil,
            quoteWord: String? = nil, shared: Int = 0
        ) {
            self.reason = reason
            self.part = part
            self.passage = passage
            self.documentWord = documentWord
            self.quoteWord = quoteWord
            self.shared = shared
        }
    }

    // MARK: Reading a quotation

    static func quotation(_ quote: String, punctuation: Punctuation = .american) -> Quotation {
        let q = normalize(composed(quote)).scalars
        var raw: [[UInt32]] = []
        var gaps: [Quotation.Gap] = []
        var current: [UInt32] = []
        var inserted: String?
        let dot: UInt32 = 0x2E
        var i = 0
        let n = q.count
        func cut(_ gap: Quotation.Gap) {
            raw.append(current)
            gaps.append(gap)
            current = []
        }
        while i < n {
            if i + 2 < n, q[i] == dot, q[i + 1] == dot, q[i + 2] == dot {
                cut(.omission)
                i += 3
                while i < n, q[i] == dot { i += 1 }
                continue
            }
            // Brackets around words (not around other brackets or markup) are the editor's.
            if q[i] == 0x5B, let close = q[(i + 1)...].prefix(80).firstIndex(of: 0x5D),
                !q[(i + 1)..<close].contains(where: { $0 == 0x5B || $0 == 0x3C || $0 == 0x3E })
            {
                let inside = Array(q[(i + 1)..<close])
                let word = folded(inside[...])
                if word == "..." || word == "…" {
                    cut(.omission)
                } else if word == "sic" {
                    // Dropped, with the space before it.
                    if current.last == space { current.removeLast() }
                } else if inside.count == 1, isWord(inside[0]), close + 1 < n, isWord(q[close + 1]) {
                    current.append(inside[0])
                } else {
                    for token in tokens(inside) {
                        let word = folded(inside[token])
                        if isNegation(word) || isNumber(word) { inserted = inserted ?? string(inside[token]) }
                    }
                    cut(.insertion)
                }
                i = close + 1
                continue
            }
            current.append(q[i])
            i += 1
        }
        raw.append(current)
        if punctuation == .american, var last = raw.last {
            while last.last == space { last.removeLast() }
            if last.last == 0x2E || last.last == 0x2C, !(last.count >= 2 && last[last.count - 2] == 0x2E) {
                last.removeLast()
            }
            raw[raw.count - 1] = last
        }
        var result = Quotation()
        result.insertedNegationOrNumber = inserted
        var pending: Quotation.Gap?
        for (index, scalars) in raw.enumerated() {
            let part = trim(scalars)
            let tokens = tokens(part)
            if index > 0 {
                let gap = gaps[index - 1]
                pending = pending == .omission || gap == .omission ? .omission : gap
            }
            guard !tokens.isEmpty else { continue }
            if result.parts.isEmpty {
                result.leadingInsertion = pending == .insertion
            } else if let pending {
                result.gaps.append(pending)
            }
            pending = nil
            result.parts.append(Quotation.Part(scalars: part, tokens: tokens))
        }
        result.trailingInsertion = pending == .insertion
        return result
    }

    static func trim(_ part: [UInt32]) -> [UInt32] {
        var slice = part[...]
        while slice.first == space { slice = slice.dropFirst() }
        while slice.last == space { slice = slice.dropLast() }
        return Array(slice)
    }

    // MARK: Finding

    /// Where the quotation is in the document, or why it is not proven.
    /// Without `closest`, a miss does not look for the closest passage.
    /// With `prefer`, the first place it takes, if any; else the first place.
    public static func find(
        _ quote: String, in text: Text, punctuation: Punctuation = .american, closest: Bool = true,
        prefer: ((Match) -> Bool)? = nil
    ) -> Result<Match, Miss> {
        let q = quotation(quote, punctuation: punctuation)
        guard !q.parts.isEmpty else { return .failure(Miss(.noWords, part: "")) }
        let ids = q.parts.map { part in part.tokens.map { text.id(of: part.scalars[$0]) } }
        if let word = q.insertedNegationOrNumber {
            return .failure(Miss(.insertsNegationOrNumber(word), part: q.parts[0].text))
        }
        /// Why a place of the first part did not lead to a match: a part missing from its
        /// paragraph (worked out in detail only for the place that got furthest), or a rule.
        enum Failure {
            case missingPart(Int, first: Int, end: Int)
            case rule(Miss)
        }
        var furthest: (reached: Int, failure: Failure)?
        var first: Match?
        var result: Match?
        forEachCandidate(ids[0], in: text, after: -1, paragraph: nil) { c0 in
            guard verify(q.parts[0], ids[0], at: c0, in: text) else { return false }
            var found = [c0..<(c0 + ids[0].count)]
            var failure: Failure?
            let paragraph = Int(text.paragraph[c0])
            if q.leadingInsertion, let miss = edgeProblem(before: c0, part: q.parts[0], in: text) { failure = .rule(miss) }
            for j in 1..<q.parts.count where failure == nil {
                let part = q.parts[j]
                let end = found[j - 1].upperBound
                var cj: Int?
                forEachCandidate(ids[j], in: text, after: end - 1, paragraph: paragraph) { c in
                    guard verify(part, ids[j], at: c, in: text) else { return false }
                    cj = c
                    return true
                }
                guard let cj else {
                    failure = .missingPart(j, first: found[0].lowerBound, end: end)
                    break
                }
                if let gapProblem = gapProblem(end..<cj, q.gaps[j - 1], part: part, in: text) {
                    failure = .rule(gapProblem)
                    break
                }
                found.append(cj..<(cj + ids[j].count))
            }
            if failure == nil, q.trailingInsertion, let miss = edgeProblem(after: found.last!.upperBound, part: q.parts.last!, in: text) {
                failure = .rule(miss)
            }
            guard let failure else {
                let match = Match(parts: found)
                guard let prefer, !prefer(match) else {
                    result = match
                    return true
                }
                if first == nil { first = match }
                return false
            }
            if furthest == nil || found.count > furthest!.reached { furthest = (found.count, failure) }
            return false
        }
        if let result { return .success(result) }
        if let first { return .success(first) }
        switch furthest?.failure {
        case .rule(let miss): return .failure(miss)
        case .missingPart(let j, let start, let end):
            let part = q.parts[j]
            var elsewhere = false
            forEachCandidate(ids[j], in: text, after: -1, paragraph: nil) { c in
                elsewhere = verify(part, ids[j], at: c, in: text)
                return elsewhere
            }
            if elsewhere {
                return .failure(Miss(.partInAnotherParagraph, part: part.text, passage: text.passage(tokens: start..<(end + 3))))
            }
            return .failure(closest ? nearest(part, ids[j], in: text) : Miss(.notFound, part: part.text))
        case nil:
            return .failure(closest ? nearest(q.parts[0], ids[0], in: text) : Miss(.notFound, part: q.parts[0].text))
        }
    }

    /// Words an editor's bracket may stand for: pronouns and the like (`[Sheinbaum]` for
    /// "She", `[the government]` for "we"), never what is said.
    static let replaceable: Set<String> = [
        "he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "me", "his", "its", "their", "our",
        "my", "your", "this", "that", "these", "those", "there", "here", "who", "whom", "which", "what", "ella", "él",
        "ellos", "ellas", "nosotros", "usted", "ustedes", "elle", "il", "ils", "elles", "nous", "vous", "sie", "er",
        "wir",
    ]

    /// What is wrong with an editor's bracket before the first part (after the last): it must
    /// stand for a pronoun the document has right there.
    static func edgeProblem(before c: Int, part: Quotation.Part, in text: Text) -> Miss? {
        let t = c - 1
        guard t >= 0, text.paragraph[t] == text.paragraph[c], replaceable.contains(folded(text, t)) else {
            return Miss(.insertionReplacesWords, part: part.text, passage: text.passage(tokens: (c - 4)..<(c + part.tokens.count)))
        }
        return nil
    }

    static func edgeProblem(after end: Int, part: Quotation.Part, in text: Text) -> Miss? {
        guard end < text.tokenCount, text.paragraph[end] == text.paragraph[end - 1], replaceable.contains(folded(text, end)) else {
            return Miss(.insertionReplacesWords, part: part.text, passage: text.passage(tokens: (end - part.tokens.count)..<(end + 4)))
        }
        return nil
    }

    static func folded(_ text: Text, _ t: Int) -> String {
        folded(text.scalars[Int(text.tokenStart[t])..<Int(text.tokenEnd[t])])
    }

    /// Each token where a part with these vocabulary entries may start, after token `after`
    /// (and in `paragraph`), from the occurrences of its rarest token, until `body` says stop.
    static func forEachCandidate(
        _ ids: [Int32?], in text: Text, after: Int, paragraph: Int?, _ body: (Int) -> Bool
    ) {
        guard !ids.contains(nil) else { return }
        let k = ids.indices.min { text.occurrences[Int(ids[$0]!)].count < text.occurrences[Int(ids[$1]!)].count }!
        let places = text.occurrences[Int(ids[k]!)]
        let low = max(after + 1, paragraph.map { Int(text.paragraphStarts[$0]) } ?? 0)
        let high = paragraph.map { Int(text.paragraphStarts[$0 + 1]) } ?? text.tokenCount
        // The first place whose start is at `low` or after.
        var (lo, hi) = (0, places.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(places[mid]) - k < low { lo = mid + 1 } else { hi = mid }
        }
        for p in places[lo...] {
            let c = Int(p) - k
            if c + ids.count > high || body(c) { return }
        }
    }

    /// Whether the part is at token `c`: the same tokens, in one paragraph, and the same
    /// scalars from its first character to its last.
    /// The first letter of a part may be in either case: a quotation may start a sentence the
    /// document has it in the middle of, and so may the words after an omission.
    static func verify(_ part: Quotation.Part, _ ids: [Int32?], at c: Int, in text: Text) -> Bool {
        let m = ids.count
        guard c >= 0, c + m <= text.tokenCount else { return false }
        for k in 0..<m where ids[k] != text.tokenIDs[c + k] { return false }
        guard text.paragraph[c] == text.paragraph[c + m - 1] else { return false }
        let firstLetter = part.tokens[0].lowerBound
        let base = Int(text.tokenStart[c]) - firstLetter
        guard base >= 0, base + part.scalars.count <= text.scalars.count else { return false }
        for (i, v) in part.scalars.enumerated() {
            let d = text.scalars[base + i]
            if d == v { continue }
            if i == firstLetter && foldCase(d) == foldCase(v) { continue }
            return false
        }
        return true
    }

    /// What is wrong with leaving out the document's tokens `gap`, if anything.
    static func gapProblem(_ gap: Range<Int>, _ kind: Quotation.Gap, part: Quotation.Part, in text: Text) -> Miss? {
        let passage = text.passage(tokens: (gap.lowerBound - 3)..<(gap.upperBound + part.tokens.count))
        if kind == .insertion && gap.count > 4 { return Miss(.longInsertion, part: part.text, passage: passage) }

        for t in gap {
            let id = Int(text.tokenIDs[t])
            let word = text.passage(tokens: t..<(t + 1))
            if text.isNegation[id] { return Miss(.omitsNegation(word), part: part.text, passage: passage) }
            if text.isNumber[id] { return Miss(.omitsNumber(word), part: part.text, passage: passage) }
        }
        if kind == .insertion && (gap.isEmpty || !gap.allSatisfy { replaceable.contains(folded(text, $0)) }) {
            return Miss(.insertionReplacesWords, part: part.text, passage: passage)
        }
        if gap.lowerBound > 0, gap.upperBound < text.tokenCount,
            text.scalars[Int(text.tokenEnd[gap.lowerBound - 1])..<Int(text.tokenStart[gap.upperBound])].contains(0x22)
        {
            return Miss(.crossesQuotation, part: part.text, passage: passage)
        }
        return nil
    }

    // MARK: The closest passage

    /// Alignments of a part with the document tried at most, for one part in one document.
    static let alignmentBudget = 2048

    /// The passage that shares the most of the part's tokens at the same places, found from
    /// the occurrences of its rarest tokens (within `alignmentBudget` alignments), and the
    /// first word that differs.
    static func nearest(_ part: Quotation.Part, _ optionalIDs: [Int32?], in text: Text) -> Miss {
        let ids = optionalIDs.map { $0 ?? -1 }
        let m = ids.count
        let order = ids.indices.filter { ids[$0] >= 0 }.sorted {
            text.occurrences[Int(ids[$0])].count < text.occurrences[Int(ids[$1])].count
        }
        var best: (start: Int, score: Int) = (0, 0)
        var budget = alignmentBudget
        search: for k in order {
            let places = text.occurrences[Int(ids[k])]
            // A passage sharing all but a word cannot be bettered by a miss; one sharing half
            // is not looked past through the common words.
            if best.score >= m - 1 || (best.score * 2 >= m && places.count > 256) { break }
            for p in places {
                let s = Int(p) - k
                var score = 0
                for j in max(0, -s)..<max(max(0, -s), min(m, text.tokenCount - s)) where text.tokenIDs[s + j] == ids[j] {
                    score += 1
                }
                if score > best.score || (score == best.score && s < best.start) { best = (s, score) }
                budget -= 1
                if budget == 0 { break search }
            }
        }
        var miss = nearestMiss(part, ids, best: best, in: text)
        miss.words = m
        return miss
    }

    static func nearestMiss(_ part: Quotation.Part, _ ids: [Int32], best: (start: Int, score: Int), in text: Text) -> Miss {
        let m = ids.count
        guard best.score > 0 else { return Miss(.notFound, part: part.text) }
        let s = best.start
        let passage = text.passage(tokens: (s - 3)..<(s + m + 2))
        func documentToken(_ t: Int) -> String { t >= 0 && t < text.tokenCount ? text.passage(tokens: t..<(t + 1)) : "" }
        func same(_ j: Int) -> Bool { s + j >= 0 && s + j < text.tokenCount && text.tokenIDs[s + j] == ids[j] }
        if (0..<m).contains(where: { !same($0) }) {
            // The word that differs is next to the longest run of shared words: before it, or
            // after it when it starts the quote.
            var run = 0..<0
            var start = 0
            for j in 0...m {
                if j < m && same(j) { continue }
                if j - start > run.count { run = start..<j }
                start = j + 1
            }
            let j = run.lowerBound > 0 ? run.lowerBound - 1 : run.upperBound
            var miss = Miss(
                .notFound, part: part.text, passage: passage, documentWord: documentToken(s + j),
                quoteWord: string(part.scalars[part.tokens[j]]), shared: best.score)
            miss.quoteWordOccurrence = occurrences(before: j, in: part)
            return miss
        }
        // Every token is the document's: the passage crosses a paragraph, or the characters
        // around the words differ.
        if text.paragraph[s] != text.paragraph[s + m - 1] {
            return Miss(.crossesParagraph, part: part.text, passage: passage, shared: best.score)
        }
        let base = Int(text.tokenStart[s]) - part.tokens[0].lowerBound
        let differs = part.scalars.indices.first {
            base + $0 < 0 || base + $0 >= text.scalars.count
                || (text.scalars[base + $0] != part.scalars[$0]
                    && !($0 == part.tokens[0].lowerBound && foldCase(text.scalars[base + $0]) == foldCase(part.scalars[$0])))
        }
        let j = differs.map { d in part.tokens.lastIndex { $0.lowerBound <= d } ?? 0 } ?? 0
        let upto = min(m - 1, j + 1)
        // Past the last word, the characters to the end of the part (`something.` where the
        // document goes on `something that`).
        let end = upto == j ? part.scalars.count : part.tokens[upto].upperBound
        let quoteSnippet = string(part.scalars[part.tokens[j].lowerBound..<end])
        let documentEnd =
            upto == j
            ? min(text.scalars.count, Int(text.tokenStart[s + j]) + end - part.tokens[j].lowerBound)
            : Int(text.tokenEnd[s + upto])
        let documentSnippet = text.originalText(Int(text.tokenStart[s + j])..<documentEnd)
        var miss = Miss(
            .notFound, part: part.text, passage: passage, documentWord: documentSnippet, quoteWord: quoteSnippet,
            shared: best.score)
        miss.quoteWordOccurrence = occurrences(before: j, in: part)
        return miss
    }

    /// How many tokens of `part` before token `j` are the same word as it.
    static func occurrences(before j: Int, in part: Quotation.Part) -> Int {
        guard j < part.tokens.count else { return 0 }
        let word = part.scalars[part.tokens[j]]
        return part.tokens[..<j].filter { part.scalars[$0].elementsEqual(word) }.count
    }
}
