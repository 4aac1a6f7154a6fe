/// An organization's page: what it is, its members, the events and briefs naming it.
final class OrganizationPage: TemplateModel {
    let layout: LayoutModel
    let organization: Organization
    let parts: DocumentParts
    let body: BodyHTML
    let members: [Card<PersonCard>]
    let hasMembers: Bool
    let moreMembers: MoreLink?
    let backlinks: Backlinks

    init(
        layout: LayoutModel, organization: Organization, parts: DocumentParts, body: BodyHTML, members: [Card<PersonCard>],
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

extension PageRenderer {
    func organizationPage(_ slug: String) -> OutputFile {
        let o = graph.organizations[slug]!
        let vm = models(o.id.path)
        let (members, moreMembers) = firstPage(o.id, .members, vm)
        let layout = documentLayout(
            o, title: o.name, description: o.summary, section: .kind(.organization), crumbs: crumbs(.organization))
        let model = OrganizationPage(
            layout: layout, organization: o, parts: documentParts(o, vm), body: bodyHTML(.organization, slug),
            members: vm.personCards(members), hasMembers: !members.isEmpty, moreMembers: moreMembers,
            backlinks: backlinks(.organization, slug, vm))
        return rendered(\.organization, model, path: o.id.path + "index.html")
    }
}
