/// The 404 page, the first page type rendered through a template compiled against its model
/// (`TemplateCompiler`): the layout, and the latest briefs for a template that lists them.
final class NotFoundPage: TemplateModel {
    let layout: LayoutModel
    /// The three newest briefs, as their cached cards.
    let latestBriefs: [Rendered<BriefCard>]

    init(layout: LayoutModel, latestBriefs: [Rendered<BriefCard>]) {
        (self.layout, self.latestBriefs) = (layout, latestBriefs)
    }

    static let schema = TemplateSchema<NotFoundPage>(
        "the 404 page", LayoutModel.entries { $0.layout } + [.list("latestBriefs") { $0.latestBriefs }])

    static let template = "404"
    static let path = "404.html"
}
