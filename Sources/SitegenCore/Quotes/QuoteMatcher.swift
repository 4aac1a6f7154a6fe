import Foundation

/// Finds quotes in the text of source documents: verbatim, up to typography.
///
/// Both texts are normalised the same way: Unicode NFC (a composed `é` and `e` + U+0301 are
/// one letter), typographic and straight quotation marks and apostrophes are one mark each
/// (‘ ’ ‹ › ʼ and ' are `'`; “ ” « » and " are `"`), every dash is `-`, `…` is `...`, soft
/// hyphens and zero-width characters are dropped, and every run of white space is one space.
/// Beyond that a quote must match exactly, but for the case of its first letter (a quote may
/// start a sentence the document has it in the middle of), and whole words: "honest" is not
/// found inside "dishonest". `…`, `...`, `[…]` and `[...]` split a quote into parts that must
/// each appear, in order; a quote with no words at all proves nothing and is not found.
///
/// Searching is Knuth–Morris–Pratt over Unicode scalars: linear in the document's length
/// whatever the quote or the document hold.
public struct QuoteMatcher: Sendable {
    /// A document's text, normalised once and searched for every quote that cites it.
    public struct Text: Sendable {
        /// The normalised scalars.
        let scalars: [UInt32]
        /// For each normalised scalar, the index of the original scalar it came from.
        let origins: [Int]
        let original: [Unicode.Scalar]
        /// Where each word starts, by the key of its first `keyLength` scalars (the first
        /// one in lower case): a quote that starts a word is looked up, not searched for.
        let wordStarts: [UInt64: [Int32]]

        public init(_ text: String) {
            original = Array(text.precomposedStringWithCanonicalMapping.unicodeScalars)
            (scalars, origins) = QuoteMatcher.normalize(original)
            var starts: [UInt64: [Int32]] = [:]
            let n = scalars.count
            if n >= QuoteMatcher.keyLength {
                for i in 0...(n - QuoteMatcher.keyLength)
                where QuoteMatcher.isWord(scalars[i]) && (i == 0 || !QuoteMatcher.isWord(scalars[i - 1])) {
                    starts[QuoteMatcher.key(scalars, at: i), default: []].append(Int32(i))
                }
            }
            wordStarts = starts
        }
    }

    // MARK: The word index

    static let keyLength = 16
    /// More places than this for one key (a document repeating itself), and the search runs
    /// Knuth–Morris–Pratt instead, which stays linear whatever the document holds.
    static let maxCandidates = 1024

    /// Letters and digits, for ASCII; anything else above ASCII counts as a letter.
    @inline(__always)
    static func isWord(_ v: UInt32) -> Bool {
        (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v > 0x7F
    }

    /// A scalar and its other-case letter fold to the same value (the smaller of the two).
    @inline(__always)
    static func foldCase(_ v: UInt32) -> UInt32 {
        if v >= 0x41 && v <= 0x5A { return v + 0x20 }
        if v < 0x80 { return v }
        return min(v, otherCase(v) ?? v)
    }

    static func key(_ scalars: [UInt32], at i: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for j in 0..<keyLength {
            h = (h ^ UInt64(j == 0 ? foldCase(scalars[i + j]) : scalars[i + j])) &* 0x100_0000_01b3
        }
        return h
    }

    /// The quote's parts found through the word index, each at the first word start where it
    /// matches; nil when a part is not found that way (it may start inside a word, or not be
    /// there at all: the full search decides).
    static func findByWords(_ parts: [[UInt32]], in text: Text) -> [Range<Int>]? {
        var from = 0
        var found: [Range<Int>] = []
        for part in parts {
            let m = part.count
            if m >= keyLength, isWord(part[0]), let candidates = text.wordStarts[key(part, at: 0)],
                candidates.count <= maxCandidates
            {
                let first = foldCase(part[0])
                guard
                    let start = candidates.lazy.map(Int.init).first(where: { start in
                        start >= from && start + m <= text.scalars.count && foldCase(text.scalars[start]) == first
                            && text.scalars[(start + 1)..<(start + m)].elementsEqual(part[1...])
                            && endsAWord(part, in: text.scalars, at: start + m)
                    })
                else { return nil }
                found.append(start..<(start + m))
                from = start + m
            } else {
                guard
                    let range = firstOccurrence(part, in: text.scalars, from: from, foldingFirstLetter: true, wholeWords: true)
                else { return nil }
                found.append(range)
                from = range.upperBound
            }
        }
        return found
    }

    /// Where a quote was not found: the part that is missing and the closest passage.
    public struct Miss: Error, Sendable, Equatable {
        /// The part of the quote (split at `…`) that is not in the document, normalised.
        public let part: String
        /// The passage of the document that shares the most of that part's first or last
        /// words, as the document has it; nil when no passage shares any.
        public let passage: String?
        /// The first word that differs, in the document and in the quote ("" past either end).
        public let documentWord: String?
        public let quoteWord: String?
    }

    // MARK: Normalising

    static let space: UInt32 = 0x20

    /// The normalised form of one scalar: nil for white space (runs collapse to one space).
    @inline(__always)
    static func fold(_ s: Unicode.Scalar) -> [UInt32]? {
        switch s.value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000:
            return nil
        case 0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF: return []
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x0060, 0x00B4, 0x2039, 0x203A, 0x02BC: return [0x27]
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB: return [0x22]
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: return [0x2D]
        case 0x2026: return [0x2E, 0x2E, 0x2E]
        default: return [s.value]
        }
    }

