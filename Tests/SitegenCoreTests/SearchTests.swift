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

    /// CBOR of Pagefind's shapes: texts, small numbers and lists.
    enum C {
        case text(String), number(Int), list([C])
        var bytes: [UInt8] {
            func head(_ major: UInt8, _ n: Int) -> [UInt8] { n < 24 ? [major << 5 | UInt8(n)] : [major << 5 | 24, UInt8(n)] }
            switch self {
            case .text(let t): return head(3, t.utf8.count) + Array(t.utf8)
            case .number(let n): return head(0, n)
            case .list(let items): return head(4, items.count) + items.flatMap(\.bytes)
            }
        }
    }

    static func file(_ value: C) -> [UInt8] { StableSearchIndex.signature + value.bytes }

    @Test func aFilterFilesValuesAreSortedByTheirBytes() throws {
        let filter = C.list([
            .text("person"),
            .list([
                .list([.text("Ted Cruz"), .list([.number(11), .number(31)])]),
                .list([.text("Claudia Sheinbaum"), .list([.number(2)])]),
                .list([.text("Ángel"), .list([.number(40)])]),
            ]),
        ])
        let sorted = try StableSearchIndex.sortedFilter(Self.file(filter))
        #expect(
            sorted
                == Self.file(
                    .list([
                        .text("person"),
                        .list([
                            .list([.text("Claudia Sheinbaum"), .list([.number(2)])]),
                            .list([.text("Ted Cruz"), .list([.number(11), .number(31)])]),
                            .list([.text("Ángel"), .list([.number(40)])]),
                        ]),
                    ])))
        // Gzip'd and back, the same bytes; gzip'd twice, the same gzip.
        let gzip = try StableSearchIndex.compressed(sorted)
        #expect(try StableSearchIndex.decompressed(gzip) == sorted)
        #expect(try StableSearchIndex.compressed(sorted) == gzip)
    }

    @Test func theMetaFilesFiltersAreSortedAndRenamed() throws {
        let meta = { (filters: [(String, String)]) in
            Self.file(
                .list([
                    .text("1.5.2"), .list([.list([.text("en_abc1234"), .number(20)])]), .list([]),
                    .list(filters.map { .list([.text($0.0), .text($0.1)]) }), .list([]), .list([.text("title")]),
                ]))
        }
        let before = meta([("topic", "en_aaaaaaa"), ("kind", "en_bbbbbbb")])
        #expect(try StableSearchIndex.filterHashes(before) == ["en_aaaaaaa", "en_bbbbbbb"])
        let after = try StableSearchIndex.sortedMeta(before, renaming: ["en_aaaaaaa": "en_1111111", "en_bbbbbbb": "en_2222222"])
        #expect(after == meta([("kind", "en_2222222"), ("topic", "en_1111111")]))
        // A name of another length would change the list's bytes around it: refused.
        #expect(throws: StableSearchIndex.Problem.self) {
            try StableSearchIndex.sortedMeta(before, renaming: ["en_aaaaaaa": "en_1", "en_bbbbbbb": "en_2222222"])
        }
        #expect(StableSearchIndex.hash([1, 2, 3], like: "en_62fc6cfd85").count == "en_62fc6cfd85".count)
    }

    @Test func aFileNotInPagefindsShapeIsAProblemNotACrash() throws {
        let good = Self.file(.list([.text("kind"), .list([.list([.text("Brief"), .list([.number(1)])])])]))
        for cut in StableSearchIndex.signature.count..<good.count {
            #expect(throws: StableSearchIndex.Problem.self) { try StableSearchIndex.sortedFilter(Array(good[..<cut])) }
        }
        // A length past the end, an indefinite list, no signature.
        #expect(throws: StableSearchIndex.Problem.self) {
            try StableSearchIndex.sortedFilter(StableSearchIndex.signature + [0x82, 0x7a, 0xff, 0xff, 0xff, 0xff])
        }
        #expect(throws: StableSearchIndex.Problem.self) { try StableSearchIndex.sortedFilter(StableSearchIndex.signature + [0x9f]) }
        #expect(throws: StableSearchIndex.Problem.self) { try StableSearchIndex.sortedFilter(Array(good.dropFirst())) }
    }

    /// Found by review: a filter file not in Pagefind's shape, after others that are, leaves
    /// every file as Pagefind wrote it (filters were renamed before the problem was found).
    @Test func aProblemLeavesTheWholeIndexAsItWas() throws {
        let temp = try TemporaryFolder()
        let folder = temp.path + "/pagefind"
        try FileManager.default.createDirectory(atPath: folder + "/filter", withIntermediateDirectories: true)
        let good = Self.file(.list([.text("kind"), .list([.list([.text("Brief"), .list([.number(1)])])])]))
        let bad = Self.file(.list([.text("person"), .text("not a list")]))
        let meta = Self.file(
            .list([
                .text("1.5.2"), .list([]), .list([]),
                .list([.list([.text("kind"), .text("en_aaaaaaa")]), .list([.text("person"), .text("en_bbbbbbb")])]), .list([]),
            ]))
        let files: [String: [UInt8]] = [
            "filter/en_aaaaaaa.pf_filter": try StableSearchIndex.compressed(good),
            "filter/en_bbbbbbb.pf_filter": try StableSearchIndex.compressed(bad),
            "pagefind.en_0123456789.pf_meta": try StableSearchIndex.compressed(meta),
            "pagefind-entry.json": Array(#"{"languages":{"en":{"hash":"en_0123456789"}}}"#.utf8),
        ]
        for (path, bytes) in files { _ = FileManager.default.createFile(atPath: folder + "/" + path, contents: Data(bytes)) }
        #expect(throws: StableSearchIndex.Problem.self) { try StableSearchIndex.normalize(folder) }
        var after: [String: [UInt8]] = [:]
        for path in FileManager.default.subpaths(atPath: folder) ?? [] where path.contains(".") {
            after[path] = FileManager.default.contents(atPath: folder + "/" + path).map { [UInt8]($0) }
        }
        #expect(after == files)
    }

    /// With the real Pagefind (CI installs it): two builds, one thread and two, give the same
    /// `pagefind/`, byte for byte, and the entry file names the meta file that is there.
    @Test(.enabled(if: { if case .found = SearchIndex.find() { true } else { false } }(), "needs Pagefind"))
    func twoBuildsGiveTheSameSearchIndex() throws {
        guard case .found(let pagefind) = SearchIndex.find() else { return }
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try site.setOrAdd(site.content + "/site.md", "search", "true")
        func build(jobs: Int) throws -> [String: [UInt8]] {
            var options = site.options()
            options.jobs = jobs
            options.environment = ["PATH": "/usr/bin:/bin", "SITEGEN_PAGEFIND": pagefind]
            options.outputDirectory = site.temp.path + "/Public\(jobs)"
            let report = SiteBuilder(options: options).run(write: true)
            #expect(report.diagnostics.items.isEmpty)
            let folder = options.outputDirectory + "/pagefind"
            var files: [String: [UInt8]] = [:]
            for path in FileManager.default.subpaths(atPath: folder) ?? [] {
                if let data = FileManager.default.contents(atPath: folder + "/" + path) { files[path] = [UInt8](data) }
            }
            return files
        }
        let one = try build(jobs: 1)
        let two = try build(jobs: 2)
        #expect(one.keys.sorted() == two.keys.sorted())
        #expect(one.keys.filter { one[$0] != two[$0] }.sorted() == [])
        let entry = String(decoding: try #require(one["pagefind-entry.json"]), as: UTF8.self)
        let meta = try #require(one.keys.first { $0.hasPrefix("pagefind.") && $0.hasSuffix(".pf_meta") })
        #expect(entry.contains("\"hash\":\"" + meta.dropFirst("pagefind.".count).dropLast(".pf_meta".count) + "\""))
        let hashes = try StableSearchIndex.filterHashes(try StableSearchIndex.decompressed(try #require(one[meta])))
        #expect(hashes.count == 4)
        #expect(hashes.allSatisfy { one["filter/" + $0 + ".pf_filter"] != nil })
        #expect(one.keys.filter { $0.hasPrefix("filter/") }.count == 4)
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
