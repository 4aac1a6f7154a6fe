import Foundation
import Testing

@testable import SitegenCore

/// What an editor meets: links to drafts, links written without `@`, fragments on list pages.
@Suite("Links an editor gets wrong are errors at their place")
struct EditorErrorTests {
    /// Builds the fixture site with `brief` added as `briefs/links.md`; the formatted diagnostics
    /// of that file, paths relative to the content folder.
    func diagnostics(_ brief: String, drafts: Bool = false, extra: [String: String] = [:]) throws -> [String] {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try site.write(site.content + "/briefs/links.md", brief)
        for (path, text) in extra { try site.write(site.content + "/" + path, text) }
        var options = site.options()
        options.includeDrafts = drafts
        let report = SiteBuilder(options: options).run(write: false)
        return report.diagnostics.sorted.map {
            DiagnosticFormatter.format($0).replacingOccurrences(of: site.content + "/", with: "")
        }
    }

    static let head = "---\ntitle: Links\nsummary: Links.\ndate: 2025-08-01\nkind: news\n---\n"
    static let draft = "---\ntitle: Hidden\nsummary: A draft.\ndate: 2025-08-01\nkind: news\ndraft: true\n---\nText.\n"

    @Test func aLinkToADraftSaysItIsADraft() throws {
        let found = try diagnostics(Self.head + "See [the draft](@briefs/hidden).\n", extra: ["briefs/hidden.md": Self.draft])
        #expect(
            found == [
                """
                briefs/links.md:7:5: error: briefs/hidden is a draft ('draft: true' at briefs/hidden.md:6:1), \
                left out of this build [graph.draft-reference]
                    7 | See [the draft](@briefs/hidden).
                      |     ^
                  hint: publish it by deleting 'draft: true', preview drafts with --drafts, or remove the link

                """
            ])
        #expect(try diagnostics(Self.head + "See [the draft](@briefs/hidden).\n", drafts: true, extra: ["briefs/hidden.md": Self.draft]).isEmpty)
    }

    @Test func plainLinksIntoTheSiteAreChecked() throws {
        let found = try diagnostics(
            Self.head + """
                [Ana](people/ana-example) and [Bob](../../people/bob-example/) and [missing](../../people/nobody/).
                [Rooted](/people/ana-example/) and [about](pages/about) and [web](https://example.org/x).
                [Top](#links) and [mail](mailto:a@example.org) and [style](../../assets/style.css).

                """)
        #expect(
            found == [
                """
                briefs/links.md:7:1: error: 'people/ana-example' leads to /briefs/links/people/ana-example/, which is not a page of this site [graph.broken-link]
                    7 | [Ana](people/ana-example) and [Bob](../../people/bob-example/) and [missing](../../people/nobody/).
                      | ^
                  hint: link to content with @: write @people/ana-example

                """,
                """
                briefs/links.md:7:68: error: '../../people/nobody/' leads to /people/nobody/, which is not a page of this site [graph.broken-link]
                    7 | [Ana](people/ana-example) and [Bob](../../people/bob-example/) and [missing](../../people/nobody/).
                      |                                                                    ^
                  hint: link to content with @section/slug, e.g. @people/claudia-sheinbaum

                """,
                """
                briefs/links.md:8:1: warning: '/people/ana-example/' works only when the site is at the root of its domain, not under a sub-path [graph.rooted-link]
                    8 | [Rooted](/people/ana-example/) and [about](pages/about) and [web](https://example.org/x).
                      | ^
                  hint: write @people/ana-example

                """,
                """
                briefs/links.md:8:36: error: 'pages/about' leads to /briefs/links/pages/about/, which is not a page of this site [graph.broken-link]
                    8 | [Rooted](/people/ana-example/) and [about](pages/about) and [web](https://example.org/x).
                      |                                    ^
                  hint: link to content with @: write @pages/about

                """,
            ])
    }

    @Test func fragmentsOnTheTimelineAreChecked() throws {
        let found = try diagnostics(
            Self.head + "[ok](@timeline#day-event), [month](@timeline#month-august-2025), [bad](@timeline#no-such-event).\n")
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.hasPrefix("briefs/links.md:7:66: error: '#no-such-event' is not on the timeline page") == true)
    }

    /// One mistake, one error: the quoting error, not also "missing required key 'title'".
    @Test func aColonInATitleIsOneError() throws {
        let found = try diagnostics("---\ntitle: Rubio: the visit\nsummary: x\ndate: 2025-08-01\nkind: news\n---\nText.\n")
        #expect(
            found == [
                """
                briefs/links.md:2:13: error: ': ' inside a plain value would start a nested map [frontmatter.colon-in-value]
                    2 | title: Rubio: the visit
                      |             ^
                  hint: quote the whole value: 'Rubio: the visit'

                """
            ])
    }
}
