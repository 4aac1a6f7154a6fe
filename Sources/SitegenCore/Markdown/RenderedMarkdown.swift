/// A heading listed in a table of contents.
public struct TOCEntry: Sendable, Hashable {
    public let level: Int
    public let id: String
    public let text: String
}

/// What the Markdown stage returns: plain Swift values, no cmark types.
public struct RenderedMarkdown: Sendable {
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
    public var siteLinks: [SiteLink] = []

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
