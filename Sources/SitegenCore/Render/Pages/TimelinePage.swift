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
        let months: [MonthLink]
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
