/// An organization's page: what it is, its members, the events and briefs naming it.
final class OrganizationPage: TemplateModel {
    let layout: LayoutModel
    let organization: Organization
    let parts: DocumentParts
    let body: BodyHTML
    let members: [Rendered<PersonCard>]
    let hasMembers: Bool
    let moreMembers: MoreLink?
    let backlinks: Backlinks

    init(
        layout: LayoutModel, organization: Organization, parts: DocumentParts, body: BodyHTML, members: [Rendered<PersonCard>],
        hasMembers: Bool, moreMembers: MoreLink?, backlinks: Backlinks
    ) {
        (self.layout, self.organization, self.parts, self.body) = (layout, organization, parts, body)
        (self.members, self.hasMembers, self.moreMembers, self.backlinks) = (members, hasMembers, moreMembers, backlinks)
    }

    static let schema = TemplateSchema<OrganizationPage>(
        "an organization's page",
        LayoutModel.entries { $0.layout } + DocumentParts.entries { $0.parts } + Backlinks.entries { $0.backlinks } + [
            .text("name") { $0.organization.name }, .text("shortName") { $0.organization.shortName ?? "" },
            .flag("hasShortName") { $0.organization.shortName != nil }, .text("kindLabel") { $0.organization.kind.label },
            .text("country") { $0.organization.country ?? "" }, .flag("hasCountry") { $0.organization.country != nil },
            .text("summary") { $0.organization.summary }, .html("body") { $0.body.html }, .list("members") { $0.members },
            .flag("hasMembers") { $0.hasMembers }, .optional("moreMembers") { $0.moreMembers },
        ])

    static let template = "organization"
}
