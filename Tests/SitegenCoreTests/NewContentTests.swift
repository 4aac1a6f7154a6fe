import Foundation
import Testing

@testable import SitegenCore

@Suite("sitegen new")
struct NewContentTests {
    static let today = PartialDate(year: 2025, month: 9, day: 10)

    /// Every kind's new file passes a check of the site it is added to, with no warning.
    @Test(arguments: ContentKind.allCases.filter { $0 != .site })
    func aNewFilePassesTheCheckAsItIs(kind: ContentKind) throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let path = try NewContent.create(
            kind: kind, slug: "new-item", title: "Fernández: a \"quoted\" title", contentDirectory: site.content,
            today: Self.today)
        #expect(path == site.content + "/\(kind.folder)/new-item.md")
        var options = site.options()
        options.includeDrafts = true
        let report = SiteBuilder(options: options).run(write: true)
        #expect(report.diagnostics.items.isEmpty, "\(DiagnosticFormatter.format(report.diagnostics.items))")
        let page = site.temp.read("Public/\(kind.folder)/new-item/index.html")
            ?? site.temp.read("Public/new-item/index.html")
        #expect(page?.contains("Fernández: a “quoted” title") == true)
        #expect(page?.contains("<strong class=\"badge\">Draft</strong>") == (kind == .brief))
    }

    @Test func aBriefIsADraftDatedTheSitesAsOfWhenThatIsEarlier() throws {
        let text = NewContent.scaffold(.brief, slug: "x", title: nil, date: Self.today)
        #expect(text.contains("draft: true"))
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let path = try NewContent.create(
            kind: .brief, slug: "dated", title: nil, contentDirectory: site.content, today: Self.today)
        // The fixture's as-of is 2025-08-30, before "today".
        #expect(try site.text(path).contains("\ndate: 2025-08-30\n"))
        let early = PartialDate(year: 2025, month: 8, day: 1)
        let second = try NewContent.create(
            kind: .brief, slug: "early", title: nil, contentDirectory: site.content, today: early)
        #expect(try site.text(second).contains("\ndate: 2025-08-01\n"))
        #expect(try site.text(second).contains("title: Early\n"))
        // Left out of a build without --drafts.
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        #expect(site.temp.read("Public/briefs/early/index.html") == nil)
    }

    @Test func refusesAnExistingFileAndSuggestsASlug() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        #expect(throws: NewContent.Problem.self) {
            try NewContent.create(
                kind: .brief, slug: "alpha", title: nil, contentDirectory: site.content, today: Self.today)
        }
        do {
            _ = try NewContent.create(
                kind: .person, slug: "Fernández Noroña", title: nil, contentDirectory: site.content, today: Self.today)
            Issue.record("a bad slug was accepted")
        } catch let problem as NewContent.Problem {
            #expect(problem.hint == "rename it to 'fernandez-norona'")
        }
        #expect(NewContent.kind(named: "people") == .person)
        #expect(NewContent.kind(named: "Brief") == .brief)
        #expect(NewContent.kind(named: "site") == nil)
    }
}
