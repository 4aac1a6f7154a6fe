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
    let people: [Rendered<PersonCard>]
    let morePeople: MoreLink?
    let organizations: [Rendered<OrganizationCard>]
    let moreOrganizations: MoreLink?
    let publishesText: Bool
    let paragraphs: [String]
    let backlinks: Backlinks

    init(
        layout: LayoutModel, summary: SourceSummary, parts: DocumentParts, description: String, unknown: [String],
        quotes: [ProvenQuoteEntry], quoteCount: Int, moreQuotes: MoreLink?, people: [Rendered<PersonCard>], morePeople: MoreLink?,
        organizations: [Rendered<OrganizationCard>], moreOrganizations: MoreLink?, publishesText: Bool, paragraphs: [String],
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
