/// A topic's page, or a page of `pages/` (`StaticPage`): its summary and body, and for a topic
/// the events and briefs filed under it.
final class TopicPage: TemplateModel {
    let layout: LayoutModel
    let summary: String
    let parts: DocumentParts
    let body: BodyHTML
    let backlinks: Backlinks

    init(layout: LayoutModel, summary: String, parts: DocumentParts, body: BodyHTML, backlinks: Backlinks) {
        (self.layout, self.summary, self.parts, self.body, self.backlinks) = (layout, summary, parts, body, backlinks)
    }

    static let schema = TemplateSchema<TopicPage>(
        "a topic's page",
        LayoutModel.entries { $0.layout } + DocumentParts.entries { $0.parts } + Backlinks.entries { $0.backlinks } + [
            .text("summary") { $0.summary }, .html("body") { $0.body.html },
        ])

    static let template = "topic"
}

/// A page of `pages/` (About, a corrections policy): its summary and body.
final class StaticPage: TemplateModel {
    let layout: LayoutModel
    let summary: String
    let parts: DocumentParts
    let body: BodyHTML

    init(layout: LayoutModel, summary: String, parts: DocumentParts, body: BodyHTML) {
        (self.layout, self.summary, self.parts, self.body) = (layout, summary, parts, body)
    }

    static let schema = TemplateSchema<StaticPage>(
        "a page of pages/",
        LayoutModel.entries { $0.layout } + DocumentParts.entries { $0.parts } + [
            .text("summary") { $0.summary }, .html("body") { $0.body.html },
        ])

    static let template = "page"
}
