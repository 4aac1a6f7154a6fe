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