    static func normalize(_ scalars: [Unicode.Scalar]) -> (scalars: [UInt32], origins: [Int]) {
        var out: [UInt32] = []
        var origins: [Int] = []
        out.reserveCapacity(scalars.count)
        origins.reserveCapacity(scalars.count)
        var pendingSpace = false
        for (i, s) in scalars.enumerated() {
            // Fast path: ASCII letters, digits and punctuation stand for themselves.
            if s.value > 0x20 && s.value < 0x7F && s.value != 0x60 {
                if pendingSpace && !out.isEmpty {
                    out.append(space)
                    origins.append(i - 1)
                }
                pendingSpace = false
                out.append(s.value)
                origins.append(i)
                continue
            }
            guard let folded = fold(s) else {
                pendingSpace = true
                continue
            }
            if folded.isEmpty { continue }
            if pendingSpace && !out.isEmpty {
                out.append(space)
                origins.append(i - 1)
            }
            pendingSpace = false
            for value in folded {
                out.append(value)
                origins.append(i)
            }
        }
        return (out, origins)
    }

    /// A quote's parts, split at ellipses (`…`, `...`, `[…]`, `[...]`), each normalised and
    /// trimmed of spaces; empty parts are dropped.
    static func parts(of quote: String) -> [[UInt32]] {
        let (normalised, _) = normalize(Array(quote.precomposedStringWithCanonicalMapping.unicodeScalars))
        var parts: [[UInt32]] = []
        var current: [UInt32] = []
        var i = 0
        let n = normalised.count
        let dot: UInt32 = 0x2E
        while i < n {
            if i + 2 < n, normalised[i] == dot, normalised[i + 1] == dot, normalised[i + 2] == dot {
                var end = i + 3
                // `[...]`: the brackets go with the ellipsis.
                if current.last == 0x5B, end < n, normalised[end] == 0x5D {
                    end += 1
                    current.removeLast()
                }
                parts.append(current)
                current = []
                i = end
                continue
            }
            current.append(normalised[i])
            i += 1
        }
        parts.append(current)
        return parts.map { trim($0) }.filter { !$0.isEmpty }
    }

    static func trim(_ part: [UInt32]) -> [UInt32] {
        var slice = part[...]
        while slice.first == space { slice = slice.dropFirst() }
        while slice.last == space { slice = slice.dropLast() }
        return Array(slice)
    }

    // MARK: Searching

    /// The ranges (in `text.scalars`) where each part of `quote` is, in order; or what is
    /// missing and the closest passage.
    /// Without `closest`, a miss does not look for the closest passage (which costs a few
    /// searches of the document).
    public static func find(_ quote: String, in text: Text, closest: Bool = true) -> Result<[Range<Int>], Miss> {
        let parts = parts(of: quote)
        guard parts.contains(where: { $0.contains(where: isWord) }) else {
            return .failure(Miss(part: "", passage: nil, documentWord: nil, quoteWord: nil))
        }
        if let found = findByWords(parts, in: text) { return .success(found) }
        return findBySearching(parts, in: text, closest: closest)
    }

