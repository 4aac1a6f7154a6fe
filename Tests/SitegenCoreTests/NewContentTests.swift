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
            kind: kind, slug: "new-item", title: "Fernández: a title: with a colon # and a hash", contentDirectory: site.content,
            today: Self.today)
        #expect(path == site.content + "/\(kind.folder)/new-item.md")
        var options = site.options()
        options.includeDrafts = true
        let report = SiteBuilder(options: options).run(write: true)
        #expect(report.diagnostics.items.isEmpty, "\(DiagnosticFormatter.format(report.diagnostics.items))")
        let page = site.temp.read("Public/\(kind.folder)/new-item/index.html")
            ?? site.temp.read("Public/new-item/index.html")
        #expect(page?.contains("Fernández: a title: with a colon # and a hash") == true)
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

    /// `--title ", and then"` (or `"? what"`) wrote a file that `check` rejected: a title is
    /// now quoted whenever the front matter parser would not read it back as it is.
    @Test(arguments: [", and then", "? what", "a: b", "- a list?", "#hash", "trailing ", "x # y", "'single'", "plain words"])
    func anyTitleReadsBackAsItIs(title: String) throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let path = try NewContent.create(kind: .topic, slug: "new-topic", title: title, contentDirectory: site.content, today: Self.today)
        let (document, problems) = FrontMatterParser.parse(SourceFile(path: path, text: try site.text(path)))
        #expect(problems.isEmpty)
        guard case .scalar(let value)? = document?.map["title"]?.value else {
            Issue.record("no title")
            return
        }
        #expect(value.text == title)
        #expect(try site.text(path).contains(title == "plain words" ? "title: plain words\n" : "title: \""))
    }

    @Test func aTitleThatCannotBeWrittenIsRefused() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        #expect(throws: NewContent.Problem.self) {
            try NewContent.create(kind: .topic, slug: "bell", title: "a\u{07}bell", contentDirectory: site.content, today: Self.today)
        }
        #expect(!FileManager.default.fileExists(atPath: site.content + "/topics/bell.md"))
    }
}

@Suite("sitegen init")
struct NewSiteTests {
    static let today = PartialDate(year: 2026, month: 12, day: 6)

    /// The new explainer builds and checks with no warning, its quotes proven.
    @Test func aNewExplainerBuildsAndChecksWithNoWarning() throws {
        let temp = try TemporaryFolder()
        let folder = temp.path + "/my-explainer"
        let created = try NewSite.create(in: folder, templatesFolder: BuildSessionTests.shippedTemplates, today: Self.today)
        #expect(created.files.filter { !$0.hasPrefix("Templates/") } == [
            ".gitignore", "Content/briefs/example-brief.md", "Content/events/example-statement-issued.md",
            "Content/people/ana-ejemplo.md", "Content/site.md", "Content/sources/example-statement.md",
        ])
        #expect(created.files.contains("Templates/layout.mustache") && created.files.contains("Templates/assets/style.css"))
        var options = BuildOptions(
            contentDirectory: folder + "/Content", templatesDirectory: folder + "/Templates", outputDirectory: folder + "/Public")
        options.strict = true
        let report = SiteBuilder(options: options).run(write: true)
        #expect(report.diagnostics.items.isEmpty, "\(DiagnosticFormatter.format(report.diagnostics.items))")
        #expect(report.proof.quotations == 2)
        let brief = try #require(temp.read("my-explainer/Public/briefs/example-brief/index.html"))
        #expect(brief.contains("Ana Ejemplo"))
        #expect(temp.read("my-explainer/Content/site.md")?.contains("as-of: 2026-12-06") == true)
    }

    @Test func aChangedQuotationFailsTheNewExplainersCheck() throws {
        let temp = try TemporaryFolder()
        let folder = temp.path + "/x"
        _ = try NewSite.create(in: folder, templatesFolder: BuildSessionTests.shippedTemplates, today: Self.today)
        let path = folder + "/Content/briefs/example-brief.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "will be welcome", with: "will be unwelcome").write(toFile: path, atomically: true, encoding: .utf8)
        let report = SiteBuilder(options: BuildOptions(contentDirectory: folder + "/Content", templatesDirectory: folder + "/Templates")).run(write: false)
        #expect(report.diagnostics.errors.map(\.code) == ["quote.not-found"])
    }

    @Test func aFolderThatIsNotEmptyIsRefusedAndLeftAsItWas() throws {
        let temp = try TemporaryFolder()
        try temp.write("busy/notes.txt", "mine")
        do {
            _ = try NewSite.create(in: temp.path + "/busy", templatesFolder: BuildSessionTests.shippedTemplates, today: Self.today)
            Issue.record("a folder with a file in it was used")
        } catch let problem as NewContent.Problem {
            #expect(problem.message == "'\(temp.path)/busy' is not empty (it holds 'notes.txt')")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path + "/busy") == ["notes.txt"])
        // A folder with only .git in it is fine: `git init` first is common.
        try FileManager.default.createDirectory(atPath: temp.path + "/repo/.git", withIntermediateDirectories: true)
        #expect(throws: Never.self) {
            try NewSite.create(in: temp.path + "/repo", templatesFolder: BuildSessionTests.shippedTemplates, today: Self.today)
        }
    }

    @Test func theShippedTemplatesAreFoundBesideAnInstalledBinary() throws {
        let temp = try TemporaryFolder()
        try temp.write("prefix/share/sitegen/Templates/layout.mustache", "x")
        try temp.write("prefix/bin/sitegen", "")
        #expect(NewSite.shippedTemplates(environment: [:], executable: temp.path + "/prefix/bin/sitegen") == temp.path + "/prefix/share/sitegen/Templates")
        #expect(NewSite.shippedTemplates(environment: ["SITEGEN_TEMPLATES": "/t"], executable: nil) == "/t")
        // Built from a checkout: its Templates/.
        #expect(NewSite.shippedTemplates(environment: [:], executable: temp.path + "/elsewhere/sitegen") == BuildSessionTests.shippedTemplates)
    }
}

@Suite("--strict")
struct StrictTests {
    /// A warning fails a strict build, which writes nothing; without --strict it builds.
    @Test func warningsFailAStrictBuild() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try site.temp.write("Content/notes.txt", "not content")
        var options = site.options()
        options.strict = true
        let strict = SiteBuilder(options: options).run(write: true)
        #expect(strict.diagnostics.errors.map(\.code) == ["load.ignored-file"])
        #expect(!FileManager.default.fileExists(atPath: site.temp.path + "/Public"))
        options.strict = false
        let relaxed = SiteBuilder(options: options).run(write: true)
        #expect(relaxed.succeeded && relaxed.diagnostics.warnings.map(\.code) == ["load.ignored-file"])
    }
}
