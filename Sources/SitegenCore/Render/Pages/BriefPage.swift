/// A brief's page: its header, table of contents, body, corrections and sources, and the
/// people, events, organizations, topics and related briefs it names.
/// (A class: a template's sections hold their page, which is then one reference to count.)
final class BriefPage: TemplateModel {
    let layout: LayoutModel
    let brief: Brief
    let parts: DocumentParts
    let date: DateModel
    let updated: DateModel?
    let readingMinutes: Int
    let wordCount: Int
    let toc: [ContentsEntry]
    let body: BodyHTML
    /// Cached cards and event rows.
    let people: [Card<PersonCard>]
    let events: [Card<EventRow>]
    let related: [Card<BriefCard>]
    let organizations: [Chip]
    let topics: [Chip]
    /// Whether the brief has related briefs (its list may still be empty).
    let hasRelated: Bool

    init(
        layout: LayoutModel, brief: Brief, parts: DocumentParts, date: DateModel, updated: DateModel?, readingMinutes: Int,
        wordCount: Int, toc: [ContentsEntry], body: BodyHTML, people: [Card<PersonCard>], events: [Card<EventRow>],
        related: [Card<BriefCard>], organizations: [Chip], topics: [Chip], hasRelated: Bool
    ) {
        (self.layout, self.brief, self.parts, self.date, self.updated) = (layout, brief, parts, date, updated)
        (self.readingMinutes, self.wordCount, self.toc, self.body) = (readingMinutes, wordCount, toc, body)
        (self.people, self.events, self.related, self.organizations) = (people, events, related, organizations)
        (self.topics, self.hasRelated) = (topics, hasRelated)
    }

    static let schema = TemplateSchema<BriefPage>(
        "a brief's page",
        LayoutModel.entries { $0.layout } + DocumentParts.entries { $0.parts } + [
            .text("summary") { $0.brief.summary }, .text("kindLabel") { $0.brief.kind.label },
            .text("kind") { $0.brief.kind.rawValue }, .flag("isDraft") { $0.brief.isDraft },
            .optional("date") { $0.date }, .optional("updated") { $0.updated },
            .number("readingMinutes") { $0.readingMinutes }, .number("wordCount") { $0.wordCount },
            .list("toc") { $0.toc }, .flag("hasTOC") { $0.toc.count >= 3 }, .html("body") { $0.body.html },
            .list("people") { $0.people }, .flag("hasPeople") { !$0.brief.people.isEmpty },
            .list("events") { $0.events }, .flag("hasEvents") { !$0.brief.events.isEmpty },
            .list("organizations") { $0.organizations }, .flag("hasOrganizations") { !$0.brief.organizations.isEmpty },
            .list("topics") { $0.topics }, .flag("hasTopics") { !$0.brief.topics.isEmpty },
            .list("related") { $0.related }, .flag("hasRelated") { $0.hasRelated },
        ])

    static let template = "brief"
}

extension PageRenderer {
    func briefPage(_ slug: String) -> OutputFile {
        let b = graph.briefs[slug]!
        let body = graph.body(.brief, slug)
        let vm = models(b.id.path)
        let related = graph.related[slug] ?? []
        let layout = documentLayout(
            b, title: b.title, description: b.summary, section: .kind(.brief), crumbs: crumbs(.brief),
            article: { $0.article(image: b.image, published: b.date, modified: b.lastUpdated ?? b.date) })
        let model = BriefPage(
            layout: layout, brief: b, parts: documentParts(b, vm), date: vm.date(b.date), updated: b.lastUpdated.map { vm.date($0) },
            readingMinutes: body?.readingMinutes ?? 1, wordCount: body?.wordCount ?? 0,
            toc: (body?.toc ?? []).map { ContentsEntry(id: $0.id, text: $0.text, isSub: $0.level == 3) },
            body: bodyHTML(.brief, slug), people: vm.personCards(b.people.map(\.slug)),
            events: vm.eventRows(inTimelineOrder(b.events)), related: vm.briefCards(related),
            organizations: b.organizations.compactMap(vm.chip), topics: b.topics.compactMap(vm.chip), hasRelated: !related.isEmpty)
        return rendered(\.brief, model, path: b.id.path + "index.html")
    }
}
