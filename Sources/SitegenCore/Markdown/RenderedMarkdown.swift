/// A heading listed in a table of contents.
public struct TOCEntry: Sendable, Hashable {
    public let level: Int
    public let id: String
    public let text: String
}

/// What the Markdown stage returns: plain Swift values, no cmark types. An object, as it is
/// read on many pages (cards read its reading time, event rows its lead): one retain a copy.
public final class RenderedMarkdown: Sendable {
    public let html: String
    public let toc: [TOCEntry]
    public let wordCount: Int
    /// Every `@` link, with its position, for the graph stage to check and count as a mention.
    public let references: [ContentReference]
    /// The ids given to headings, so `@kind/slug#fragment` links can be checked.
    public let headingIDs: [String]
    /// The first paragraph as plain text: an event's line on the timeline.
    public let leadText: String
    public let diagnostics: [Diagnostic]
    /// Links into the site that are not `@kind/slug` references: list pages with a fragment
    /// (`@timeline#rubio-visit`) and plain paths (`people/marco-rubio`), checked by the graph.
    public let siteLinks: [SiteLink]
    /// Source documents cited inline (`[text](@sources/slug)`), numbered in this order.
    public let citedSources: [CitedSource]
    /// Quoted text in the body: block quotes and every quotation in quotation marks, which
    /// must appear in a document the page cites.
    public let quotedSpans: [QuotedSpan]
    /// Figures in the body's prose, for `FigureCheck`.
    public let figures: [FigureMention]

    init(
        html: String, toc: [TOCEntry], wordCount: Int, references: [ContentReference], headingIDs: [String],
        leadText: String, diagnostics: [Diagnostic], siteLinks: [SiteLink] = [], citedSources: [CitedSource] = [],
        quotedSpans: [QuotedSpan] = [], figures: [FigureMention] = []
    ) {
        self.html = html
        self.toc = toc
        self.wordCount = wordCount
        self.references = references
        self.headingIDs = headingIDs
        self.leadText = leadText
        self.diagnostics = diagnostics
        self.siteLinks = siteLinks
        self.citedSources = citedSources
        self.quotedSpans = quotedSpans
        self.figures = figures
    }

    /// Minutes at 220 words a minute, at least one.
    public var readingMinutes: Int { max(1, Int((Double(wordCount) / 220).rounded())) }
}

/// A link in a body that the graph stage checks against the pages of the site.
public struct SiteLink: Sendable {
    public enum Target: Sendable, Equatable {
        /// `@timeline#fragment`: a list page and an id on it.
        case list(String, fragment: String)
        /// A plain URL path, relative to the page or from the site root: `people/marco-rubio`.
        case path(String)
    }

    public let target: Target
    let file: SourceFile
    let line: Int
    let byteColumn: Int

    public var position: SourcePosition {
        file.position(line: line, column: file.characterColumn(line: line, byteColumn: byteColumn))
    }

    public var sourceLine: String { file.line(line) }
}

/// A source document cited inline in a body, and how many times.
public struct CitedSource: Sendable, Equatable {
    public let slug: String
    public var uses: Int
}

/// A figure written in digits in a body's prose (outside quotations, code and block quotes),
/// and where to find it: the `occurrence`-th whole-number occurrence of its text in its
/// paragraph's lines, worked out only when a diagnostic needs it (most figures are proven).
public struct FigureMention: Sendable, Equatable {
    public let text: String
    let file: SourceFile
    let lines: ClosedRange<Int>
    let occurrence: Int
    /// The paragraph's own position, when the figure is not found in its lines.
    let fallback: (line: Int, column: Int)

    public static func == (a: FigureMention, b: FigureMention) -> Bool {
        a.text == b.text && a.lines == b.lines && a.occurrence == b.occurrence && a.file.path == b.file.path
    }

    var place: (line: Int, column: Int) {
        let bytes = lines.map { ($0, Array(file.line($0).utf8)) }
        // The number itself (`30` of `30 million`).
        let number = Array((text.split(separator: " ").first ?? Substring(text)).utf8)
        guard let found = FigureMention.occurrence(occurrence, of: number, in: bytes) else { return fallback }
        return (found.line, file.characterColumn(line: found.line, byteColumn: found.byte))
    }

    public var position: SourcePosition {
        let (line, column) = place
        return file.position(line: line, column: column)
    }

    public var sourceLine: String { file.line(place.line) }

    /// The `k`-th occurrence of a figure in lines (their UTF-8 bytes), as a whole number (no
    /// letter or digit just before or after it; any byte past ASCII counts as a letter): its
    /// line and byte column.
    static func occurrence(_ k: Int, of figure: [UInt8], in lines: [(Int, [UInt8])]) -> (line: Int, byte: Int)? {
        func isAlphanumeric(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b >= 0x80
        }
        var seen = 0
        let m = figure.count
        guard m > 0 else { return nil }
        for (number, bytes) in lines where bytes.count >= m {
            var i = 0
            while i + m <= bytes.count {
                if bytes[i] == figure[0], bytes[i..<(i + m)].elementsEqual(figure),
                    i == 0 || !isAlphanumeric(bytes[i - 1]), i + m == bytes.count || !isAlphanumeric(bytes[i + m])
                {
                    if seen == k { return (number, i + 1) }
                    seen += 1
                }
                i += 1
            }
        }
        return nil
    }
}

/// Text a body quotes, and where its opening mark (or its block quote's paragraph) is.
public struct QuotedSpan: Sendable {
    public let text: String
    let file: SourceFile
    let line: Int
    let column: Int
    /// A paragraph of a block quote, rather than words in quotation marks.
    public let isBlock: Bool
    /// The people (`@people/…` slugs) linked in the quotation's sentence: who the body gives
    /// the words to.
    public var people: [String] = []
    /// What the reader sees inside the marks that is not text the check can prove (struck-through
    /// text, an image, a footnote reference, raw HTML), if anything.
    public var unprovable: String?

    public var position: SourcePosition { file.position(line: line, column: column) }
    public var sourceLine: String { file.line(line) }
}
