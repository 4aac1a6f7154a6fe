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
    /// The cards of one kind.
    enum Items {
        case briefs([Card<BriefCard>])
        case people([Card<PersonCard>])
        case organizations([Card<OrganizationCard>])
        case topics([Card<TopicCard>])
        case sources([SourceCard])

        var isEmpty: Bool {
            switch self {
            case .briefs(let cards): cards.isEmpty
            case .people(let cards): cards.isEmpty
            case .organizations(let cards): cards.isEmpty
            case .topics(let cards): cards.isEmpty
            case .sources(let cards): cards.isEmpty
            }
        }
    }

    let layout: LayoutModel
    let intro: String
    let items: Items
    /// How many documents the whole list has.
    let count: Int

    init(layout: LayoutModel, intro: String, items: Items, count: Int) {
        (self.layout, self.intro, self.items, self.count) = (layout, intro, items, count)
    }

    static let schema = TemplateSchema<ListPage>(
        "a list page",
        LayoutModel.entries { $0.layout } + [
            .text("intro") { $0.intro }, .flag("isEmpty") { $0.items.isEmpty }, .number("count") { $0.count },
            .list("briefs") { if case .briefs(let cards) = $0.items { cards } else { [] } },
            .list("people") { if case .people(let cards) = $0.items { cards } else { [] } },
            .list("organizations") { if case .organizations(let cards) = $0.items { cards } else { [] } },
            .list("topics") { if case .topics(let cards) = $0.items { cards } else { [] } },
            .list("sources") { if case .sources(let cards) = $0.items { cards } else { [] } },
        ])
}

extension ListPage.Items: Sendable {}

extension PageRenderer {
    /// A page of a kind's list (`/people/`, `/people/page/2/`): its list name is its path and
    /// its template; the kind's documents in order, as cards.
    func list(_ kind: ContentKind, page number: Int, items: (PageParts, ArraySlice<String>) -> ListPage.Items) -> OutputFile {
        let name = kind.entry.list ?? kind.folder
        let (heading, intro) = Self.listHeading(kind) ?? (name, "")
        let base = name + "/"
        // The timeline is one page (its months are pages of their own); other lists are read
        // page by page, so that a move in the order renders only the pages it changes.
        let (shown, count): (ArraySlice<String>, Int)
        if kind == .event {
            let events = graph.order(kind)
            (shown, count) = (graph.pagination.page(events, number), events.count)
        } else {
            (shown, count) = graph.listPage(kind, number)
        }
        let pages = graph.pagination.pageCount(count)
        let pagePath = Pagination.path(base, page: number)
        let vm = models(pagePath)
        let layout = layout(
            .kindList(kind, page: number), pagePath: pagePath, title: Self.title(heading, page: number, of: pages), description: intro,
            section: .kind(kind), crumbs: number == 1 ? [] : [(heading, base)], pager: Pager(base, page: number, of: pages, root: vm.root))
        let model = ListPage(
            layout: layout, intro: intro, items: items(vm, shown), count: count)
        // Every kind with a list page has its compiled template when the templates compiled.
        return rendered(\TypedPages.lists[kind]!, model, path: pagePath + "index.html")
    }
}
