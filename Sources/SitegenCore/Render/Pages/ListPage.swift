/// A source document as a card of the sources list.
struct SourceCard: TemplateModel {
    let summary: SourceSummary
    let cardLevel: Int
    static let schema = TemplateSchema<SourceCard>(
        "source card", SourceSummary.entries { $0.summary } + [.number("cardLevel") { $0.cardLevel }])
}

/// A page of a kind's list (`/people/`, `/people/page/2/`): the kind's documents in order, as
/// cards under the list's name (`briefs`, `people`, `organizations`, `topics`, `sources`), the
/// others empty.
final class ListPage: TemplateModel {
    let layout: LayoutModel
    let kind: ContentKind
    let intro: String
    /// The cards of a kind shown through a cached partial, rendered.
    let cards: [String]
    /// The cards of the sources list, rendered by its template.
    let sources: [SourceCard]
    /// How many documents the whole list has.
    let count: Int

    init(layout: LayoutModel, kind: ContentKind, intro: String, cards: [String], sources: [SourceCard], count: Int) {
        (self.layout, self.kind, self.intro, self.cards, self.sources, self.count) = (layout, kind, intro, cards, sources, count)
    }

    /// The cards, when the list is of `kind`.
    private func cards<M>(_ kind: ContentKind) -> [Rendered<M>] {
        self.kind == kind ? cards.map { Rendered(html: $0) } : []
    }

    static let schema = TemplateSchema<ListPage>(
        "a list page",
        LayoutModel.entries { $0.layout } + [
            .text("intro") { $0.intro }, .flag("isEmpty") { $0.cards.isEmpty && $0.sources.isEmpty },
            .number("count") { $0.count }, .list("briefs") { $0.cards(.brief) as [Rendered<BriefCard>] },
            .list("people") { $0.cards(.person) as [Rendered<PersonCard>] },
            .list("organizations") { $0.cards(.organization) as [Rendered<OrganizationCard>] },
            .list("topics") { $0.cards(.topic) as [Rendered<TopicCard>] }, .list("sources") { $0.sources },
        ])
}
