/// The timeline: every event by month, or, split, the index of its months by year.
final class TimelinePage: TemplateModel {
    /// A month of a split timeline's index.
    struct MonthLink: TemplateModel {
        let label: String
        let id: String
        let url: String
        let count: Int
        static let schema = TemplateSchema<MonthLink>(
            "month link",
            [
                .text("label") { $0.label }, .text("id") { $0.id }, .text("url") { $0.url },
                .text("countText") { $0.count == 1 ? "1 event" : "\($0.count) events" },
            ])
    }

    struct Year: TemplateModel {
        let year: Int
        var months: [MonthLink]
        static let schema = TemplateSchema<Year>("year", [.number("year") { $0.year }, .list("months") { $0.months }])
    }

    let layout: LayoutModel
    let intro: String
    let timeline: [MonthGroup]
    let years: [Year]
    let isSplit: Bool
    let isEmpty: Bool

    init(layout: LayoutModel, intro: String, timeline: [MonthGroup], years: [Year], isSplit: Bool, isEmpty: Bool) {
        (self.layout, self.intro, self.timeline, self.years, self.isSplit, self.isEmpty) = (layout, intro, timeline, years, isSplit, isEmpty)
    }

    static let schema = TemplateSchema<TimelinePage>(
        "the timeline",
        LayoutModel.entries { $0.layout } + [
            .text("intro") { $0.intro }, .list("timeline") { $0.timeline }, .flag("isEmpty") { $0.isEmpty },
            .flag("isSplit") { $0.isSplit }, .list("years") { $0.years },
        ])

    static let template = "timeline"
}

extension PageRenderer {
    /// The whole timeline on one page.
    func timelinePage() -> OutputFile {
        let intro = "Every event in this explainer in order. Events after \(site.asOf.displayText) are scheduled."
        let layout = layout(.kindList(.event, page: 1), pagePath: "timeline/", title: "Timeline", description: intro, section: .kind(.event))
        let model = TimelinePage(
            layout: layout, intro: intro, timeline: models("timeline/").timeline(graph.timeline, monthLevel: 2), years: [],
            isSplit: false, isEmpty: graph.timeline.isEmpty)
        return rendered(\.timeline, model, path: "timeline/index.html")
    }

    /// The index of a split timeline: its months by year, each with how many events it has.
    func timelineIndex() -> OutputFile {
        let archive = graph.pagination
        let intro = "Every event in this explainer, month by month. Events after \(site.asOf.displayText) are scheduled."
        let root = ContentURL.rootPrefix(from: "timeline/")
        var years: [TimelinePage.Year] = []
        for month in archive.months {
            let link = TimelinePage.MonthLink(
                label: month.label, id: HeadingID.make(from: month.label), url: root + month.path, count: month.events.count)
            if years.last?.year == month.date.year {
                years[years.count - 1].months.append(link)
            } else {
                years.append(TimelinePage.Year(year: month.date.year, months: [link]))
            }
        }
        let layout = layout(.kindList(.event, page: 1), pagePath: "timeline/", title: "Timeline", description: intro, section: .kind(.event))
        let model = TimelinePage(layout: layout, intro: intro, timeline: [], years: years, isSplit: true, isEmpty: archive.months.isEmpty)
        return rendered(\.timeline, model, path: "timeline/index.html")
    }
}
