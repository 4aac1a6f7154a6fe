import Foundation
import Testing

@testable import SitegenCore

/// A fixed pseudo-random sequence (a 64-bit LCG), so a failing edit sequence is the same on
/// every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }
}

@Suite("Incremental rebuilds give the bytes a full build writes")
struct BuildSessionTests {
    static let shippedTemplates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Templates").path

    /// A copy of the basic fixture's content and the given templates, edited step by step.
    final class Site {
        let temp: TemporaryFolder
        var content: String { temp.path + "/Content" }
        var templates: String { temp.path + "/Templates" }
        var created: [String] = []
        /// Pages a sitemap file lists before the sitemap is split (the build's limit when nil).
        var sitemapLimit: Int?

        init(templates: String) throws {
            temp = try TemporaryFolder()
            try FileManager.default.copyItem(atPath: Fixtures.path("Sites/basic/Content"), toPath: content)
            try FileManager.default.copyItem(atPath: templates, toPath: self.templates)
        }

        func options() -> BuildOptions {
            var options = BuildOptions(
                contentDirectory: content, templatesDirectory: templates, outputDirectory: temp.path + "/Public",
                jobs: 2)
            if let sitemapLimit { options.sitemapLimit = sitemapLimit }
            return options
        }

        func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

        func write(_ path: String, _ text: String) throws {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }

        /// Replaces the first line starting with `key: ` in a file's front matter.
        func setValue(_ path: String, _ key: String, _ value: String) throws {
            var lines = try text(path).components(separatedBy: "\n")
            guard let i = lines.firstIndex(where: { $0.hasPrefix(key + ": ") }) else { return }
            lines[i] = "\(key): \(value)"
            try write(path, lines.joined(separator: "\n"))
        }

        /// Sets `key` in a file's front matter, adding the line after the opening `---` if missing.
        func setOrAdd(_ path: String, _ key: String, _ value: String) throws {
            var lines = try text(path).components(separatedBy: "\n")
            if let i = lines.firstIndex(where: { $0.hasPrefix(key + ": ") }) {
                lines[i] = "\(key): \(value)"
            } else {
                lines.insert("\(key): \(value)", at: 1)
            }
            try write(path, lines.joined(separator: "\n"))
        }

