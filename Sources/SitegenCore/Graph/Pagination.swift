/// How the site's lists are cut into pages, worked out once per build (`site.md`'s
/// `page-size` and `timeline-split`).
///
/// A list of `pageSize` items or fewer is one page; a longer one is a series: page 1 at the
/// list's own address (`briefs/`), page N at `briefs/page/N/`. So the first page of every list
/// keeps its address however the archive grows. Past `timeline-split` events the timeline is an
/// index of months, and each month a series of its own (`timeline/2025/08/`).
public struct Pagination: Sendable {
    public let pageSize: Int
    /// The size of a page of quotes, which are one line each (`quotes-per-page`).
    public let quotePageSize: Int
    /// The timeline's months in time order when the timeline is split; empty when it is one page.
    public let months: [TimelineMonth]
    /// Where each event is when the timeline is split: its month (an index into `months`) and
    /// the page of that month it is on.
    let place: [String: (month: Int, page: Int)]
    let monthIndex: [PartialDate: Int]

    public var isTimelineSplit: Bool { !months.isEmpty }

    /// Whether two paginations give the same pages: the same sizes and the same months, each
    /// with the same events in the same order.
    func isSame(as other: Pagination) -> Bool {
        pageSize == other.pageSize && quotePageSize == other.quotePageSize && months.count == other.months.count
            && zip(months, other.months).allSatisfy { $0.date == $1.date && $0.events == $1.events }
    }

    init(settings: PaginationSettings, timeline: [String], events: Documents<Event>) {
        pageSize = settings.pageSize
        quotePageSize = settings.quotesPerPage
        var months: [TimelineMonth] = []
        var place: [String: (month: Int, page: Int)] = [:]
        var monthIndex: [PartialDate: Int] = [:]
        if timeline.count > settings.timelineSplit {
            var slugsByMonth: [PartialDate: [String]] = [:]
            var order: [PartialDate] = []
            for slug in timeline {
                guard let date = events[slug]?.date else { continue }
                let key = PartialDate(year: date.year, month: date.month)
                if slugsByMonth[key] == nil { order.append(key) }
                slugsByMonth[key, default: []].append(slug)
            }
            for key in order {
                let slugs = slugsByMonth[key] ?? []
                monthIndex[key] = months.count
                for (i, slug) in slugs.enumerated() { place[slug] = (months.count, i / settings.pageSize + 1) }
                months.append(TimelineMonth(date: key, events: slugs))
            }
        }
        self.months = months
        self.place = place
        self.monthIndex = monthIndex
    }

    /// How many pages a list of `count` items takes (one, for an empty list), at `size` items
    /// a page (`pageSize` unless given).
    public func pageCount(_ count: Int, size: Int? = nil) -> Int {
        let size = size ?? pageSize
        return max(1, (count + size - 1) / size)
    }

    /// The items on page `number` (from 1).
    func page<T>(_ items: [T], _ number: Int, size: Int? = nil) -> ArraySlice<T> {
        let size = size ?? pageSize
        let start = min(items.count, (number - 1) * size)
        return items[start..<min(items.count, start + size)]
    }

    /// The address of page `number` of the series starting at `base` (`briefs/` → `briefs/page/2/`).
    static func path(_ base: String, page number: Int) -> String {
        number == 1 ? base : base + "page/\(number)/"
    }

    /// Where an event's row is on the timeline, from the site root: `timeline/#event-x`, or
    /// its month's page when the timeline is split.
    func timelinePath(of slug: String) -> String {
        let anchor = "#" + ContentURL.eventAnchor(slug)
        guard let (month, page) = place[slug] else { return "timeline/" + anchor }
        return Self.path(months[month].path, page: page) + anchor
    }
}

/// A month of a split timeline (or a year, for events known only to the year).
public struct TimelineMonth: Sendable {
    /// The year and month, or the year alone.
    public let date: PartialDate
    /// Its events in timeline order.
    public let events: [String]

    /// `timeline/2025/08/`, or `timeline/2025/` for events known only to the year.
    public var path: String {
        "timeline/" + String(date.year) + "/" + (date.month.map { ($0 < 10 ? "0" : "") + String($0) + "/" } ?? "")
    }

    /// "August 2025", as the timeline's month headings read.
    public var label: String { date.monthText }
}
