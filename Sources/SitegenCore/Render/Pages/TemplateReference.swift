/// The values reference for template authors (`docs/template-values.md`), made from the page
/// models' schemas: what each page template, each cached partial and each item they list can
/// read, with its kind. A test fails when the file differs from what this makes.
enum TemplateReference {
    /// Each page template and the model it is compiled against.
    static let pages: [(templates: [String], model: ModelDescription)] = [
        (["home"], HomePage.schema.description),
        (["briefs", "people", "organizations", "topics", "sources"], ListPage.schema.description),
        (["timeline"], TimelinePage.schema.description),
        (["listing"], ListingPage.schema.description),
        (["brief"], BriefPage.schema.description),
        (["event"], EventPage.schema.description),
        (["person"], PersonPage.schema.description),
        (["organization"], OrganizationPage.schema.description),
        (["topic"], TopicPage.schema.description),
        (["page"], StaticPage.schema.description),
        (["source"], SourcePage.schema.description),
        (["search"], SearchPage.schema.description),
        (["corrections"], CorrectionsPage.schema.description),
        (["404"], NotFoundPage.schema.description),
    ]

    /// Each cached partial and the model of the item it renders.
    static let partials: [(template: TemplateSet.CachedPartial, model: ModelDescription)] = [
        (.brief, BriefCard.schema.description), (.person, PersonCard.schema.description),
        (.organization, OrganizationCard.schema.description), (.topic, TopicCard.schema.description),
        (.event, EventRow.schema.description), (.header, SiteHeader.schema.description),
        (.footer, SiteFooter.schema.description), (.date, DateTexts.schema.description),
    ]

    /// What every page's layout reads: the values every page model has.
    static let layout = TemplateSchema<LayoutModel>("the layout", LayoutModel.entries { $0 }).description

    /// The reference, as Markdown.
    static var markdown: String {
        var out = """
            # Template values

            Every value a template can read, by template, made from the page models in
            `Sources/SitegenCore/Render/Pages/` (a test fails when this file is not what they make;
            after changing a model, `SITEGEN_RECORD=1 swift test --filter TemplateReference` writes it
            again). A template is compiled against its model when it is loaded: a name its model does
            not have, where the tag is, is an error at the tag's line and column.

            Kinds: **text** is escaped by `{{name}}`; **HTML** is inserted as it is by `{{{name}}}`
            (rendered Markdown, JSON-LD); a **number** is written in decimal; a **flag** shows
            `{{#name}}…{{/name}}` when true and `{{^name}}…{{/name}}` when false; a **list** shows a
            section once per item, and an **optional** model ("…, or nothing") once or not at all.
            Inside a section the item's values come first, then the enclosing ones, as Mustache looks
            names up. A card, an event row, the header, the footer and a date are items of a cached
            partial (below, with their values): show one with its partial,
            `{{#people}}{{>partials/cached/person}}{{/people}}`. The partial renders each item once and
            the page inserts its HTML (as `{{{.}}}` does); without the partial in the templates, the page reads
            the item's values where it lists it.

            ## Every page: the layout

            Every page template can read these (`layout.mustache` does).


            """
        out += table(layout.values)
        let shared = Set(layout.values.map(\.name))
        out += "\n## Pages\n"
        for page in pages {
            out += "\n### " + page.templates.map { "`\($0)`" }.joined(separator: ", ") + ": \(page.model.name)\n\n"
            out += "The layout's values, and:\n\n"
            out += table(page.model.values.filter { !shared.contains($0.name) })
        }
        out += "\n## Cached partials\n\nEach renders one item, once per item and page depth, and reads only the item's values.\n"
        for partial in partials {
            out += "\n### `\(partial.template.rawValue)`: \(partial.model.name)\n\n"
            out += table(partial.model.values)
        }
        out += "\n## Items\n\nThe values of each item a list or an optional value holds.\n"
        for model in items() {
            out += "\n### \(model.name)\n\n"
            out += table(model.values)
        }
        return out
    }

    /// Every model a page, the layout or a partial holds, but those described above, once each,
    /// by name.
    static func items() -> [ModelDescription] {
        var found: [String: ModelDescription] = [:]
        var described = Set(pages.map(\.model.name) + partials.map(\.model.name))
        described.remove(DateTexts.schema.name)
        func visit(_ model: ModelDescription) {
            for value in model.values {
                guard let item = value.item?() else { continue }
                if found[item.name] == nil && !described.contains(item.name) {
                    found[item.name] = item
                    visit(item)
                }
            }
        }
        for model in [layout] + pages.map(\.model) + partials.map(\.model) { visit(model) }
        return found.values.sorted { $0.name < $1.name }
    }

    private static func table(_ values: [ValueDescription]) -> String {
        guard !values.isEmpty else { return "Nothing else.\n" }
        var out = "| value | kind |\n|---|---|\n"
        for value in values {
            out += "| `\(value.name)` | \(value.kind) |\n"
        }
        return out
    }
}
