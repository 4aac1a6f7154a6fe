/// The timeline for other tools: `timeline.json` in TimelineJS3's format (for newsroom
/// embeds) and `events.ics`, an iCalendar feed (RFC 5545). Dates keep their precision: a
/// month event has no day in the JSON, and is an all-day entry spanning its month in the
/// calendar, saying so.
enum Exports {
    // MARK: TimelineJS3

    /// TimelineJS3 reads `headline` and `text` as HTML: every text is escaped, and links are
    /// absolute (given only with `base-url`), since the timeline is embedded on other sites.
    static func timelineJSON(_ graph: RecordedGraph) -> OutputFile {
        let site = graph.site
        // Written event by event (keys in sorted order, as `StructuredData.encode` writes
        // them): the whole list as values first took three times the file's size.
        var out: [UInt8] = []
        out += #"{"events":["#.utf8
        var first = true
        for slug in graph.timeline {
            guard let e = graph.events[slug] else { continue }
            var text = escape(e.summary ?? graph.body(.event, slug)?.leadText ?? "")
            if let base = site.baseURL {
                text += (text.isEmpty ? "" : " ") + "<a href=\"\(escape(base + e.id.path))\">Read more</a>"
            }
            var event: JSON.Object = [
                "unique_id": .string(slug), "start_date": date(e.date),
                "text": ["headline": .string(escape(e.title)), "text": .string(text)],
            ]
            if let end = e.end { event["end_date"] = date(end) }
            if graph.isScheduled(e) { event["group"] = "Scheduled" }
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            StructuredData.write(.object(event), to: &out)
        }
        out += #"],"title":"#.utf8
        let title: JSON = ["text": ["headline": .string(escape(site.title)), "text": .string(escape(site.description))]]
        StructuredData.write(title, to: &out)
        out += "}\n".utf8
        return OutputFile(path: "timeline.json", contents: String(decoding: out, as: UTF8.self))
    }

    /// `{year, month, day}` as far as the date goes, as TimelineJS3 takes them (strings).
    static func date(_ d: PartialDate) -> JSON {
        var fields: JSON.Object = ["year": .string(String(d.year))]
        if let month = d.month { fields["month"] = .string(String(month)) }
        if let day = d.day { fields["day"] = .string(String(day)) }
        return .object(fields)
    }

    static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }

    // MARK: iCalendar

    /// One VEVENT per event: all-day dates, from the first day the date covers to the day after
    /// the last (exclusive, as RFC 5545 has it). Events after the site's `as-of` are
    /// `STATUS:TENTATIVE` with the category "Scheduled"; DTSTAMP is the `as-of` date, so builds
    /// repeat exactly.
    static func calendar(_ graph: RecordedGraph) -> OutputFile {
        let site = graph.site
        let host = site.baseURL.flatMap(WebAddress.host(of:))
        // One string, each line folded into it as it is made: a calendar of 30,000 events is
        // about 20 MB, and an array of its lines, folded again and joined, took six times that.
        var out = ""
        func add(_ line: String) {
            fold(line, into: &out)
            out += "\r\n"
        }
        for line in [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//sitegen//\(text(site.title))//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH", "X-WR-CALNAME:\(text(site.title))",
        ] { add(line) }
        for slug in graph.timeline {
            guard let e = graph.events[slug] else { continue }
            let first = e.date.firstDay
            let last = (e.end ?? e.date).lastDay
            var description = e.summary ?? graph.body(.event, slug)?.leadText ?? ""
            if e.date.precision != .day {
                description = "Date: \(e.date.displayText); the source gives no day. " + description
            }
            add("BEGIN:VEVENT")
            add("UID:\(slug)@\(host ?? "sitegen")")
            add("DTSTAMP:\(compact(site.asOf.firstDay))T000000Z")
            add("DTSTART;VALUE=DATE:\(compact(first))")
            add("DTEND;VALUE=DATE:\(compact(last.next))")
            add("SUMMARY:\(text(e.title))")
            add("DESCRIPTION:\(text(description))")
            add(graph.isScheduled(e) ? "STATUS:TENTATIVE" : "STATUS:CONFIRMED")
            if graph.isScheduled(e) { add("CATEGORIES:Scheduled") }
            if let location = e.location { add("LOCATION:\(text(location))") }
            if let base = site.baseURL { add("URL:\(base + e.id.path)") }
            add("END:VEVENT")
        }
        add("END:VCALENDAR")
        return OutputFile(path: "events.ics", contents: out)
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

    /// Lines longer than 75 octets folded with CRLF and a space, never inside a character's
    /// UTF-8 bytes: cut between Unicode scalars (RFC 5545 asks for octets, not characters, and
    /// one character of a letter and 60 combining marks is longer than a line).
    static func fold(_ line: String, into out: inout String) {
        guard line.utf8.count > 75 else {
            out += line
            return
        }
        // Cut before the last scalar that fits; each piece between two cuts is copied as one
        // slice, not scalar by scalar.
        let scalars = line.unicodeScalars
        var count = 0
        var start = scalars.startIndex
        for index in scalars.indices {
            let size = UTF8.width(scalars[index])
            if count + size > 75 {
                out += Substring(scalars[start..<index])
                out += "\r\n "
                start = index
                count = 1
            }
            count += size
        }
        out += Substring(scalars[start...])
    }
}