        func files(_ folder: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: content + "/" + folder)) ?? []).sorted().map {
                content + "/" + folder + "/" + $0
            }
        }
    }

    /// The full build's files as text, without the output marker.
    func fullBuild(_ site: Site) -> [String: String]? {
        let report = SiteBuilder(options: site.options()).run(write: true)
        guard report.succeeded else { return nil }
        var files = tree(site.temp.path + "/Public")
        files[OutputWriter.markerName] = nil
        return files
    }

    func served(_ session: BuildSession) -> [String: String] {
        session.files.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// The paths whose text differs between a session and a full build of the same files.
    func differences(_ session: BuildSession, _ site: Site) -> [String] {
        let expected = fullBuild(site) ?? [:]
        let actual = served(session)
        return Set(expected.keys).union(actual.keys).filter { expected[$0] != actual[$0] }.sorted()
    }

    /// One random edit of the kinds an editor makes; returns what it did and the paths it touched.
    func edit(_ site: Site, step: Int, using rng: inout SeededGenerator) throws -> (String, Set<String>) {
        try edit(site, step: step, kind: Int.random(in: 0..<Self.editKinds, using: &rng), using: &rng)
    }

    /// How many kinds of edit `edit` makes.
    static let editKinds = 24

    /// One edit of the given kind (0..<editKinds).
    func edit(_ site: Site, step: Int, kind: Int, using rng: inout SeededGenerator) throws -> (String, Set<String>) {
        let briefs = site.files("briefs")
        let events = site.files("events")
        let people = site.files("people")
        let someone = ["[]", "[ana-example]", "[bob-example]", "[ana-example, bob-example]"]
        let source = site.content + "/sources/wire-report.md"
        switch kind {
        case 22:
            // A new document of another kind than briefs, with a correction.
            let kind = ["events", "people", "topics", "sources", "organizations"].randomElement(using: &rng)!
            let path = site.content + "/\(kind)/added-\(step).md"
            let updates = "updates:\n  - date: 2025-08-30\n    kind: correction\n    note: Corrected at step \(step).\n"
            let front: String
            switch kind {
            case "events": front = "title: Event added at step \(step)\ndate: 2025-08-\(10 + step % 18)\npeople: [ana-example]\n"
            case "people": front = "name: Added Person \(step)\nrole: A role\nsummary: A person added by the test.\n"
            case "topics": front = "title: Topic added at step \(step)\nsummary: A topic added by the test.\n"
            case "organizations":
                front = "name: Organization added \(step)\nkind: party\nsummary: An organization added by the test.\n"
            default: front = "title: Document added at step \(step)\npublisher: Example Wire\nkind: report\npublish-text: true\n"
            }
            try site.write(path, "---\n" + front + (kind == "sources" ? "" : updates) + "---\nText added at step \(step).\n")
            site.created.append(path)
            return ("new \(path)", [path])
        case 23:
            // A correction added to a document's front matter.
            let path = (briefs + events + people).randomElement(using: &rng)!
            let text = try site.text(path)
            guard !text.contains("\nupdates:") else { return ("a document with updates", []) }
            let end = text.range(of: "\n---\n", range: text.index(after: text.startIndex)..<text.endIndex)!.lowerBound
            try site.write(
                path,
                text[..<end] + "\nupdates:\n  - date: 2025-08-30\n    kind: clarification\n    note: Clarified at step \(step)."
                    + text[end...])
            return ("updates of \(path)", [path])
        case 17:
            try site.setValue(source, ["title", "publisher"].randomElement(using: &rng)!, "Source edited at step \(step)")
            return ("title or publisher of \(source)", [source])
        case 18:
            try site.write(source, try site.text(source) + "\nA paragraph added to the document at step \(step).\n")
            return ("text of \(source)", [source])
        case 19:
            let path = [site.content + "/topics/topic-one.md", site.content + "/pages/about.md"].randomElement(using: &rng)!
            try site.setOrAdd(path, "sources", Bool.random(using: &rng) ? "[wire-report]" : "[]")
            return ("sources of \(path)", [path])
        case 20:
            let path = site.content + "/site.md"
            try site.setValue(path, "description", "A description rewritten at step \(step).")
            return ("site description", [path])
        case 21:
            let path = site.templates + "/assets/style.css"
            try site.write(path, ((try? site.text(path)) ?? "") + "/* step \(step) */\n")
            return ("asset \(path)", [path])
        case 0:
            let path = (briefs + events + people).randomElement(using: &rng)!
            try site.write(path, try site.text(path) + "\nAnother paragraph, step \(step).\n")
            return ("body of \(path)", [path])
        case 1:
            let path = (briefs + events).randomElement(using: &rng)!
            try site.setValue(path, "title", "Retitled at step \(step)")
            return ("title of \(path)", [path])
        case 2:
            let path = people.randomElement(using: &rng)!
            // The first word of the name stays: the document names the person by it, and their
            // quotes are proven to be theirs.
            let first = try site.text(path).components(separatedBy: "\n").first { $0.hasPrefix("name: ") }?
                .dropFirst(6).split(separator: " ").first.map(String.init) ?? "Someone"
            try site.setValue(path, "name", "\(first) Renamed \(step)")
            return ("name of \(path)", [path])
        case 3:
            let person = (people.randomElement(using: &rng)! as NSString).lastPathComponent.dropLast(3)
            let path = site.content + "/briefs/added-\(step).md"
            try site.write(
                path,
                """
                ---
                title: Added at step \(step)
                summary: A brief added by the test.
                date: 2025-08-\(10 + step % 18)
                kind: news
                people: [\(person)]
                ---
                A new brief naming [someone](@people/\(person)).

                """)
            site.created.append(path)
            return ("new \(path)", [path])
        case 4:
            guard let path = site.created.popLast() else { return ("nothing to delete", []) }
            try FileManager.default.removeItem(atPath: path)
            return ("deleted \(path)", [path])
        case 5:
            guard let path = site.created.popLast() else { return ("nothing to rename", []) }
            let renamed = (path as NSString).deletingLastPathComponent + "/renamed-\(step).md"
            try FileManager.default.moveItem(atPath: path, toPath: renamed)
            site.created.append(renamed)
            return ("renamed \(path)", [path, renamed])
        case 6:
            let name = ["brief.mustache", "layout.mustache", "person.mustache"].randomElement(using: &rng)!
            let path = site.templates + "/" + name
            try site.write(path, try site.text(path) + "<!-- step \(step) -->\n")
            return ("template \(name)", [path])
        case 7:
            let path = events.randomElement(using: &rng)!
            let text = try site.text(path)
            let end = text.range(of: "---\n", range: text.index(after: text.startIndex)..<text.endIndex)!.upperBound
            try site.write(path, text[..<end] + "A new lead paragraph at step \(step).\n\n" + text[end...])
            return ("lead of \(path)", [path])
        case 8:
            let path = briefs.randomElement(using: &rng)!
            try site.setValue(path, "summary", "A summary rewritten at step \(step).")
            return ("summary of \(path)", [path])
        case 9:
            let path = briefs.randomElement(using: &rng)!
            try site.setOrAdd(path, "people", someone.randomElement(using: &rng)!)
            return ("people of \(path)", [path])
        case 10:
            let path = events.randomElement(using: &rng)!
            try site.setOrAdd(path, "people", someone.randomElement(using: &rng)!)
            return ("people of \(path)", [path])
        case 11:
            let path = site.content + "/organizations/org-one.md"
            try site.setValue(path, "name", "Organization renamed \(step)")
            try site.setValue(path, "short-name", "O\(step)")
            let topic = site.content + "/topics/topic-one.md"
            try site.setValue(topic, "title", "Topic retitled \(step)")
            return ("organization and topic names", [path, topic])
        case 12:
            let path = events.randomElement(using: &rng)!
            guard !(try site.text(path)).contains("\nend: ") else { return ("an event with an end", []) }
            let day = Int.random(in: 1...28, using: &rng)
            let month = Bool.random(using: &rng) ? "08" : "09"
            try site.setValue(path, "date", "2025-\(month)-\(day < 10 ? "0" : "")\(day)")
            return ("date of \(path)", [path])
        case 13:
            let path = briefs.randomElement(using: &rng)!
            let day = Int.random(in: 1...28, using: &rng)
            try site.setValue(path, "date", "2025-08-\(day < 10 ? "0" : "")\(day)")
            return ("date of \(path)", [path])
        case 14:
            let path = people.randomElement(using: &rng)!
            try site.setOrAdd(path, "affiliations", Bool.random(using: &rng) ? "[]" : "[org-one]")
            return ("affiliations of \(path)", [path])
        case 15:
            let path = site.content + "/pages/about.md"
            try site.setValue(path, "title", "About, step \(step)")
            return ("page title", [path])
        default:
            let path = (briefs + events).randomElement(using: &rng)!
            let person = ["ana-example", "bob-example"].randomElement(using: &rng)!
            try site.write(path, try site.text(path) + "\nNaming [someone](@people/\(person)) at step \(step).\n")
            return ("mention in \(path)", [path])
        }
    }

    /// "paged": the shipped templates with every list a page long and the timeline split by
    /// month, so edits add and remove pages of lists and months.
    @Test(.tags(.slow), .enabled(if: SlowTests.enabled, "slow: run with SITEGEN_SLOW_TESTS=1"), arguments: ["fixture", "shipped", "paged"])
    func randomEditsMatchFullBuilds(templates: String) throws {
        let site = try Site(
            templates: templates == "fixture" ? Fixtures.path("Sites/basic/Templates") : Self.shippedTemplates)
        if templates == "paged" {
            for (key, value) in [("page-size", "1"), ("quotes-per-page", "1"), ("timeline-split", "1")] {
                try site.setOrAdd(site.content + "/site.md", key, value)
            }
        }
        let session = BuildSession(options: site.options())
        let first = session.rebuild()
        #expect(first.succeeded)
        #expect(first.mode == .full)
        #expect(differences(session, site) == [])

        // SITEGEN_EDIT_SEED and SITEGEN_EDIT_STEPS run other and longer series (CI runs these).
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["SITEGEN_EDIT_SEED"].flatMap(UInt64.init) ?? 0
        let steps = environment["SITEGEN_EDIT_STEPS"].flatMap(Int.init) ?? 120
        var rng = SeededGenerator(state: (templates == "fixture" ? 7 : templates == "shipped" ? 11 : 13) &+ seed * 1_000)
        var modes: Set<BuildSession.Report.Mode> = []
        for step in 1...steps {
            let (what, touched) = try edit(site, step: step, using: &rng)
            // The edits' lists are complete: trusted as the watcher's are, but with the fixture's
            // templates, where every file is looked at again.
            let report = session.rebuild(touched: touched, complete: templates != "fixture")
            modes.insert(report.mode)
            let expected = fullBuild(site)
            #expect(report.succeeded == (expected != nil), "step \(step): \(what)")
            guard let expected else { continue }
            let actual = served(session)
            let differing = Set(expected.keys).union(actual.keys).filter { expected[$0] != actual[$0] }.sorted()
            #expect(differing.isEmpty, "step \(step), \(what): \(differing.prefix(5))")
            if !differing.isEmpty { break }
        }
        #expect(modes.isSuperset(of: [.bodies, .graph, .full]))
    }

    /// Every kind of edit the random series makes, each once on its own (a deletion and a
    /// rename after a creation): source documents' titles, publishers and texts, `site.md`,
    /// assets, templates, pages, updates, bodies, names, dates, references, new files of every
    /// kind. Every served file is the full build's.
    @Test(arguments: 0..<editKinds)
    func everyKindOfEditServesWhatAFullBuildWrites(kind: Int) throws {
        let site = try Site(templates: Self.shippedTemplates)
        let session = BuildSession(options: site.options())
        #expect(session.rebuild().succeeded)
        var rng = SeededGenerator(state: UInt64(kind) + 1)
        if kind == 4 || kind == 5 {
            let (_, created) = try edit(site, step: 1, kind: 3, using: &rng)
            #expect(session.rebuild(touched: created).succeeded)
        }
        let (what, touched) = try edit(site, step: 2, kind: kind, using: &rng)
        let report = session.rebuild(touched: touched)
        #expect(report.succeeded, "\(what)")
        #expect(differences(session, site) == [], "\(what)")
    }

    /// A source document's title or publisher shows in the source list of every page that
    /// cites it: the topic and page citing it kept the old title under `serve` (the pages
    /// that cite a document were not all found).
    @Test(arguments: ["title", "publisher"])
    func aSourceDocumentsEditReachesEveryPageCitingIt(key: String) throws {
        let site = try Site(templates: Self.shippedTemplates)
        for path in [site.content + "/topics/topic-one.md", site.content + "/pages/about.md"] {
            try site.setOrAdd(path, "sources", "[wire-report]")
        }
        try site.write(
            site.content + "/briefs/alpha.md",
            try site.text(site.content + "/briefs/alpha.md") + "\nSee [the report](@sources/wire-report).\n")
        let session = BuildSession(options: site.options())
        #expect(session.rebuild().succeeded)
        let path = site.content + "/sources/wire-report.md"
        try site.setValue(path, key, "Changed \(key)")
        #expect(session.rebuild(touched: [path]).succeeded)
        #expect(differences(session, site) == [])
        #expect(served(session)["topics/topic-one/index.html"]?.contains("Changed \(key)") == true)
        #expect(served(session)["about/index.html"]?.contains("Changed \(key)") == true)
    }

    @Test func aBodyEditRendersOnlyItsOwnPage() throws {
        let site = try Site(templates: Self.shippedTemplates)
        let session = BuildSession(options: site.options())
        #expect(session.rebuild().succeeded)
        let path = site.content + "/briefs/beta.md"
        try site.write(path, try site.text(path) + "\nOne more sentence.\n")
        let report = session.rebuild(touched: [path])
        #expect(report.mode == .bodies)
        #expect(report.renderedFiles == 1)
        #expect(report.changedPaths == ["briefs/beta/index.html"])
    }

    /// A body edit checks the quotes again in the graph's order (newest brief first), not the
    /// files': the lists of quotes a source proves kept their order, so the source's pages did
    /// not change (they did: 51 pages at 10,000 briefs, differing from a full build).
    @Test func aBodyEditKeepsTheOrderOfProvenQuotes() throws {
        let site = try Site(templates: Self.shippedTemplates)
        // Alpha cites the report already; zulu, the newest brief and the last file, too.
        try site.write(site.content + "/briefs/alpha.md", try site.text(site.content + "/briefs/alpha.md") + "\nAna said: “It’s off the table.”\n")
        try site.write(
            site.content + "/briefs/zulu.md",
            "---\ntitle: Zulu\nsummary: The newest.\ndate: 2025-08-30\nkind: news\nsources: [wire-report]\n---\nAna said: “It’s off the table.” The session went on.\n")
        let session = BuildSession(options: site.options())
        #expect(session.rebuild().succeeded)
        let quotes = try #require(served(session)["sources/wire-report/index.html"])
        // The same words proven on two pages are listed once, on the page of the first file.
        #expect(quotes.contains("briefs/alpha/"))
        let path = site.content + "/briefs/beta.md"
        try site.write(path, try site.text(path) + "\nOne more sentence.\n")
        let report = session.rebuild(touched: [path])
        #expect(report.mode == .bodies)
        #expect(report.changedPaths == ["briefs/beta/index.html"])
        #expect(differences(session, site) == [])
    }

    /// A quotation added in a body gives its source document's list of quotes a page more:
    /// the new page, and the sitemap that lists it, are served as a full build writes them.
    @Test func aQuoteAddedInABodyAddsAPageOfQuotes() throws {
        let site = try Site(templates: Self.shippedTemplates)
        try site.setOrAdd(site.content + "/site.md", "quotes-per-page", "1")
        let path = site.content + "/briefs/alpha.md"
        let alpha = try site.text(path)
        try site.write(path, alpha + "\nAna said: “It’s off the table.”\n")
        let session = BuildSession(options: site.options())
        #expect(session.rebuild().succeeded)
        let pages = Set(served(session).keys)
        try site.write(path, alpha + "\nAna said: “It’s off the table.”\n\nAnd: “It’s off the table.” Again.\n")
        let report = session.rebuild(touched: [path])
        #expect(report.mode == .bodies)
        #expect(Set(served(session).keys) != pages)
        #expect(differences(session, site) == [])
    }

    /// A brief added past the sitemap's limit splits the sitemap into files with an index, and
    /// deleting it joins them again: each time the served files are a full build's.
    @Test func aSitemapSplitAndJoinedUnderServe() throws {
        let site = try Site(templates: Self.shippedTemplates)
        site.sitemapLimit = 20
        let session = BuildSession(options: site.options())
        #expect(session.rebuild().succeeded)
        #expect(session.files["sitemap-1.xml"] == nil)
        let path = site.content + "/briefs/added.md"
        try site.write(
            path, "---\ntitle: Added\nsummary: A brief added.\ndate: 2025-08-20\nkind: news\n---\nAdded.\n")
        #expect(session.rebuild(touched: [path]).succeeded)
        #expect(session.files["sitemap-2.xml"] != nil)
        #expect(differences(session, site) == [])
        try FileManager.default.removeItem(atPath: path)
        #expect(session.rebuild(touched: [path]).succeeded)
        #expect(session.files["sitemap-1.xml"] == nil)
        #expect(differences(session, site) == [])
    }

    /// A body edit checks only the edited page's quotes and figures again; what it reports is
    /// what a full build of the same files reports, and the other pages' results are kept.
    @Test func aBodyEditIsCheckedAsAFullBuildChecksIt() throws {
        let site = try Site(templates: Self.shippedTemplates)
        let path = site.content + "/briefs/beta.md"
        let cited = try site.text(path).replacingOccurrences(of: "topics: [topic-one]", with: "topics: [topic-one]\nsources: [wire-report]")
        try site.write(path, cited + "\nAna said: “It’s off the table.”\n")
        let session = BuildSession(options: site.options())
        let first = session.rebuild()
        #expect(first.succeeded)
        func problems(_ diagnostics: Diagnostics) -> [String] {
            diagnostics.sorted.map { "\($0.position.map { "\($0.line):\($0.column)" } ?? "-") \($0.code)" }
        }
        // A misquote and a figure no document has, in the body only.
        try site.write(path, cited + "\nAna said: “It’s on the table.” In 1999 it was not.\n")
        let failed = session.rebuild(touched: [path])
        #expect(failed.mode == .bodies)
        let full = SiteBuilder(options: site.options()).run(write: false)
        #expect(!failed.succeeded)
        #expect(problems(failed.diagnostics) == ["12:17 quote.not-found", "12:35 figure.unsourced"])
        #expect(problems(failed.diagnostics) == problems(full.diagnostics))
        // Fixed: the page's proven quote is back in the source's list, as a full build has it.
        try site.write(path, cited + "\nAna said: “It’s off the table.” One more sentence.\n")
        let fixed = session.rebuild(touched: [path])
        #expect(fixed.succeeded)
        #expect(fixed.mode == .bodies)
        #expect(fixed.diagnostics.items.isEmpty)
        #expect(differences(session, site) == [])
    }

    /// Front matter edits: the graph and the checks are updated from the last build's
    /// (only the edited page is checked again), and report what a full build reports.
    @Test func aFrontMatterEditIsCheckedAsAFullBuildChecksIt() throws {
        let site = try Site(templates: Self.shippedTemplates)
        let path = site.content + "/briefs/beta.md"
        func beta(title: String = "Beta", summary: String = "A summary.", people: String = "ana-example") -> String {
            "---\ntitle: \(title)\nsummary: \(summary)\ndate: 2025-08-20\nkind: analysis\npeople: [\(people)]\n"
                + "topics: [topic-one]\nsources: [wire-report]\n---\nBeta body.\n"
        }
        try site.write(path, beta())
        let session = BuildSession(options: site.options())
        #expect(session.rebuild().succeeded)
        func problems(_ diagnostics: Diagnostics) -> [String] {
            diagnostics.sorted.map { "\($0.position.map { "\($0.line):\($0.column)" } ?? "-") \($0.severity) \($0.code)" }
        }
        let steps: [(String, [String])] = [
            // A misquote in the title.
            (beta(title: "Ana said “It’s on the table”"), ["2:17 error quote.not-found"]),
            // Fixed; a figure no document has, in the summary: a warning.
            (beta(title: "Ana said “It’s off the table”", summary: "In 1999 it was not."), ["3:13 warning figure.unsourced"]),
            // A person with no file.
            (beta(title: "Beta retitled", people: "nobody-here"), ["6:10 error graph.unknown-reference"]),
            (beta(title: "Beta retitled again"), []),
        ]
        for (text, expected) in steps {
            try site.write(path, text)
            let report = session.rebuild(touched: [path])
            let full = SiteBuilder(options: site.options()).run(write: false)
            #expect(report.mode == .graph || !report.succeeded, "\(text)")
            #expect(problems(report.diagnostics) == expected, "\(text)")
            #expect(problems(report.diagnostics) == problems(full.diagnostics), "\(text)")
            if report.succeeded { #expect(differences(session, site) == []) }
        }
    }

    /// With `figures: off` the Markdown stage collects no figures; turning the check on
    /// collects them again (every body is made again) and reports what a full build reports.
    @Test func figuresOffCollectsNoneAndTurningThemOnChecksThem() throws {
        let site = try Site(templates: Self.shippedTemplates)
        try site.setOrAdd(site.content + "/site.md", "figures", "off")
        let path = site.content + "/briefs/beta.md"
        try site.write(path, try site.text(path) + "\nIn 1999 it was not.\n")
        let session = BuildSession(options: site.options())
        let off = session.rebuild()
        #expect(off.succeeded)
        #expect(!off.diagnostics.items.contains { $0.code == "figure.unsourced" })
        #expect(!ContentLimits.forBodies(site: SourceFile(path: "site.md", text: try site.text(site.content + "/site.md"))).collectsFigures)
        let source = MarkdownSource(file: SourceFile(path: "b.md", text: "---\n---\nIn 1999 it was not.\n"), startLine: 3)
        #expect(MarkdownRenderer(collectsFigures: false).render(source, rootPrefix: "").figures.isEmpty)
        #expect(MarkdownRenderer().render(source, rootPrefix: "").figures.map(\.text) == ["1999"])
        try site.setValue(site.content + "/site.md", "figures", "warning")
        let on = session.rebuild(touched: [site.content + "/site.md"])
        let full = SiteBuilder(options: site.options()).run(write: false)
        func figures(_ diagnostics: Diagnostics) -> [String] {
            diagnostics.sorted.filter { $0.code == "figure.unsourced" }.map { "\($0.position.map { "\($0)" } ?? "-")" }
        }
        #expect(figures(on.diagnostics).count == 1)
        #expect(figures(on.diagnostics) == figures(full.diagnostics))
        #expect(differences(session, site) == [])
    }

    /// A left-out draft's body edit that cites a source document inline withdraws it (no
    /// published page cites it); taking the citation out publishes it again.
    @Test func aDraftsCitationWithdrawsASourceUnderServe() throws {
        let site = try Site(templates: Self.shippedTemplates)
        try site.write(
            site.content + "/sources/gathered.md",
            "---\ntitle: Gathered for the draft\npublisher: Example Wire\ndate: 2025-08-29\nkind: report\n---\nText.\n")
        let session = BuildSession(options: site.options())
        #expect(session.rebuild().succeeded)
        #expect(served(session)["sources/gathered/index.html"] != nil)
        let path = site.content + "/briefs/delta.md"
        let draft = try site.text(path)
        try site.write(path, draft + "\nAs [gathered](@sources/gathered).\n")
        #expect(session.rebuild(touched: [path]).succeeded)
        #expect(served(session)["sources/gathered/index.html"] == nil)
        #expect(differences(session, site) == [])
        try site.write(path, draft)
        #expect(session.rebuild(touched: [path]).succeeded)
        #expect(served(session)["sources/gathered/index.html"] != nil)
        #expect(differences(session, site) == [])
    }

    /// With the watcher's complete list of changes, edits of files read before skip listing
    /// the folders; anything else (a new, deleted or renamed file, site.md) lists them again.
    /// Every served file is a full build's either way.
    @Test func aCompleteListOfEditsIsTrusted() throws {
        let site = try Site(templates: Self.shippedTemplates)
        let session = BuildSession(options: site.options())
        #expect(session.rebuild().succeeded)
        let beta = site.content + "/briefs/beta.md"
        // An editor's save: a temporary file beside it, renamed over it.
        try site.write(beta, try site.text(beta) + "\nOne more sentence.\n")
        var report = session.rebuild(touched: [beta, site.content + "/briefs/.beta.md.tmp"], complete: true)
        #expect(report.mode == .bodies)
        #expect(differences(session, site) == [])
        try site.setValue(beta, "title", "Beta, retitled")
        report = session.rebuild(touched: [beta], complete: true)
        #expect(report.mode == .graph)
        #expect(differences(session, site) == [])
        // A new file, then its deletion, then site.md: the folders are listed again.
        let added = site.content + "/people/new-person.md"
        try site.write(added, "---\nname: New Person\nrole: A role\nsummary: Someone new.\n---\nText.\n")
        #expect(session.rebuild(touched: [added], complete: true).succeeded)
        #expect(served(session)["people/new-person/index.html"] != nil)
        #expect(differences(session, site) == [])
        try FileManager.default.removeItem(atPath: added)
        #expect(session.rebuild(touched: [added], complete: true).succeeded)
        #expect(served(session)["people/new-person/index.html"] == nil)
        #expect(differences(session, site) == [])
        let siteFile = site.content + "/site.md"
        try site.setValue(siteFile, "description", "Described again.")
        #expect(session.rebuild(touched: [siteFile], complete: true).mode == .full)
        #expect(differences(session, site) == [])
    }

    /// A page that comes to show a document after an edit shows it from then on: a person
    /// added to a brief, then renamed, is renamed on the brief's page (its reads are those of
    /// its last rendering, not its first).
    @Test func aPageShowsWhatAnEditAddedToIt() throws {
        let site = try Site(templates: Self.shippedTemplates)
        let session = BuildSession(options: site.options())
        #expect(session.rebuild().succeeded)
        let beta = site.content + "/briefs/beta.md"
        let bob = site.content + "/people/bob-example.md"
        // A first edit elsewhere, so that the rebuilds after it look pages up by what they read.
        try site.setValue(site.content + "/briefs/alpha.md", "title", "Alpha retitled")
        #expect(session.rebuild(touched: [site.content + "/briefs/alpha.md"]).mode == .graph)
        try site.setValue(beta, "people", "[ana-example, bob-example]")
        #expect(session.rebuild(touched: [beta]).mode == .graph)
        try site.setValue(bob, "name", "Bob Renamed")
        #expect(session.rebuild(touched: [bob]).mode == .graph)
        #expect(served(session)["briefs/beta/index.html"]?.contains("Bob Renamed") == true)
        #expect(differences(session, site) == [])
    }

    @Test func aTitleEditRendersThePagesThatShowIt() throws {
        let site = try Site(templates: Self.shippedTemplates)
        let session = BuildSession(options: site.options())
        let first = session.rebuild()
        let path = site.content + "/people/bob-example.md"
        try site.setValue(path, "name", "Roberto Example")
        let report = session.rebuild(touched: [path])
        #expect(report.mode == .graph)
        #expect(report.renderedFiles < first.renderedFiles)
        let pages = Set(report.changedPaths)
        #expect(pages.contains("people/bob-example/index.html"))
        #expect(pages.contains("people/index.html"))
        #expect(!pages.contains("topics/index.html"))
        #expect(differences(session, site) == [])
    }

    @Test func anErrorKeepsTheLastGoodSiteAndAFixRecovers() throws {
        let site = try Site(templates: Self.shippedTemplates)
        let session = BuildSession(options: site.options())
        #expect(session.rebuild().succeeded)
        let before = session.files
        let path = site.content + "/briefs/beta.md"
        let original = try site.text(path)
        try site.write(path, original.replacingOccurrences(of: "date: ", with: "date: 2025-13-"))
        let failed = session.rebuild(touched: [path])
        #expect(!failed.succeeded)
        #expect(failed.diagnostics.errors.map(\.code).contains("frontmatter.invalid-date"))
        #expect(session.files == before)
        try site.write(path, original)
        #expect(session.rebuild(touched: [path]).succeeded)
        #expect(differences(session, site) == [])
    }

    /// A body edit that adds a plain link is checked like a build checks it (the body-only
    /// path used to skip the check).
    @Test func aPlainLinkAddedToABodyIsChecked() throws {
        let site = try Site(templates: Self.shippedTemplates)
        let session = BuildSession(options: site.options())
        #expect(session.rebuild().succeeded)
        let path = site.content + "/briefs/beta.md"
        try site.write(path, try site.text(path) + "\nSee [Bob](people/bob-example).\n")
        let report = session.rebuild(touched: [path])
        #expect(report.diagnostics.errors.map(\.code) == ["graph.broken-link"])
    }

    @Test func editorScratchFilesAreLeftOutQuietly() throws {
        let site = try Site(templates: Self.shippedTemplates)
        for name in [".beta.md.swp", "beta.md~", "4913", ".#beta.md", "#beta.md#", ".beta.md.tmp"] {
            try site.write(site.content + "/briefs/" + name, "x")
        }
        let report = BuildSession(options: site.options()).rebuild()
        #expect(report.succeeded)
        #expect(report.diagnostics.items.isEmpty)
    }
}
