/// A page of one of a document's lists (`people/marco-rubio/briefs/page/2/`: briefs, events,
/// members, people, organizations or proven quotes), or of a month of a split timeline. One
/// list is filled; the others are empty.
final class ListingPage: TemplateModel {
    let layout: LayoutModel
    let intro: String
    let briefs: [Rendered<BriefCard>]?
    let timeline: [MonthGroup]?
    let people: [Rendered<PersonCard>]?
    let organizations: [Rendered<OrganizationCard>]?
    let quotes: [ProvenQuoteEntry]?
    let monthNav: MonthNav?
    /// The document whose list this is.
    let parent: Crumb?

    init(
        layout: LayoutModel, intro: String, briefs: [Rendered<BriefCard>]? = nil, timeline: [MonthGroup]? = nil,
        people: [Rendered<PersonCard>]? = nil, organizations: [Rendered<OrganizationCard>]? = nil, quotes: [ProvenQuoteEntry]? = nil,
        monthNav: MonthNav? = nil, parent: Crumb? = nil
    ) {
        (self.layout, self.intro, self.briefs, self.timeline, self.people) = (layout, intro, briefs, timeline, people)
        (self.organizations, self.quotes, self.monthNav, self.parent) = (organizations, quotes, monthNav, parent)
    }

    static let schema = TemplateSchema<ListingPage>(
        "a list's page",
        LayoutModel.entries { $0.layout } + [
            .text("intro") { $0.intro }, .list("briefs") { $0.briefs ?? [] }, .flag("hasBriefs") { $0.briefs != nil },
            .list("timeline") { $0.timeline ?? [] }, .flag("hasTimeline") { $0.timeline != nil },
            .list("people") { $0.people ?? [] }, .flag("hasPeople") { $0.people != nil },
            .list("organizations") { $0.organizations ?? [] }, .flag("hasOrganizations") { $0.organizations != nil },
            .list("quotes") { $0.quotes ?? [] }, .flag("hasQuotes") { !($0.quotes ?? []).isEmpty },
            .optional("monthNav") { $0.monthNav }, .text("parentURL") { $0.parent?.url ?? "" },
            .text("parentTitle") { $0.parent?.label ?? "" }, .flag("hasParent") { $0.parent != nil },
        ])

    static let template = "listing"
}
