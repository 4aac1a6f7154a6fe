/// `Content/topics/<slug>.md`: a theme briefs and events are filed under.
public struct Topic: SchemaDocument {
    public var prose: [ProseText] = []
    public var computedFigures: [String] = []
    public let slug: String
    public let title: String
    public let summary: String
    public let citations: [Citation]
    public let updates: [Update]
    public let body: MarkdownSource

    public static let kind = ContentKind.topic
    static let noun = "a topic"
    static let keys = ["title", "summary", "sources", "updates"]

    public var label: String { title }
    public var references: [ContentReference] { [] }

    static func read(_ r: inout FrontMatterReader, slug: String, body: MarkdownSource) -> Topic? {
        let title = r.prose("title", required: true)
        let summary = r.prose("summary", required: true)
        let sources = r.citations()
        let updates = r.updates()
        guard let title, let summary, !r.failed else { return nil }
        return Topic(slug: slug, title: title, summary: summary, citations: sources, updates: updates, body: body)
    }

    static func scaffold(name: String, date: PartialDate) -> (lines: [String], body: String) {
        (["title: \(name)", "summary: One sentence on what this topic covers."], "An introduction to the topic.\n")
    }
}
