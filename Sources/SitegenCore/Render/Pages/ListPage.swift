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
    /// The cards of a kind shown through a cached partial.
    let cards: [HTMLFragment]
    /// The cards of the sources list, rendered by its template.
    let sources: [SourceCard]
    /// How many documents the whole list has.
    let count: Int

    init(layout: LayoutModel, kind: ContentKind, intro: String, cards: [HTMLFragment], sources: [SourceCard], count: Int) {
        (self.layout, self.kind, self.intro, self.cards, self.sources, self.count) = (layout, kind, intro, cards, sources, count)
    }

    static let schema = TemplateSchema<ListPage>(
        "a list page",
        LayoutModel.entries { $0.layout } + [
            .text("intro") { $0.intro }, .flag("isEmpty") { $0.cards.isEmpty && $0.sources.isEmpty },
            .number("count") { $0.count }, .list("briefs") { $0.kind == .brief ? $0.cards : [] },
            .list("people") { $0.kind == .person ? $0.cards : [] },
            .list("organizations") { $0.kind == .organization ? $0.cards : [] },
            .list("topics") { $0.kind == .topic ? $0.cards : [] }, .list("sources") { $0.sources },
        ])
}
