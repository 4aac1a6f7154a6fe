/// Where quotations are in a text: between quotation marks of any script (“…”, "…", «…»,
/// „…“, ‹…›, ‘…’, 「…」, 『…』), whatever their length. A quotation inside another is part of
/// it; a ’ between letters or before one is an apostrophe, not a closing mark; marks around no
/// letter or digit quote nothing.
enum QuotationMarks {
    /// By the opening mark: the marks that close it.
    static func closers(of open: Unicode.Scalar) -> [UInt32]? {
        switch open.value {
        case 0x201C: [0x201D, 0x22]
        case 0x22: [0x22]
        case 0xAB: [0xBB]
        case 0x201E: [0x201C, 0x201D]
        case 0x2039: [0x203A]
        case 0x2018: [0x2019]
        case 0x300C: [0x300D]
        case 0x300E: [0x300F]
        case 0xBB: [0xAB]
        case 0x201A: [0x2018, 0x2019]
        case 0x301D: [0x301E, 0x301F]
        case 0xFF02: [0xFF02]
        case 0x275D: [0x275E]
        default: nil
        }
    }

    static let closing: [UInt32] = [
        0x201D, 0x22, 0xBB, 0x201C, 0x203A, 0x2019, 0x300D, 0x300F, 0xAB, 0x2018, 0x301E, 0x301F, 0xFF02, 0x275E,
    ]

    /// The marks counted to place a quotation at its opening mark in the file, with the
    /// straight ones smart punctuation makes them of (a switch, not a set: it is asked of
    /// every character of every paragraph with a quotation).
    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x201C, 0x201D, 0x22, 0xAB, 0xBB, 0x201E, 0x2039, 0x203A, 0x2018, 0x2019, 0x27, 0x300C, 0x300D, 0x300E,
            0x300F, 0x201A, 0x301D, 0x301E, 0x301F, 0xFF02, 0x275D, 0x275E:
            true
        default: false
        }
    }

    static func isWord(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil
    }

    /// Each quotation's range (inside its marks) and the number of its opening mark among all
    /// the text's marks (`isMark`); and how many marks the text has. Linear in the text,
    /// however many marks it has or leaves open.
    /// Marks at `ignoring` places (inside code spans) are text, not marks.
    static func spans(in scalars: [Unicode.Scalar], ignoring: Set<Int> = []) -> (spans: [(range: Range<Int>, mark: Int)], marks: Int) {
        let n = scalars.count
        func isWordAt(_ i: Int) -> Bool { i >= 0 && i < n && isWord(scalars[i]) }
        // Where each closing mark is (a ’ between letters or before one is an apostrophe), in
        // order: most paragraphs have a few, looked up by binary search.
        var places = [[Int]](repeating: [], count: closing.count)
        for i in 0..<n where isMark(scalars[i]) && !ignoring.contains(i) {
            if let k = closing.firstIndex(of: scalars[i].value), !(scalars[i].value == 0x2019 && isWordAt(i + 1)) {
                places[k].append(i)
            }
        }
        func next(_ k: Int, after i: Int) -> Int {
            let list = places[k]
            var (lo, hi) = (0, list.count)
            while lo < hi {
                let mid = (lo + hi) / 2
                if list[mid] <= i { lo = mid + 1 } else { hi = mid }
            }
            return lo < list.count ? list[lo] : n
        }
        var markNumber = 0
        var spans: [(range: Range<Int>, mark: Int)] = []
        var i = 0
        while i < n {
            let open = scalars[i]
            guard let closers = closers(of: open), !(open == "\u{2018}" && isWordAt(i - 1)), !ignoring.contains(i) else {
                if isMark(open) && !ignoring.contains(i) { markNumber += 1 }
                i += 1
                continue
            }
            let end = closers.map { next(closing.firstIndex(of: $0)!, after: i) }.min() ?? n
            let opening = markNumber
            markNumber += 1
            // A double mark left open where a quotation starts (after a space, at the start or
            // after an opening bracket or a colon, and before a letter or digit) quotes the rest
            // of the paragraph, as a quotation that goes on into the next paragraph is written; a
            // single one may be an apostrophe.
            guard end < n else {
                let startsAQuotation =
                    (i == 0 || scalars[i - 1].properties.isWhitespace || "([:—–".unicodeScalars.contains(scalars[i - 1]))
                    && isWordAt(i + 1)
                if open != "\u{2018}", startsAQuotation {
                    spans.append(((i + 1)..<n, opening))
                    markNumber += ((i + 1)..<n).lazy.filter { isMark(scalars[$0]) && !ignoring.contains($0) }.count
                    break
                }
                i += 1
                continue
            }
            markNumber += ((i + 1)...end).lazy.filter { isMark(scalars[$0]) && !ignoring.contains($0) }.count
            if scalars[(i + 1)..<end].contains(where: isWord) { spans.append(((i + 1)..<end, opening)) }
            i = end + 1
        }
        return (spans, markNumber)
    }
}
