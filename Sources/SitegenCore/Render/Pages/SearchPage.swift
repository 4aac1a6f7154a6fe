/// `/search/`: Pagefind's interface, and without JavaScript (or without the index) the lists
/// to browse.
final class SearchPage: TemplateModel {
    /// A list page to browse.
    struct ListLink: TemplateModel {
        let label: String
        let url: String
        let intro: String

        static let schema = TemplateSchema<ListLink>(
            "list link", [.text("label") { $0.label }, .text("url") { $0.url }, .text("intro") { $0.intro }])
    }

    let layout: LayoutModel
    let lists: [ListLink]

    init(layout: LayoutModel, lists: [ListLink]) {
        (self.layout, self.lists) = (layout, lists)
    }

    static let schema = TemplateSchema<SearchPage>(
        "the search page",
        LayoutModel.entries { $0.layout } + [
            .text("intro") { _ in intro }, .list("lists") { $0.lists },
            .text("pagefindScript") { $0.layout.base.root + "pagefind/pagefind-ui.js" },
            .text("pagefindStylesheet") { $0.layout.base.root + "pagefind/pagefind-ui.css" },
        ])

    static let template = "search"
    static let title = "Search"
    static let intro = "Search every brief, profile, organization, event, topic and source document of this site."
}

extension PageRenderer {
    /// The search page: Pagefind's interface, and without JavaScript (or without the index, as
    /// under `sitegen serve`) the lists to browse instead.
    func searchPage() -> OutputFile {
        let root = ContentURL.rootPrefix(from: "search/")
        let lists = ContentKind.documentKinds.compactMap { kind -> SearchPage.ListLink? in
            guard let list = kind.entry.list, let heading = Self.listHeading(kind) else { return nil }
            return SearchPage.ListLink(label: heading.title, url: root + list + "/", intro: heading.intro)
        }
        let layout = layout(.search, pagePath: "search/", title: SearchPage.title, description: SearchPage.intro, section: .search)
        return rendered(\.search, SearchPage(layout: layout, lists: lists), path: "search/index.html")
    }
}
