/// The cached partials' models, typed: what `partials/cached/…` read. Each is rendered once per
/// item and page depth through its template compiled against the model (`TypedPartials`); a
/// page holds the result in a `Card`.

/// An item one cached partial renders.
protocol CachedItem: TemplateModel {
    static var partial: TemplateSet.CachedPartial { get }
}

extension BriefCard: CachedItem { static var partial: TemplateSet.CachedPartial { .brief } }
extension PersonCard: CachedItem { static var partial: TemplateSet.CachedPartial { .person } }
extension OrganizationCard: CachedItem { static var partial: TemplateSet.CachedPartial { .organization } }
extension TopicCard: CachedItem { static var partial: TemplateSet.CachedPartial { .topic } }
extension EventRow: CachedItem { static var partial: TemplateSet.CachedPartial { .event } }
extension SiteHeader: CachedItem { static var partial: TemplateSet.CachedPartial { .header } }
extension SiteFooter: CachedItem { static var partial: TemplateSet.CachedPartial { .footer } }
extension DateTexts: CachedItem { static var partial: TemplateSet.CachedPartial { .date } }

/// A brief as a card (`partials/cached/brief`).
struct BriefCard: TemplateModel {
    let title: String
    let url: String
    let summary: String
    let kindLabel: String
    let date: DateModel
    let readingMinutes: Int
    let cardLevel: Int
    let isDraft: Bool

    static let schema = TemplateSchema<BriefCard>(
        "brief card",
        [
            .text("title") { $0.title }, .text("url") { $0.url }, .text("summary") { $0.summary },
            .text("kindLabel") { $0.kindLabel }, .optional("date") { $0.date }, .number("readingMinutes") { $0.readingMinutes },
            .number("cardLevel") { $0.cardLevel }, .flag("isDraft") { $0.isDraft },
        ])
}

/// A person as a card (`partials/cached/person`).
struct PersonCard: TemplateModel {
    let name: String
    let url: String
    let role: String
    let summary: String
    let cardLevel: Int

    static let schema = TemplateSchema<PersonCard>(
        "person card",
        [
            .text("name") { $0.name }, .text("url") { $0.url }, .text("role") { $0.role }, .text("summary") { $0.summary },
            .number("cardLevel") { $0.cardLevel },
        ])
}

/// An organization as a card (`partials/cached/organization`).
struct OrganizationCard: TemplateModel {
    let name: String
    let url: String
    let shortName: String?
    let kindLabel: String
    let summary: String
    let cardLevel: Int

    static let schema = TemplateSchema<OrganizationCard>(
        "organization card",
        [
            .text("name") { $0.name }, .text("url") { $0.url }, .text("shortName") { $0.shortName ?? "" },
            .flag("hasShortName") { $0.shortName != nil }, .text("kindLabel") { $0.kindLabel },
            .text("summary") { $0.summary }, .number("cardLevel") { $0.cardLevel },
        ])
}

/// A topic as a card (`partials/cached/topic`).
struct TopicCard: TemplateModel {
    let title: String
    let url: String
    let summary: String
    let cardLevel: Int

    static let schema = TemplateSchema<TopicCard>(
        "topic card",
        [
            .text("title") { $0.title }, .text("url") { $0.url }, .text("summary") { $0.summary },
            .number("cardLevel") { $0.cardLevel },
        ])
}

/// An event as a row of a timeline (`partials/cached/event`).
struct EventRow: TemplateModel {
    let id: String
    let title: String
    let url: String
    let date: DateModel
    let summary: String
    let isScheduled: Bool
    let people: [Chip]
    let location: String?
    /// Whether the "as of" line comes before the row (the first scheduled event of a list).
    let asOfMarker: Bool
    let asOfText: String
    let titleLevel: Int

    static let schema = TemplateSchema<EventRow>(
        "event row",
        [
            .text("id") { $0.id }, .text("title") { $0.title }, .text("url") { $0.url }, .optional("date") { $0.date },
            .text("summary") { $0.summary }, .flag("hasSummary") { !$0.summary.isEmpty },
            .flag("isScheduled") { $0.isScheduled }, .list("people") { $0.people }, .flag("hasPeople") { !$0.people.isEmpty },
            .text("location") { $0.location ?? "" }, .flag("hasLocation") { $0.location != nil },
            .flag("asOfMarker") { $0.asOfMarker }, .text("asOfText") { $0.asOfText }, .number("titleLevel") { $0.titleLevel },
        ])
}

/// The site header with its navigation (`partials/cached/header`): one per depth and section.
struct SiteHeader: TemplateModel {
    let homeURL: String
    let siteTitle: String
    let asOf: DateModel
    let nav: [NavItem]

    static let schema = TemplateSchema<SiteHeader>(
        "site header",
        [
            .text("homeURL") { $0.homeURL }, .text("siteTitle") { $0.siteTitle }, .optional("asOf") { $0.asOf },
            .list("nav") { $0.nav },
        ])
}

/// The site footer (`partials/cached/footer`): one per depth.
struct SiteFooter: TemplateModel {
    let siteTitle: String
    let siteDescription: String
    let asOf: DateModel
    let editors: [String]
    let feedURL: String
    let hasFeed: Bool
    let contact: String?
    let contactURL: String
    let correctionsURL: String

    static let schema = TemplateSchema<SiteFooter>(
        "site footer",
        [
            .text("siteTitle") { $0.siteTitle }, .text("siteDescription") { $0.siteDescription },
            .optional("asOf") { $0.asOf }, .text("editors") { $0.editors.joined(separator: ", ") },
            .flag("hasEditors") { !$0.editors.isEmpty }, .text("feedURL") { $0.feedURL }, .flag("hasFeed") { $0.hasFeed },
            .text("contact") { $0.contact ?? "" }, .text("contactURL") { $0.contactURL },
            .flag("hasContact") { $0.contact != nil }, .text("correctionsURL") { $0.correctionsURL },
        ])
}

/// The cached partials compiled against their items' models, each when the template set has
/// it: each renders one item's fragment.
struct TypedPartials: Sendable {
    var brief: TemplateRenderer<BriefCard>?
    var person: TemplateRenderer<PersonCard>?
    var organization: TemplateRenderer<OrganizationCard>?
    var topic: TemplateRenderer<TopicCard>?
    var event: TemplateRenderer<EventRow>?
    var header: TemplateRenderer<SiteHeader>?
    var footer: TemplateRenderer<SiteFooter>?
    var date: TemplateRenderer<DateTexts>?
}