    /// Each part by Knuth–Morris–Pratt, from where the previous one ended: the earliest
    /// occurrences, so a quote the document has is always found.
    static func findBySearching(
        _ parts: [[UInt32]], in text: Text, closest: Bool = true
    ) -> Result<[Range<Int>], Miss> {
        var from = 0
        var found: [Range<Int>] = []
        for part in parts {
            guard let range = firstOccurrence(part, in: text.scalars, from: from, foldingFirstLetter: true, wholeWords: true)
            else {
                return .failure(closest ? miss(part, in: text) : Miss(part: string(part), passage: nil, documentWord: nil, quoteWord: nil))
            }
            found.append(range)
            from = range.upperBound
        }
        return .success(found)
    }

    /// The first occurrence of `pattern` at or after `from`; with `foldingFirstLetter`, the
    /// pattern's first letter may be in either case. One pass either way: the rest of the pattern
    /// is searched, and each occurrence accepted when the scalar before it is the first letter
    /// in one case or the other.
    static func firstOccurrence(
        _ pattern: [UInt32], in text: [UInt32], from: Int, foldingFirstLetter: Bool = false, wholeWords: Bool = false
    ) -> Range<Int>? {
        guard !pattern.isEmpty else { return from..<from }
        // With `wholeWords`, an occurrence that starts or ends inside a word of the document
        // (where the pattern starts or ends with a letter) does not count.
        func whole(_ start: Int) -> Bool {
            !wholeWords || (startsAWord(pattern, in: text, at: start) && endsAWord(pattern, in: text, at: start + pattern.count))
        }
        guard foldingFirstLetter, let other = otherCase(pattern[0]) else {
            return kmp(pattern[...], in: text, from: from, accept: whole)
        }
        let first = pattern[0]
        if pattern.count == 1 {
            return text.indices.dropFirst(from).first { (text[$0] == first || text[$0] == other) && whole($0) }
                .map { $0..<($0 + 1) }
        }
        return kmp(pattern[1...], in: text, from: from + 1) { start in
            (text[start - 1] == first || text[start - 1] == other) && whole(start - 1)
        }.map { ($0.lowerBound - 1)..<$0.upperBound }
    }

    /// Whether the pattern, placed at `start`, does not begin inside a word of the text.
    static func startsAWord(_ pattern: [UInt32], in text: [UInt32], at start: Int) -> Bool {
        start == 0 || !isWord(pattern[0]) || !isWord(text[start - 1])
    }

    /// Whether the pattern, ending at `end`, does not end inside a word of the text.
    static func endsAWord(_ pattern: [UInt32], in text: [UInt32], at end: Int) -> Bool {
        end >= text.count || !isWord(pattern[pattern.count - 1]) || !isWord(text[end])
    }

    /// The same letter in the other case, when it is one scalar.
    static func otherCase(_ value: UInt32) -> UInt32? {
        guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { return nil }
        let other = scalar.properties.isLowercase ? scalar.properties.uppercaseMapping : scalar.properties.lowercaseMapping
        guard other.unicodeScalars.count == 1, let o = other.unicodeScalars.first, o.value != value else { return nil }
        return o.value
    }

    /// Knuth–Morris–Pratt: the first occurrence at or after `from` that `accept` takes (given
    /// its start), in at most 2 × (text + pattern) comparisons however many it turns down.
    static func kmp(
        _ pattern: ArraySlice<UInt32>, in text: [UInt32], from: Int, accept: (Int) -> Bool
    ) -> Range<Int>? {
        let m = pattern.count
        guard m > 0, from >= 0, text.count - from >= m else { return nil }
        return pattern.withUnsafeBufferPointer { p in
            text.withUnsafeBufferPointer { t -> Range<Int>? in
                var failure = [Int](repeating: 0, count: m)
                var k = 0
                for i in 1..<max(1, m) {
                    while k > 0 && p[i] != p[k] { k = failure[k - 1] }
                    if p[i] == p[k] { k += 1 }
                    failure[i] = k
                }
                var q = 0
                var i = from
                let n = t.count
                let first = p[0]
                while i < n {
                    if q == 0 {
                        // Skip to the next possible start: the common case in running text.
                        while i < n && t[i] != first { i += 1 }
                        if i == n { return nil }
                    }
                    while q > 0 && t[i] != p[q] { q = failure[q - 1] }
                    if t[i] == p[q] { q += 1 }
                    if q == m {
                        let start = i - m + 1
                        if accept(start) { return start..<(i + 1) }
                        q = failure[m - 1]
                    }
                    i += 1
                }
                return nil
            }
        }
    }

