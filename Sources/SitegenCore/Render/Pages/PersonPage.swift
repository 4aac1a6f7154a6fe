/// A quote on a person's page (`partials/quote`): the words, when and where they were said,
/// and the document (and outlet) it is taken from.
struct QuoteEntry: TemplateModel {
    let text: String
    let date: DateModel?
    let context: String?
    let documentTitle: String
    let documentURL: String
    let reportedBy: OutletLink?

    static let schema = TemplateSchema<QuoteEntry>(
        "quote",
        [
            .text("text") { $0.text }, .optional("date") { $0.date }, .text("context") { $0.context ?? "" },
            .flag("hasContext") { $0.context != nil }, .text("documentTitle") { $0.documentTitle },
            .text("documentURL") { $0.documentURL }, .optional("reportedBy") { $0.reportedBy },
        ])
}

/// A person's profile: role, affiliations, quotes, the events and briefs naming them.
final class PersonPage: TemplateModel {
    let layout: LayoutModel
    let person: Person
    let parts: DocumentParts
    let body: BodyHTML
    let affiliations: [Chip]
    let quotes: [QuoteEntry]
    let backlinks: Backlinks

    init(
        layout: LayoutModel, person: Person, parts: DocumentParts, body: BodyHTML, affiliations: [Chip], quotes: [QuoteEntry],
        backlinks: Backlinks
    ) {
        (self.layout, self.person, self.parts, self.body) = (layout, person, parts, body)
        (self.affiliations, self.quotes, self.backlinks) = (affiliations, quotes, backlinks)
    }

    static let schema = TemplateSchema<PersonPage>(
        "a person's page",
        LayoutModel.entries { $0.layout } + DocumentParts.entries { $0.parts } + Backlinks.entries { $0.backlinks } + [
            .text("name") { $0.person.name }, .text("role") { $0.person.role }, .text("summary") { $0.person.summary },
            .text("country") { $0.person.country ?? "" }, .flag("hasCountry") { $0.person.country != nil },
            .text("aliases") { $0.person.aliases.joined(separator: ", ") }, .flag("hasAliases") { !$0.person.aliases.isEmpty },
            .list("affiliations") { $0.affiliations }, .flag("hasAffiliations") { !$0.person.affiliations.isEmpty },
            .list("quotes") { $0.quotes }, .flag("hasQuotes") { !$0.person.quotes.isEmpty }, .html("body") { $0.body.html },
        ])

    static let template = "person"
}

extension PageRenderer {
    func personPage(_ slug: String) -> OutputFile {
        let p = graph.people[slug]!
        let vm = models(p.id.path)
        let layout = documentLayout(p, title: p.name, description: p.summary, section: .kind(.person), crumbs: crumbs(.person))
        let model = PersonPage(
            layout: layout, person: p, parts: documentParts(p, vm), body: bodyHTML(.person, slug),
            affiliations: p.affiliations.compactMap(vm.chip), quotes: vm.quotes(p.quotes), backlinks: backlinks(.person, slug, vm))
        return rendered(\.person, model, path: p.id.path + "index.html")
    }
}
