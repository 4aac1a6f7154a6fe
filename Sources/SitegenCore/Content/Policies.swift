/// Editorial policies an editor sets in `site.md`, which `sitegen check` (and every build)
/// holds the content to: `brief-words: 400-900` makes a brief outside that range a warning;
/// `brief-words: 400-900, error` makes it an error.
public struct Policies: Sendable, Equatable {
    public struct WordRange: Sendable, Equatable {
        public let words: ClosedRange<Int>
        public let isError: Bool
    }

    public var briefWords: WordRange?
    /// `quote-punctuation: american` (the default) lets a `.` or `,` end a quotation inside
    /// its closing mark whatever the document has there; `logical` proves them too.
    public var quotePunctuation: QuoteMatcher.Punctuation = .american
    /// What a figure in prose that no cited document has is: a `warning` (the default), an
    /// `error`, or not looked for (`off`: an archive brought in from elsewhere, whose figures
    /// were never held to its documents).
    public enum FigurePolicy: String, Sendable, CaseIterable {
        case off, warning, error
    }

    public var figures: FigurePolicy = .warning

    public init(briefWords: WordRange? = nil) {
        self.briefWords = briefWords
    }

    public static let keys = ["brief-words", "quote-punctuation", "figures"]
}

extension FrontMatterReader {
    /// `MIN-MAX`, optionally followed by `, error` or `, warning` (the default).
    mutating func wordRange(_ key: String) -> Policies.WordRange? {
        guard let entry = map[key], case .scalar(let s) = entry.value else {
            _ = text(key)
            return nil
        }
        let parts = s.text.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let bounds = (parts.first ?? "").split(separator: "-", omittingEmptySubsequences: false).map {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        let severity = parts.count > 1 ? parts[1] : "warning"
        guard bounds.count == 2, let low = bounds[0], let high = bounds[1], low >= 0, low <= high,
            severity == "warning" || severity == "error"
        else {
            report(
                "frontmatter.invalid-policy", "'\(key)' must be a range of words, not '\(s.text)'", line: s.line,
                column: s.column, hint: "write e.g. '\(key): 400-900', or '\(key): 400-900, error' to fail the build")
            return nil
        }
        return Policies.WordRange(words: low...high, isError: severity == "error")
    }
}
