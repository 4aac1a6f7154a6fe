/// The timeline for other tools: `timeline.json` in TimelineJS3's format (for newsroom
/// embeds) and `events.ics`, an iCalendar feed (RFC 5545). Dates keep their precision: a
/// month event has no day in the JSON, and is an all-day entry spanning its month in the
/// calendar, saying so.
enum Exports {
    // MARK: TimelineJS3

    /// TimelineJS3 reads `headline` and `text` as HTML: every text is escaped, and links are
    /// absolute (given only with `base-url`), since the timeline is embedded on other sites.
    static func timelineJSON(_ graph: SiteGraph) -> OutputFile {
        let site = graph.site
        let events: [[String: Any]] = graph.timeline.compactMap { slug in
            guard let e = graph.events[slug] else { return nil }
            var text = escape(e.summary ?? graph.body(.event, slug)?.leadText ?? "")
            if let base = site.baseURL {
                text += (text.isEmpty ? "" : " ") + "<a href=\"\(escape(base + e.id.path))\">Read more</a>"
            }
            var event: [String: Any] = [
                "unique_id": slug, "start_date": date(e.date),
                "text": ["headline": escape(e.title), "text": text] as [String: Any],
            ]
            if let end = e.end { event["end_date"] = date(end) }
            if graph.isScheduled(e) { event["group"] = "Scheduled" }
            return event
        }
        let root: [String: Any] = [
            "title": ["text": ["headline": escape(site.title), "text": escape(site.description)] as [String: Any]],
            "events": events,
        ]
        return OutputFile(path: "timeline.json", contents: StructuredData.encode(root) + "\n")
    }

    /// `{year, month, day}` as far as the date goes, as TimelineJS3 takes them (strings).
    static func date(_ d: PartialDate) -> [String: Any] {
        var fields: [String: Any] = ["year": String(d.year)]
        if let month = d.month { fields["month"] = String(month) }
        if let day = d.day { fields["day"] = String(day) }
        return fields
    }

    static func escape(_ text: String) -> String { FastHTMLContentType.escape(text) }

    // MARK: iCalendar

    /// One VEVENT per event: all-day dates, from the first day the date covers to the day after
    /// the last (exclusive, as RFC 5545 has it). Events after the site's `as-of` are
    /// `STATUS:TENTATIVE` with the category "Scheduled"; DTSTAMP is the `as-of` date, so builds
    /// repeat exactly.
    static func calendar(_ graph: SiteGraph) -> OutputFile {
        let site = graph.site
        let host = site.baseURL.flatMap { base -> String? in
            guard let start = base.range(of: "://") else { return nil }
            return String(base[start.upperBound...].prefix { $0 != "/" && $0 != ":" })
        }
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//sitegen//\(text(site.title))//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:\(text(site.title))",
        ]
        for slug in graph.timeline {
            guard let e = graph.events[slug] else { continue }
            let first = e.date.firstDay
            let last = (e.end ?? e.date).lastDay
            var description = e.summary ?? graph.body(.event, slug)?.leadText ?? ""
            if e.date.precision != .day {
                description = "Date: \(e.date.displayText); the source gives no day. " + description
            }
            lines += [
                "BEGIN:VEVENT", "UID:\(slug)@\(host ?? "sitegen")", "DTSTAMP:\(compact(site.asOf.firstDay))T000000Z",
                "DTSTART;VALUE=DATE:\(compact(first))", "DTEND;VALUE=DATE:\(compact(last.next))",
                "SUMMARY:\(text(e.title))", "DESCRIPTION:\(text(description))",
                graph.isScheduled(e) ? "STATUS:TENTATIVE" : "STATUS:CONFIRMED",
            ]
            if graph.isScheduled(e) { lines.append("CATEGORIES:Scheduled") }
            if let location = e.location { lines.append("LOCATION:\(text(location))") }
            if let base = site.baseURL { lines.append("URL:\(base + e.id.path)") }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return OutputFile(path: "events.ics", contents: lines.map(fold).joined(separator: "\r\n") + "\r\n")
    }

    static func compact(_ day: PartialDate) -> String { day.iso.replacingOccurrences(of: "-", with: "") }

    /// TEXT escaping: backslash, semicolon, comma and newlines.
    static func text(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": continue
            default:
                // Other controls are not allowed in iCalendar text.
                if scalar.value < 0x20 && scalar != "\t" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Lines longer than 75 octets folded with CRLF and a space, never inside a character.
    static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(character)
            count += size
        }
        return out
    }
}
