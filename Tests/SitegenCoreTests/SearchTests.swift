import Foundation
import Testing

@testable import SitegenCore

@Suite("The search index and its page")
struct SearchTests {
    /// An executable shell script at `path` (with the system's commands on its PATH: a build's
    /// environment in these tests has none).
    static func script(_ path: String, _ text: String) throws {
        try ("#!/bin/sh\nPATH=/usr/bin:/bin\n" + text + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    }

    @Test func pagefindIsLookedForInOrder() throws {
        let temp = try TemporaryFolder()
        let own = temp.path + "/my-pagefind"
        try Self.script(own, "exit 0")
        try FileManager.default.createDirectory(atPath: temp.path + "/bin", withIntermediateDirectories: true)
        try Self.script(temp.path + "/bin/pagefind", "exit 0")
        #expect(SearchIndex.find(environment: ["SITEGEN_PAGEFIND": own, "PATH": temp.path + "/bin"]) == .found(own))
        #expect(
            SearchIndex.find(environment: ["SITEGEN_PAGEFIND": temp.path + "/missing", "PATH": temp.path + "/bin"])
                == .badSetting(temp.path + "/missing"))
        #expect(
            SearchIndex.find(environment: ["PATH": temp.path + "/empty:" + temp.path + "/bin"])
                == .found(temp.path + "/bin/pagefind"))
        #expect(SearchIndex.find(environment: ["PATH": temp.path + "/empty"]) == .notFound)
    }

    /// The fixture with `search: true` and `settings` in its `site.md`, built with `pagefind`
    /// (a shell script) as the Pagefind command and `environment` added to an empty one.
    static func build(
        pagefind: String?, environment: [String: String] = [:], settings: [String: String] = [:]
    ) throws -> (BuildSessionTests.Site, BuildReport) {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try site.setOrAdd(site.content + "/site.md", "search", "true")
        for (key, value) in settings { try site.setOrAdd(site.content + "/site.md", key, value) }
        var options = site.options()
        options.environment = environment.merging(["PATH": site.temp.path + "/empty"]) { a, _ in a }
        if let pagefind {
            try Self.script(site.temp.path + "/pagefind", pagefind)
            options.environment["SITEGEN_PAGEFIND"] = site.temp.path + "/pagefind"
        }
        return (site, SiteBuilder(options: options).run(write: true))
    }

    @Test func pagefindRunsOnTheStagedSiteBeforeItIsSwappedIn() throws {
        // A stand-in that records its arguments and writes what Pagefind would.
        let (site, report) = try Self.build(pagefind: "echo \"$@\" > \"$2/args.txt\"; mkdir \"$2/pagefind\"; echo '{}' > \"$2/pagefind/pagefind-entry.json\"")
        #expect(report.succeeded)
        let output = site.temp.path + "/Public"
        #expect(FileManager.default.fileExists(atPath: output + "/pagefind/pagefind-entry.json"))
        let args = try String(contentsOfFile: output + "/args.txt", encoding: .utf8)
        #expect(args.hasPrefix("--site ") && args.hasSuffix(" --output-subdir pagefind --force-language en --silent\n"))
        #expect(!args.contains(output + " "), "run on the staging folder, not on Public/")
        let search = try #require(site.temp.read("Public/search/index.html"))
        #expect(search.contains("<script src=\"../pagefind/pagefind-ui.js\"></script>"))
        #expect(search.contains("<li><a href=\"../briefs/\">Briefs</a>: Every brief, newest first.</li>"))
        // Documents' pages are indexed with their filters; list pages are not.
        let brief = try #require(site.temp.read("Public/briefs/alpha/index.html"))
        #expect(brief.contains("<main id=\"main\" class=\"wrap\" data-pagefind-body>"))
        #expect(brief.contains("<span data-pagefind-filter=\"kind\">Brief</span><span data-pagefind-filter=\"person\">Ana Example</span>"))
        #expect(site.temp.read("Public/briefs/index.html")?.contains("data-pagefind-body") == false)
        #expect(site.temp.read("Public/index.html")?.contains("<a href=\"search/\">Search</a>") == true)
        #expect(site.temp.read("Public/sitemap.xml")?.contains("search/") == false)
    }

    @Test func aFailingIndexStopsTheBuildAndWritesNothing() throws {
        let (site, report) = try Self.build(pagefind: "echo 'Error: no pages found' >&2; exit 3")
        #expect(!report.succeeded)
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.code == "search.failed")
        #expect(error.message == "Pagefind failed (exit status 3): Error: no pages found")
        #expect(error.position?.line == 2)
        #expect(!FileManager.default.fileExists(atPath: site.temp.path + "/Public"))
    }

    @Test func withoutPagefindTheSiteIsBuiltWithAWarning() throws {
        let (site, report) = try Self.build(pagefind: nil)
        #expect(report.succeeded)
        #expect(report.diagnostics.items.map(\.code) == ["search.unavailable"])
        #expect(report.diagnostics.items.first?.hint?.contains("pip install pagefind-bin") == true)
        #expect(site.temp.read("Public/search/index.html") != nil)
        #expect(!FileManager.default.fileExists(atPath: site.temp.path + "/Public/pagefind"))
    }
}