    // MARK: The closest passage

    /// The word boundaries of a normalised part: each word's range.
    static func words(_ part: [UInt32]) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var start: Int?
        for (i, c) in part.enumerated() {
            if c == space {
                if let s = start { words.append(s..<i) }
                start = nil
            } else if start == nil {
                start = i
            }
        }
        if let s = start { words.append(s..<part.count) }
        return words
    }

    /// The passage sharing the longest run of the part's first words, or of its last words,
    /// found by binary search on the number of words: O(document × log(words)).
    static func miss(_ part: [UInt32], in text: Text) -> Miss {
        let partWords = words(part)
        let n = partWords.count
        func prefix(_ k: Int) -> [UInt32] { Array(part[0..<partWords[k - 1].upperBound]) }
        func suffix(_ k: Int) -> [UInt32] { Array(part[partWords[n - k].lowerBound...]) }
        func longest(_ make: (Int) -> [UInt32], fold: Bool) -> (Int, Range<Int>?) {
            var (lo, hi) = (0, n)
            var at: Range<Int>?
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if let r = firstOccurrence(make(mid), in: text.scalars, from: 0, foldingFirstLetter: fold) {
                    lo = mid
                    at = r
                } else {
                    hi = mid - 1
                }
            }
            return (lo, at)
        }
        let (p, pAt) = longest(prefix, fold: true)
        let (s, sAt) = longest(suffix, fold: false)
        let partText = string(part)
        guard p > 0 || s > 0 else { return Miss(part: partText, passage: nil, documentWord: nil, quoteWord: nil) }
        let docWords = words(text.scalars)
        // The document's words from where the shared run starts (or, for a shared ending,
        // enough words before it), and the first word that differs.
        let start: Int
        let quoteIndex: Int
        let docIndex: Int
        if p >= s, let pAt {
            start = docWords.firstIndex { $0.upperBound > pAt.lowerBound } ?? 0
            quoteIndex = p
            docIndex = start + p
        } else {
            let sAt = sAt!
            let end = docWords.firstIndex { $0.upperBound > sAt.lowerBound } ?? 0
            quoteIndex = n - s - 1
            docIndex = end - 1
            start = max(0, end - (n - s))
        }
        // Quotation marks around a word are not part of what differs.
        func word(_ scalars: ArraySlice<UInt32>) -> String {
            var w = scalars
            while let f = w.first, f == 0x22 || f == 0x27 { w = w.dropFirst() }
            while let l = w.last, l == 0x22 || l == 0x27 { w = w.dropLast() }
            return string(Array(w))
        }
        var docWord = docWords.indices.contains(docIndex) ? word(text.scalars[docWords[docIndex]]) : ""
        var quoteWord = partWords.indices.contains(quoteIndex) ? word(part[partWords[quoteIndex]]) : ""
        if docWord == quoteWord, docWords.indices.contains(docIndex), partWords.indices.contains(quoteIndex) {
            // They differ only in quotation marks: show the marks.
            docWord = string(Array(text.scalars[docWords[docIndex]]))
            quoteWord = string(Array(part[partWords[quoteIndex]]))
        }
        // The passage: from three words before to two words past the quote's length.
        let first = max(0, start - 3)
        let last = min(docWords.count, start + n + 2) - 1
        var passage: String?
        if first <= last, docWords.indices.contains(first) {
            let from = text.origins[docWords[first].lowerBound]
            let to = text.origins[docWords[last].upperBound - 1]
            var out = ""
            var lastWasSpace = false
            for scalar in text.original[from...to] {
                let isSpace = fold(scalar) == nil
                if isSpace {
                    if !lastWasSpace { out.unicodeScalars.append(" ") }
                } else {
                    out.unicodeScalars.append(scalar)
                }
                lastWasSpace = isSpace
            }
            passage = out
        }
        return Miss(part: partText, passage: passage, documentWord: docWord, quoteWord: quoteWord)
    }

    static func string(_ scalars: [UInt32]) -> String {
        var s = ""
        for v in scalars { if let u = Unicode.Scalar(v) { s.unicodeScalars.append(u) } }
        return s
    }
}
