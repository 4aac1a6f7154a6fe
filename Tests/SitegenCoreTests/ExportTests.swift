import Foundation
import Testing

@testable import SitegenCore

@Suite("The timeline exported for TimelineJS and calendars")
struct ExportTests {
    static func build() throws -> [String: String] {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        return tree(site.temp.path + "/Public")
    }

    @Test func timelineJSONKeepsEachDatesPrecision() throws {
        let files = try Self.build()
        let text = try #require(files["timeline.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.map { $0["unique_id"] as? String } == ["month-event", "day-event", "range-event"])
        let month = try #require(events[0]["start_date"] as? [String: String])
        #expect(month == ["year": "2025", "month": "8"], "a month event has no day")
        #expect(events[2]["start_date"] as? [String: String] == ["year": "2025", "month": "9", "day": "2"])
        #expect(events[2]["end_date"] as? [String: String] == ["year": "2025", "month": "9", "day": "4"])
        #expect(events[2]["group"] as? String == "Scheduled")
        #expect(events[1]["group"] == nil)
        let headline = try #require((events[1]["text"] as? [String: String])?["headline"])
        #expect(headline == "A session")
        let body = try #require((events[1]["text"] as? [String: String])?["text"])
        #expect(body.hasSuffix("<a href=\"https://example.org/explainer/events/day-event/\">Read more</a>"))
    }

    @Test func theCalendarIsRFC5545() throws {
        let files = try Self.build()
        let ics = try #require(files["events.ics"])
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        let lines = ics.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 75 }, "lines are folded at 75 octets")
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends with CRLF")
        // Unfolded, one VEVENT per event, month precision as the whole month.
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.components(separatedBy: "BEGIN:VEVENT").count - 1 == 3)
        #expect(unfolded.contains("UID:month-event@example.org\r\nDTSTAMP:20250830T000000Z\r\nDTSTART;VALUE=DATE:20250801\r\nDTEND;VALUE=DATE:20250901\r\n"))
        #expect(unfolded.contains("DESCRIPTION:Date: August 2025\\; the source gives no day."))
        #expect(unfolded.contains("DTSTART;VALUE=DATE:20250902\r\nDTEND;VALUE=DATE:20250905\r\n"), "the end is exclusive")
        #expect(unfolded.contains("STATUS:TENTATIVE\r\nCATEGORIES:Scheduled\r\n"))
    }

    @Test func textIsEscapedAndFoldedWithoutSplittingACharacter() {
        #expect(Exports.text("a, b; c\\d\ne") == "a\\, b\\; c\\\\d\\ne")
        var folded = "BEGIN:VEVENT\r\n"
        Exports.fold("SUMMARY:" + String(repeating: "é", count: 60), into: &folded)
        #expect(folded.hasPrefix("BEGIN:VEVENT\r\nSUMMARY:éé"), "appended to what is there")
        folded.removeFirst("BEGIN:VEVENT\r\n".count)
        #expect(folded.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == "SUMMARY:" + String(repeating: "é", count: 60))
    }

    @Test func dayAfter() {
        #expect(PartialDate(year: 2025, month: 8, day: 31).next == PartialDate(year: 2025, month: 9, day: 1))
        #expect(PartialDate(year: 2025, month: 12).next == PartialDate(year: 2026, month: 1, day: 1))
        #expect(PartialDate(year: 2024, month: 2, day: 28).next == PartialDate(year: 2024, month: 2, day: 29))
    }
}
