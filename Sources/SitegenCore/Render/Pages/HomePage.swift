/// The home page: the site's introduction, featured and latest briefs, upcoming and latest
/// events, key people.
final class HomePage: TemplateModel {
    let layout: LayoutModel
    let intro: BodyHTML
    let featured: [Rendered<BriefCard>]
    let latestBriefs: [Rendered<BriefCard>]
    let latestEvents: [Rendered<EventRow>]
    let upcomingEvents: [Rendered<EventRow>]
    let moreUpcoming: MoreLink?
    let keyPeople: [Rendered<PersonCard>]

    init(
        layout: LayoutModel, intro: BodyHTML, featured: [Rendered<BriefCard>], latestBriefs: [Rendered<BriefCard>],
        latestEvents: [Rendered<EventRow>], upcomingEvents: [Rendered<EventRow>], moreUpcoming: MoreLink?,
        keyPeople: [Rendered<PersonCard>]
    ) {
        (self.layout, self.intro, self.featured, self.latestBriefs) = (layout, intro, featured, latestBriefs)
        (self.latestEvents, self.upcomingEvents, self.moreUpcoming, self.keyPeople) = (latestEvents, upcomingEvents, moreUpcoming, keyPeople)
    }

    static let schema = TemplateSchema<HomePage>(
        "the home page",
        LayoutModel.entries { $0.layout } + [
            .html("intro") { $0.intro.html }, .list("featured") { $0.featured }, .flag("hasFeatured") { !$0.featured.isEmpty },
            .list("latestBriefs") { $0.latestBriefs }, .list("latestEvents") { $0.latestEvents },
            .flag("hasLatestEvents") { !$0.latestEvents.isEmpty }, .list("upcomingEvents") { $0.upcomingEvents },
            .flag("hasUpcomingEvents") { !$0.upcomingEvents.isEmpty }, .optional("moreUpcoming") { $0.moreUpcoming },
            .list("keyPeople") { $0.keyPeople }, .flag("hasKeyPeople") { !$0.keyPeople.isEmpty },
        ])

    static let template = "home"
}
