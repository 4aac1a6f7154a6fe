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

extension PageRenderer {
    func topicPage(_ slug: String) -> OutputFile {
        let t = graph.topics[slug]!
        let vm = models(t.id.path)
        let layout = documentLayout(t, title: t.title, description: t.summary, section: .kind(.topic), crumbs: crumbs(.topic))
        let model = TopicPage(
            layout: layout, summary: t.summary, parts: documentParts(t, vm), body: bodyHTML(.topic, slug),
            backlinks: backlinks(.topic, slug, vm))
        return rendered(\.topic, model, path: t.id.path + "index.html")
    }

    func staticPage(_ slug: String) -> OutputFile {
        let p = graph.pages[slug]!
        let layout = documentLayout(p, title: p.title, description: p.summary, section: .page(slug), crumbs: [])
        let model = StaticPage(layout: layout, summary: p.summary, parts: documentParts(p, models(p.id.path)), body: bodyHTML(.page, slug))
        return rendered(\.page, model, path: p.id.path + "index.html")
    }
}
