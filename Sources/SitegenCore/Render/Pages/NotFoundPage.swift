/// The 404 page, the first page type rendered through a template compiled against its model
/// (`TemplateCompiler`): the layout, and the latest briefs for a template that lists them.
final class NotFoundPage: TemplateModel {
    let layout: LayoutModel
    /// The three newest briefs, as their cached cards.
    let latestBriefs: [Card<BriefCard>]

    init(layout: LayoutModel, latestBriefs: [Card<BriefCard>]) {
        (self.layout, self.latestBriefs) = (layout, latestBriefs)
    }

    static let schema = TemplateSchema<NotFoundPage>(
        "the 404 page", LayoutModel.entries { $0.layout } + [.list("latestBriefs") { $0.latestBriefs }])

    static let template = "404"
    static let path = "404.html"
}

extension PageRenderer {
    /// The 404 page is served at any depth, so its links start from the site's own root path.
    func notFound() -> OutputFile {
        var root = "/"
        if let base = site.baseURL, let schemeEnd = base.range(of: "://") {
            let afterScheme = base[schemeEnd.upperBound...]
            root = afterScheme.firstIndex(of: "/").map { String(afterScheme[$0...]) } ?? "/"
        }
        let vm = PageParts(graph: graph, root: root, fragments: fragments)
        let layout = LayoutModel(
            base: layoutBase(root: root, section: .none),
            head: pageHead(
                pagePath: NotFoundPage.path, root: root, title: "Page not found", description: "This page does not exist.",
                section: .none, crumbs: []
            ).withoutCanonical,
            jsonLD: StructuredData(graph: graph).json(for: .notFound))
        let model = NotFoundPage(layout: layout, latestBriefs: vm.briefCards(graph.briefOrder.prefix(3)))
        return rendered(\.notFound, model, path: NotFoundPage.path)
    }
}
