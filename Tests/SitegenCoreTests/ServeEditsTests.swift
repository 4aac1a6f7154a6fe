import Foundation
import Testing

@testable import SitegenCore

/// Edits the random series does not make, each step served as a full build writes it and
/// reporting what a full build reports: featured and draft flags, headings other pages link,
/// front matter errors and their fixes, update dates in the sitemap, `after:` chains and a
/// cycle, aliases and affiliations, a source only a draft cites, two files edited between
/// rebuilds, an error build and its fix, `site.md` after a graph edit. (Written by a review of
/// the graph update; none of them failed.)
@Suite("Serve: edits of every flag and link, served as a full build")
struct ServeEditsTests {
    typealias Site = BuildSessionTests.Site
    let t = BuildSessionTests()

    func problems(_ d: Diagnostics) -> [String] { d.items.map { "\($0)" }.sorted() }

    /// Rebuilds the session after the edit and checks files and diagnostics against a full build.
    func check(_ session: BuildSession, _ site: Site, _ touched: Set<String>, _ what: String) {
        let report = session.rebuild(touched: touched)
        let full = SiteBuilder(options: site.options()).run(write: false)
        #expect(report.succeeded == full.succeeded, "\(what): succeeded")
        #expect(problems(report.diagnostics) == problems(full.diagnostics), "\(what): diagnostics")
        if full.succeeded { #expect(t.differences(session, site) == [], "\(what): files (mode \(report.mode))") }
    }

    func start(_ prepare: (Site) throws -> Void = { _ in }) throws -> (Site, BuildSession) {
        let site = try Site(templates: BuildSessionTests.shippedTemplates)
        try prepare(site)
        let session = BuildSession(options: site.options())
        #expect(session.rebuild().succeeded)
        return (site, session)
    }

    @Test func featuredToggles() throws {
        let (site, session) = try start()
        let beta = site.content + "/briefs/beta.md", alpha = site.content + "/briefs/alpha.md"
        try site.setOrAdd(beta, "featured", "true")
        check(session, site, [beta], "beta featured")
        try site.setValue(alpha, "featured", "false")
        check(session, site, [alpha], "alpha not featured")
    }

    @Test func draftToggles() throws {
        let (site, session) = try start()
        let delta = site.content + "/briefs/delta.md"
        try site.setValue(delta, "draft", "false")
        check(session, site, [delta], "delta published")
        try site.setValue(delta, "draft", "true")
        check(session, site, [delta], "delta draft again")
        let beta = site.content + "/briefs/beta.md"
        try site.setOrAdd(beta, "draft", "true")
        check(session, site, [beta], "beta draft")
        try site.setValue(beta, "draft", "false")
        check(session, site, [beta], "beta published")
    }

    @Test func headingChangeUnderAFragmentLink() throws {
        let (site, session) = try start()
        let day = site.content + "/events/day-event.md"
        let text = try site.text(day)
        try site.write(day, text.replacingOccurrences(of: "## What happened", with: "## What went on"))
        check(session, site, [day], "heading renamed")
        try site.write(day, text)
        check(session, site, [day], "heading back")
    }

    @Test func frontMatterErrorThenFix() throws {
        let (site, session) = try start()
        let beta = site.content + "/briefs/beta.md"
        try site.setValue(beta, "date", "2025-13-01")
        check(session, site, [beta], "bad date")
        try site.setValue(beta, "date", "2025-08-31")
        check(session, site, [beta], "fixed date")
        try site.setValue(beta, "kind", "nonsense")
        check(session, site, [beta], "bad kind")
        try site.setValue(beta, "kind", "analysis")
        check(session, site, [beta], "kind back")
    }

    @Test func updatedDatesAndTheSitemap() throws {
        let (site, session) = try start()
        let alpha = site.content + "/briefs/alpha.md", beta = site.content + "/briefs/beta.md"
        try site.setValue(alpha, "updated", "2025-09-10")
        check(session, site, [alpha], "alpha updated")
        try site.setOrAdd(beta, "updated", "2025-08-25")
        check(session, site, [beta], "beta updated")
        let text = try site.text(alpha)
        try site.write(alpha, text.replacingOccurrences(of: "date: 2025-09-03", with: "date: 2025-09-20"))
        check(session, site, [alpha], "alpha update date")
    }

    @Test func eventAfterChains() throws {
        let (site, session) = try start()
        let range = site.content + "/events/range-event.md", month = site.content + "/events/month-event.md"
        let day = site.content + "/events/day-event.md"
        try site.setOrAdd(month, "after", "[day-event]")
        check(session, site, [month], "month after day")
        try site.setValue(day, "date", "2025-08-01")
        check(session, site, [day], "day moved")
        try site.setOrAdd(range, "after", "[month-event]")
        check(session, site, [range], "range after month")
        try site.setOrAdd(day, "after", "[range-event]")
        check(session, site, [day], "cycle")
        try site.setValue(day, "after", "[]")
        check(session, site, [day], "no cycle")
    }

    @Test func aliasesAndAffiliations() throws {
        let (site, session) = try start()
        let ana = site.content + "/people/ana-example.md", bob = site.content + "/people/bob-example.md"
        try site.setValue(ana, "aliases", "[Anita, Session]")
        check(session, site, [ana], "alias")
        try site.setOrAdd(bob, "affiliations", "[org-one]")
        check(session, site, [bob], "bob joins")
        try site.setValue(ana, "affiliations", "[]")
        check(session, site, [ana], "ana leaves")
    }

    @Test func sourceWithheldWhileOnlyADraftCitesIt() throws {
        let (site, session) = try start { site in
            try site.write(
                site.content + "/sources/second.md",
                "---\ntitle: Second\npublisher: Wire\nkind: report\npublish-text: true\n---\nBob said: “We will see.”\n")
            try site.setOrAdd(site.content + "/briefs/delta.md", "sources", "[second]")
        }
        let delta = site.content + "/briefs/delta.md", beta = site.content + "/briefs/beta.md"
        try site.setValue(delta, "draft", "false")
        check(session, site, [delta], "delta published")
        try site.setValue(delta, "draft", "true")
        check(session, site, [delta], "delta draft")
        try site.setOrAdd(beta, "sources", "[second]")
        check(session, site, [beta], "beta cites second")
        try site.setValue(beta, "sources", "[]")
        check(session, site, [beta], "beta no longer cites second")
        try site.write(beta, try site.text(beta) + "\n[See](@sources/second).\n")
        check(session, site, [beta], "beta cites second in body")
    }

    @Test func twoEditsBetweenRebuilds() throws {
        let (site, session) = try start()
        let alpha = site.content + "/briefs/alpha.md", beta = site.content + "/briefs/beta.md"
        let gamma = site.content + "/briefs/gamma.md"
        try site.setValue(beta, "date", "2025-08-31")
        try site.setValue(alpha, "date", "2025-08-01")
        check(session, site, [alpha, beta], "two dates")
        try site.setValue(gamma, "title", "Aardvark")
        try site.write(beta, try site.text(beta) + "\nMore.\n")
        check(session, site, [gamma, beta], "title and body")
    }

    @Test func errorBuildThenFix() throws {
        let (site, session) = try start()
        let beta = site.content + "/briefs/beta.md", gamma = site.content + "/briefs/gamma.md"
        try site.write(beta, try site.text(beta) + "\n[x](@people/nobody)\n")
        check(session, site, [beta], "broken reference")
        try site.setValue(gamma, "title", "Gamma retitled")
        check(session, site, [gamma], "other edit while broken")
        try site.write(beta, try site.text(beta).replacingOccurrences(of: "\n[x](@people/nobody)\n", with: ""))
        check(session, site, [beta], "fixed")
    }

    @Test func siteChangeAfterGraphEdit() throws {
        let (site, session) = try start()
        let beta = site.content + "/briefs/beta.md", s = site.content + "/site.md"
        try site.setValue(beta, "title", "Beta two")
        check(session, site, [beta], "beta title")
        try site.setOrAdd(s, "page-size", "1")
        check(session, site, [s], "page size")
        try site.setValue(beta, "date", "2025-09-30")
        check(session, site, [beta], "beta date")
    }
}
