import Foundation

/// A source document's page: what it is and what is not known of it, the pages relying on
/// it, the quotes proven in it, and its text when it is published.
final class SourcePage: TemplateModel {
    let layout: LayoutModel
    let summary: SourceSummary
    let parts: DocumentParts
    let description: String
    /// What the document does not say of itself ("who wrote it (it has no byline)").
    let unknown: [String]
    let quotes: [ProvenQuoteEntry]
    let quoteCount: Int
    let moreQuotes: MoreLink?
    let people: [Card<PersonCard>]
    let morePeople: MoreLink?
    let organizations: [Card<OrganizationCard>]
    let moreOrganizations: MoreLink?
    let publishesText: Bool
    let paragraphs: [String]
    let backlinks: Backlinks

    init(
        layout: LayoutModel, summary: SourceSummary, parts: DocumentParts, description: String, unknown: [String],
        quotes: [ProvenQuoteEntry], quoteCount: Int, moreQuotes: MoreLink?, people: [Card<PersonCard>], morePeople: MoreLink?,
        organizations: [Card<OrganizationCard>], moreOrganizations: MoreLink?, publishesText: Bool, paragraphs: [String],
        backlinks: Backlinks
    ) {
        (self.layout, self.summary, self.parts, self.description, self.unknown) = (layout, summary, parts, description, unknown)
        (self.quotes, self.quoteCount, self.moreQuotes, self.people) = (quotes, quoteCount, moreQuotes, people)
        (self.morePeople, self.organizations, self.moreOrganizations) = (morePeople, organizations, moreOrganizations)
        (self.publishesText, self.paragraphs, self.backlinks) = (publishesText, paragraphs, backlinks)
    }

    static let schema = TemplateSchema<SourcePage>(
        "a source document's page",
        LayoutModel.entries { $0.layout } + SourceSummary.entries { $0.summary }
            + DocumentParts.entries { $0.parts } + Backlinks.entries { $0.backlinks } + [
                .text("description") { $0.description }, .text("unknown") { $0.unknown.joined(separator: "; ") },
                .flag("hasUnknown") { !$0.unknown.isEmpty }, .list("quotes") { $0.quotes },
                .flag("hasQuotes") { !$0.quotes.isEmpty }, .number("quoteCount") { $0.quoteCount },
                .optional("moreQuotes") { $0.moreQuotes }, .list("people") { $0.people }, .flag("hasPeople") { !$0.people.isEmpty },
                .optional("morePeople") { $0.morePeople }, .list("organizations") { $0.organizations },
                .flag("hasOrganizations") { !$0.organizations.isEmpty }, .optional("moreOrganizations") { $0.moreOrganizations },
                .flag("publishesText") { $0.publishesText }, .list("paragraphs") { $0.paragraphs },
            ])

    static let template = "source"
}

extension PageRenderer {
    /// What a source document's page says of it: a description, and what it does not say of itself.
    static func about(_ d: SourceDocument) -> (description: String, unknown: [String]) {
        var unknown: [String] = []
        if d.publisher == nil { unknown.append("who published it") }
        if d.author == nil { unknown.append("who wrote it (it has no byline)") }
        if d.date == nil { unknown.append("when it was published (it carries no date)") }
        let description =
            "\(d.kind.label)" + (d.publisher.map { " published by \($0)" } ?? ", publisher not given")
            + (d.date.map { ", \($0.displayText)" } ?? ", undated") + "."
        return (description, unknown)
    }

    /// The text of a document as received, as paragraphs of plain text: line endings made one,
    /// and the characters HTML cannot carry (controls, U+FFFE, U+FFFF) left out.
    static func paragraphs(_ d: SourceDocument) -> [String] {
        guard d.publishesText else { return [] }
        return Self.printable(d.body.text).components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// The quotes a source document proves on page `number` of their list, each with the page it is on.
    func provenQuotes(_ slug: String, page number: Int, _ vm: PageParts) -> [ProvenQuoteEntry] {
        graph.pagination.page(graph.provenQuotes[slug] ?? [], number, size: graph.pagination.quotePageSize).compactMap { quote in
            guard let page = graph.document(quote.page) else { return nil }
            return ProvenQuoteEntry(text: quote.text, pageTitle: page.label, pageURL: vm.url(page.id.kind, page.slug))
        }
    }

    func sourcePage(_ slug: String) -> OutputFile {
        let d = graph.documents(SourceDocument.self)[slug]!
        let (description, unknown) = Self.about(d)
        let vm = models(d.id.path)
        let (people, morePeople) = firstPage(d.id, .people, vm)
        let (organizations, moreOrganizations) = firstPage(d.id, .organizations, vm)
        let quoteCount = graph.provenQuotes[slug]?.count ?? 0
        let layout = documentLayout(d, title: d.title, description: description, section: .kind(.source), crumbs: crumbs(.source))
        let model = SourcePage(
            layout: layout, summary: vm.sourceSummary(d), parts: documentParts(d, vm), description: description, unknown: unknown,
            quotes: provenQuotes(slug, page: 1, vm), quoteCount: quoteCount, moreQuotes: more(d.id, .quotes, total: quoteCount, vm),
            people: vm.personCards(people), morePeople: morePeople, organizations: vm.organizationCards(organizations),
            moreOrganizations: moreOrganizations, publishesText: d.publishesText, paragraphs: Self.paragraphs(d),
            backlinks: backlinks(.source, slug, vm))
        return rendered(\.source, model, path: d.id.path + "index.html")
    }
}
