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

    /// Minutes at 220 words a minute, at least one.
    public var readingMinutes: Int { max(1, Int((Double(wordCount) / 220).rounded())) }
}
