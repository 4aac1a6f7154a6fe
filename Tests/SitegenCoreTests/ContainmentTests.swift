import CSupervise
import Foundation
import Synchronization
import Testing

@testable import SitegenCore

/// A build runs no code from the project and follows no link out of it (the hostile-input
/// review of 18226f1): Pagefind is run as a tool, links in the templates are refused, and no
/// output path or timeline crashes the build. Each test failed before its fix.
@Suite("A build runs no code from the project and follows no link out of it")
struct ContainmentTests {
    // MARK: Pagefind, run as a tool

    /// A stand-in Pagefind (or Python) that writes, to `record`, the folder it runs in, what is
    /// in that folder, its arguments and its environment's PAGEFIND_/PYTHON variables.
    static func recorder(_ record: String, then: String = "") -> String {
        """
        { echo "cwd=$PWD"; echo "entries=$(ls -A)"; echo "args=$*"; env | grep -E '^(PAGEFIND|PYTHON)' | sort; } > '\(record)'
        \(then)
        """
    }

    static func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// `python3 -m pagefind_bin` ran the project's own `pagefind_bin/` (Python puts the working
    /// folder first on its path). Python is now asked, in an empty folder of its own and with
    /// PYTHONSAFEPATH, where the package's executable is, and that executable is run itself.
    @Test func pythonNamesPagefindFromAnEmptyFolderAndIsNotRunAsPagefind() throws {
        let temp = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: temp.path + "/bin", withIntermediateDirectories: true)
        let pagefind = temp.path + "/pagefind-from-pypi"
        try SearchTests.script(pagefind, "exit 0")
        let record = temp.path + "/python.txt"
        try SearchTests.script(temp.path + "/bin/python3", Self.recorder(record, then: "printf '%s' '\(pagefind)'"))
        // A relative folder of PATH (here the empty entry, the working folder) is not searched.
        let found = SearchIndex.find(environment: ["PATH": ":" + temp.path + "/bin"])
        #expect(found == .found(pagefind))
        let lines = try Self.lines(record)
        let cwd = try #require(lines.first { $0.hasPrefix("cwd=") }).dropFirst(4)
        #expect(cwd != FileManager.default.currentDirectoryPath)
        #expect(cwd.contains("sitegen-tool-"))
        #expect(lines.contains("entries="), "Python runs in an empty folder")
        #expect(lines.contains { $0.hasPrefix("args=-c import sys, pagefind_bin;") }, "not '-m pagefind_bin'")
        #expect(lines.contains("PYTHONSAFEPATH=1"))
        // The folder is gone afterwards.
        #expect(!FileManager.default.fileExists(atPath: String(cwd)))
    }

    @Test func aBadSettingIsNamed() throws {
        let temp = try TemporaryFolder()
        #expect(SearchIndex.find(environment: ["SITEGEN_PAGEFIND": temp.path + "/missing"]) == .badSetting(temp.path + "/missing"))
        let (_, report) = try SearchTests.build(pagefind: nil, environment: ["SITEGEN_PAGEFIND": "/nonexistent/pagefind"])
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.message == "SITEGEN_PAGEFIND is '/nonexistent/pagefind', which is not an executable file")
    }

    /// A `pagefind.yml` in the working folder, or PAGEFIND_ variables, moved the index out of
    /// the site or truncated any file (`logfile:`). Pagefind now runs in an empty folder of its
    /// own with its settings on the command line and no PAGEFIND_ variables.
    @Test func pagefindRunsInAnEmptyFolderWithItsSettingsOnTheCommandLine() throws {
        let temp = try TemporaryFolder()
        let record = temp.path + "/pagefind.txt"
        let (site, report) = try SearchTests.build(
            pagefind: Self.recorder(record, then: "mkdir \"$2/pagefind\""),
            environment: ["PAGEFIND_OUTPUT_PATH": "/tmp/elsewhere", "PAGEFIND_LOGFILE": temp.path + "/victim"])
        #expect(report.succeeded)
        let lines = try Self.lines(record)
        let cwd = try #require(lines.first { $0.hasPrefix("cwd=") }).dropFirst(4)
        #expect(cwd.contains("sitegen-tool-") && !cwd.hasPrefix(site.temp.path))
        #expect(lines.contains("entries="))
        let args = try #require(lines.first { $0.hasPrefix("args=") })
        #expect(args.hasPrefix("args=--site " + site.temp.path + "/.Public.sitegen-staging-"))
        #expect(args.hasSuffix(" --output-subdir pagefind --force-language en --silent"))
        #expect(!lines.contains { $0.hasPrefix("PAGEFIND") })
        #expect(FileManager.default.fileExists(atPath: site.temp.path + "/Public/pagefind"))
    }

    /// A Pagefind that never finished held the build (and its output lock) for ever. Now it is
    /// stopped after `search-timeout` seconds, with whatever it started, and the build fails.
    @Test(.tags(.slow), .enabled(if: SlowTests.enabled, "slow: run with SITEGEN_SLOW_TESTS=1")) func aPagefindThatNeverFinishesIsStoppedWithItsChildren() throws {
        let temp = try TemporaryFolder()
        let pidFile = temp.path + "/child.pid"
        let clock = ContinuousClock()
        let start = clock.now
        let (site, report) = try SearchTests.build(
            pagefind: "sleep 600 & echo $! > '\(pidFile)'; sleep 600", settings: ["search-timeout": "1"])
        #expect(clock.now - start < .seconds(60))
        let error = try #require(report.diagnostics.errors.first)
        #expect(error.code == "search.timeout")
        #expect(error.message == "Pagefind did not finish in 1 s and was stopped")
        #expect(!FileManager.default.fileExists(atPath: site.temp.path + "/Public"))
        let child = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(!Self.isRunning(child), "the process Pagefind started is stopped too")
    }

    /// Whether `pid` is a process that has not ended (a zombie has).
    static func isRunning(_ pid: Int32) -> Bool {
        for _ in 0..<100 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            let state = stat[stat.index(close, offsetBy: 2)]
            if state == "Z" || state == "X" { return false }
            usleep(20_000)  // a SIGKILL is delivered, not acted on at once
        }
        return true
    }

    /// Ctrl-C or a SIGKILL of sitegen left Pagefind running, writing into an abandoned folder.
    /// A supervised process is killed when the thread that started it ends, however it ends.
    @Test func aSupervisedProcessDiesWithTheThreadThatStartedIt() throws {
        let started = Mutex<Int32>(0)
        let thread = Thread {
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("600"), nil]
            let envp: [UnsafeMutablePointer<CChar>?] = [nil]
            let pid = argv.withUnsafeBufferPointer { a in
                envp.withUnsafeBufferPointer { e in
                    sitegen_spawn_supervised("/bin/sleep", a.baseAddress!, e.baseAddress!, "/", 2)
                }
            }
            started.withLock { $0 = pid }
            // The thread ends here without waiting, as a killed sitegen would.
        }
        thread.start()
        var pid: Int32 = 0
        for _ in 0..<500 where pid == 0 {
            usleep(10_000)
            pid = started.withLock { $0 }
        }
        try #require(pid > 0)
        var status: Int32 = 0
        #expect(waitpid(pid, &status, 0) == pid)
        #expect(status & 0x7f == SIGKILL, "killed by the parent-death signal, not ended on its own")
    }

    @Test func aProgramThatCannotStartIsAnErrorNotACrash() throws {
        #expect(throws: SupervisedProcess.Failure.self) {
            try SupervisedProcess.run("/nonexistent/pagefind", [], environment: [:], timeout: .seconds(5))
        }
        let (outcome, output) = try SupervisedProcess.run(
            "/bin/sh", ["-c", "echo out; echo err >&2; exit 4"], environment: [:], timeout: nil)
        #expect(outcome == .exited(4))
        #expect(output == "out\nerr\n")
    }

    // MARK: Links in the templates and content

    /// `Templates/assets` a link to `~/.ssh` published `assets/id_rsa`; a template that is a
    /// link to `/etc/passwd` was rendered into pages. Both are errors now, and nothing is written.
    @Test func linkedTemplatesAndAssetsAreRefused() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let secrets = site.temp.path + "/secrets"
        try site.temp.write("secrets/id_rsa", "PRIVATE KEY")
        let fm = FileManager.default
        let assets = site.templates + "/assets"
        try fm.removeItem(atPath: assets)
        try fm.createSymbolicLink(atPath: assets, withDestinationPath: secrets)
        try fm.createSymbolicLink(atPath: site.templates + "/partials/linked.mustache", withDestinationPath: secrets + "/id_rsa")
        let report = SiteBuilder(options: site.options()).run(write: true)
        let errors = report.diagnostics.errors.map { "\($0.code): \($0.message)" }
        #expect(
            errors == [
                "template.symlink: '\(site.templates)/partials/linked.mustache' is a symbolic link; sitegen reads only the files inside the templates folder",
                "load.symlink: the assets folder '\(assets)' is a symbolic link; sitegen reads only folders inside the project",
            ])
        #expect(!fm.fileExists(atPath: site.temp.path + "/Public"))
        #expect(!report.diagnostics.items.contains { $0.message.contains("PRIVATE KEY") })
    }

    @Test func aLinkedTemplatesOrContentFolderIsRefused() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let fm = FileManager.default
        try fm.moveItem(atPath: site.templates, toPath: site.temp.path + "/real-templates")
        try fm.createSymbolicLink(atPath: site.templates, withDestinationPath: site.temp.path + "/real-templates")
        try fm.moveItem(atPath: site.content, toPath: site.temp.path + "/real-content")
        try fm.createSymbolicLink(atPath: site.content, withDestinationPath: site.temp.path + "/real-content")
        var options = site.options()
        options.templatesDirectory += "/"  // a trailing slash does not make the link a folder
        let report = SiteBuilder(options: options).run(write: true)
        #expect(
            report.diagnostics.errors.map(\.message) == [
                "the content folder '\(site.content)' is a symbolic link; sitegen reads only folders inside the project",
                "the templates folder '\(site.templates)/' is a symbolic link; sitegen reads only folders inside the project",
            ])
        #expect(!fm.fileExists(atPath: site.temp.path + "/Public"))
    }

    // MARK: Output paths

    /// `--output .` crashed in deletingLastPathComponent, `..` left `....sitegen-lock`, and an
    /// output inside `Templates/assets` republished the previous build every time.
    @Test(arguments: [
        (".", "it is the project folder, or holds it, and would be replaced by the site"),
        ("./", "it is the project folder, or holds it, and would be replaced by the site"),
        (".//", "it is the project folder, or holds it, and would be replaced by the site"),
        ("..", "it is the project folder, or holds it, and would be replaced by the site"),
        ("/", "it is the root folder"),
        ("Content/../Content", "it holds the content folder 'Content', which would be replaced by the site"),
        ("Templates/assets/out", "it is inside the templates folder 'Templates', whose files the next build would read again"),
        ("Content/x", "it is inside the content folder 'Content', whose files the next build would read again"),
    ])
    func dangerousOutputsAreRefused(output: String, reason: String) throws {
        let temp = try TemporaryFolder()
        let problem = OutputPath.problem(output: output, content: "Content", templates: "Templates", in: temp.path + "/project")
        #expect(problem?.message == "refusing to write the site to '\(output)': \(reason)")
        #expect(problem?.severity == .error)
    }

    @Test(arguments: ["Public", "Public/.", "Public//", "~", "../site", "out/site", "./Public"])
    func ordinaryOutputsAreAccepted(output: String) throws {
        let temp = try TemporaryFolder()
        #expect(OutputPath.problem(output: output, content: "Content", templates: "Templates", in: temp.path + "/project") == nil)
    }

    @Test func outputPathsAreWorkedOutByName() {
        #expect(absolutePath(".", in: "/p/q") == "/p/q")
        #expect(absolutePath("Public/./", in: "/p/q") == "/p/q/Public")
        #expect(absolutePath("../x//y/..", in: "/p/q") == "/p/x")
        #expect(absolutePath("~", in: "/p") == "/p/~")
        #expect(absolutePath("../../..", in: "/p") == "/")
    }

    /// `--output Public/.` over a built site failed with "NSCocoaErrorDomain error 512" and
    /// left a copy `...sitegen-spare` inside `Public/`; `--output out/site` failed when `out/`
    /// did not exist.
    @Test func outputsWithDotsOrMissingParentsBuild() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        var options = site.options()
        options.outputDirectory = site.temp.path + "/Public/."
        #expect(SiteBuilder(options: options).run(write: true).succeeded)
        #expect(SiteBuilder(options: options).run(write: true).succeeded)
        let inside = try FileManager.default.contentsOfDirectory(atPath: site.temp.path + "/Public")
        #expect(inside.filter { $0.contains("sitegen") } == [OutputWriter.markerName])
        #expect(FileManager.default.fileExists(atPath: site.temp.path + "/.Public.sitegen-spare"))
        options.outputDirectory = site.temp.path + "/out/site"
        #expect(SiteBuilder(options: options).run(write: true).succeeded)
        #expect(FileManager.default.fileExists(atPath: site.temp.path + "/out/site/index.html"))
    }

    // MARK: Walks over content

    /// 11,000 events each `after:` the one before overflowed the stack (exit 139).
    @Test(.tags(.slow), .enabled(if: SlowTests.enabled, "slow: run with SITEGEN_SLOW_TESTS=1")) func aHundredThousandChainedEventsAreOrdered() {
        let count = 100_000
        let file = SourceFile(path: "Content/events/e.md", text: "---\nafter: [x]\n---\n")
        var events: [String: Event] = [:]
        for i in 0..<count {
            let after = i == 0 ? [] : [ContentReference(kind: .event, slug: "e\(i - 1)", fragment: nil, file: file, line: 2, column: .character(9))]
            events["e\(i)"] = Event(
                slug: "e\(i)", title: "Event \(count - i)", summary: nil, date: PartialDate(year: 2025, month: 8), end: nil,
                location: nil, people: [], organizations: [], topics: [], after: after, citations: [], updates: [],
                body: MarkdownSource(file: file, startLine: 4))
        }
        var order = TimelineOrder(events: events)
        let sorted = order.sorted()
        #expect(order.diagnostics.isEmpty)
        #expect(sorted.count == count)
        // By `after`, not by title (which runs the other way).
        #expect(sorted.prefix(3) == ["e0", "e1", "e2"])
        #expect(sorted.last == "e\(count - 1)")
    }

    @Test func aCycleAndAnImpossibleOrderAreStillReported() throws {
        let file = SourceFile(path: "Content/events/e.md", text: "---\nafter: [x]\n---\n")
        func event(_ slug: String, _ day: Int, after: [String]) -> Event {
            Event(
                slug: slug, title: slug, summary: nil, date: PartialDate(year: 2025, month: 8, day: day), end: nil,
                location: nil, people: [], organizations: [], topics: [],
                after: after.map { ContentReference(kind: .event, slug: $0, fragment: nil, file: file, line: 2, column: .character(9)) },
                citations: [], updates: [], body: MarkdownSource(file: file, startLine: 4))
        }
        var order = TimelineOrder(events: ["a": event("a", 2, after: ["c"]), "b": event("b", 2, after: ["a"]), "c": event("c", 2, after: ["b"]), "d": event("d", 1, after: ["a"])])
        _ = order.sorted()
        #expect(
            order.diagnostics.map(\.message) == [
                "'after' makes a cycle: 'a' comes after 'b' already",
                "'d' (2025-08-01) cannot come after 'a' (2025-08-02)",
            ])
    }

    // MARK: Diagnostics of a long body

    /// A body of 12,000 lines `[x](@people/nobody)` took 4.0 s to check: each diagnostic read
    /// the file again from its start. Now the text read again is kept for the next ones.
    @Test func manyDiagnosticsInOneFileReadItOnce() throws {
        let temp = try TemporaryFolder()
        let lines = (1...12_000).map { "line \($0)" }
        try temp.write("long.md", "---\ntitle: x\n---\n" + lines.joined(separator: "\n") + "\n")
        let path = temp.path + "/long.md"
        let file = SourceFile(path: path, text: try String(contentsOfFile: path, encoding: .utf8))
        file.releaseText(fromLine: 4)
        let wrong = (4...12_003).filter { file.line($0) != "line \($0 - 3)" }
        #expect(wrong.isEmpty)
        #expect(file.timesReadAgain == 1)
    }

    // MARK: Addresses and the calendar

    @Test(arguments: [
        ("https://example.org:99999/", "its port '99999' is not a number from 1 to 65535"),
        ("https://example.org:abc/", "its port 'abc' is not a number from 1 to 65535"),
        ("https://example.org:/", "its port '' is not a number from 1 to 65535"),
        ("https://user:pw@example.org/", "it holds a user name or password before '@', which would be published"),
        ("https://example.org/../x/", "its path has a '.' or '..' segment: write the address it leads to"),
        ("https://example.org/a/./b", "its path has a '.' or '..' segment: write the address it leads to"),
        ("https://example.org/%2E%2E/x", "its path has a '.' or '..' segment: write the address it leads to"),
        ("https://[::1/", "its host '[::1' is not a name or an IP address"),
        ("https://[zz]/", "its host '[zz]' is not an IPv6 address"),
        ("https://exa_mple.org/", "its host 'exa_mple.org' is not a host name (letters, digits and hyphens between dots)"),
        ("https://a..b/", "its host 'a..b' is not a host name (letters, digits and hyphens between dots)"),
    ])
    func badAddressesAreRefused(address: String, reason: String) {
        #expect(WebAddress.problem(with: address) == reason)
    }

    @Test(arguments: [
        "https://example.org/", "http://localhost:8080/x/", "https://[2001:db8::1]:443/news/", "https://example.org./",
        "https://a-b.example.org/a.b/..c/", "https://example.org/x?y=..#../z",
    ])
    func goodAddressesAreAccepted(address: String) {
        #expect(WebAddress.problem(with: address) == nil)
    }

    @Test func theCalendarsHostIsTheAddresssHost() {
        #expect(WebAddress.host(of: "https://[2001:db8::1]:8443/x/") == "[2001:db8::1]")
        #expect(WebAddress.host(of: "https://example.org:8443/x/") == "example.org")
    }

    /// A letter and 60 combining marks is one character of 121 octets: folding between
    /// characters wrote a 122-octet line. Lines are now cut between scalars.
    @Test func calendarLinesAreFoldedBetweenScalars() {
        let long = "SUMMARY:" + "e" + String(repeating: "\u{0301}", count: 60) + " and more text after it"
        var out = ""
        Exports.fold(long, into: &out)
        // In octets: a continuation line's space and the combining mark after it are one Character.
        let lines = Array(out.utf8).split(separator: 0x0A).map { Array($0) }
        #expect(lines.count > 1)
        #expect(lines.dropLast().allSatisfy { $0.last == 0x0D })
        let content = lines.map { $0.last == 0x0D ? Array($0.dropLast()) : $0 }
        #expect(content.allSatisfy { $0.count <= 75 })
        #expect(content.dropFirst().allSatisfy { $0.first == 0x20 })
        #expect(content[0] + content.dropFirst().flatMap { $0.dropFirst() } == Array(long.utf8))
    }

    // MARK: The second look (a review of this change)

    /// Pagefind named files after the `lang` it read off the pages: a template's
    /// `<html lang="../../../x">` made it write outside the site. The language is now forced
    /// from site.md's, which must be a language tag.
    @Test func pagefindIsGivenTheSitesLanguage() throws {
        let temp = try TemporaryFolder()
        let record = temp.path + "/pagefind.txt"
        let (_, report) = try SearchTests.build(pagefind: Self.recorder(record, then: "mkdir \"$2/pagefind\""))
        #expect(report.succeeded)
        #expect(try Self.lines(record).contains { $0.hasSuffix(" --force-language en --silent") })
        #expect(SearchIndex.arguments(site: "/s", language: "es-MX") == ["--site", "/s", "--output-subdir", "pagefind", "--force-language", "es-MX", "--silent"])
    }

    @Test(arguments: ["../../x", "en us", "e", "en-", "<b>"])
    func aLanguageThatIsNotATagIsAnError(language: String) throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try site.setOrAdd(site.content + "/site.md", "language", "\"\(language)\"")
        let report = SiteBuilder(options: site.options()).run(write: false)
        #expect(report.diagnostics.errors.map(\.code) == ["frontmatter.invalid-language"])
    }

    /// `search-timeout: 9223372036854775807` overflowed into a crash.
    @Test func aHugeSearchTimeoutIsAnError() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try site.setOrAdd(site.content + "/site.md", "search-timeout", "9223372036854775807")
        let report = SiteBuilder(options: site.options()).run(write: false)
        #expect(report.diagnostics.errors.map(\.message) == ["'search-timeout' is at most 86400, not 9223372036854775807"])
        let (outcome, _) = try SupervisedProcess.run("/bin/sh", ["-c", "exit 0"], environment: [:], timeout: .seconds(Int64.max))
        #expect(outcome == .exited(0))
    }

    /// A bare `SITEGEN_PAGEFIND=pagefind` ran `./pagefind` from the project: it is looked up
    /// on PATH.
    @Test func aBareSettingIsLookedUpOnPath() throws {
        let temp = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: temp.path + "/bin", withIntermediateDirectories: true)
        try SearchTests.script(temp.path + "/bin/my-pagefind", "exit 0")
        #expect(SearchIndex.find(environment: ["SITEGEN_PAGEFIND": "my-pagefind", "PATH": temp.path + "/bin"]) == .found(temp.path + "/bin/my-pagefind"))
        #expect(SearchIndex.find(environment: ["SITEGEN_PAGEFIND": "my-pagefind", "PATH": temp.path + "/empty"]) == .badSetting("my-pagefind"))
    }

    /// A project could ship `.Public.sitegen-lock` as a link: a build created the file it
    /// pointed to, or waited for ever on a lock held elsewhere.
    @Test func aLockFileThatIsALinkIsRefused() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let target = site.temp.path + "/elsewhere"
        try FileManager.default.createSymbolicLink(atPath: site.temp.path + "/.Public.sitegen-lock", withDestinationPath: target)
        let report = SiteBuilder(options: site.options()).run(write: true)
        #expect(report.diagnostics.errors.map(\.code) == ["write.lock"])
        #expect(report.diagnostics.errors.first?.message.contains("is a symbolic link") == true)
        #expect(!FileManager.default.fileExists(atPath: target))
        #expect(!report.didWrite)
    }

    /// A shipped spare (or an output) with `index.html` a link failed every build after the
    /// first ("Too many levels of symbolic links"); a spare that is itself a link would have
    /// had the folder it points to pruned.
    @Test func linksInTheSpareAreReplacedAndASpareThatIsALinkIsNotUsed() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let fm = FileManager.default
        try site.temp.write("victim/target", "secret")
        let spare = site.temp.path + "/.Public.sitegen-spare"
        try site.temp.write(".Public.sitegen-spare/" + OutputWriter.markerName, OutputWriter.markerText)
        try fm.createSymbolicLink(atPath: spare + "/index.html", withDestinationPath: site.temp.path + "/victim/target")
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        #expect(site.temp.read("victim/target") == "secret")
        #expect(site.temp.read("Public/index.html")?.contains("<!DOCTYPE html>") == true)
        // A spare that is a link to another sitegen folder: left alone, and its target too.
        try fm.removeItem(atPath: spare)
        try site.temp.write("other/" + OutputWriter.markerName, OutputWriter.markerText)
        try site.temp.write("other/keep.txt", "keep")
        try fm.createSymbolicLink(atPath: spare, withDestinationPath: site.temp.path + "/other")
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        #expect(site.temp.read("other/keep.txt") == "keep")
    }

    /// `--templates Templates/.` (or `Templates/partials/..`) with `Templates` a link passed
    /// the check: a folder given is worked out by name before it is looked at.
    @Test(arguments: ["/.", "/partials/..", "//"])
    func aLinkedFolderIsRefusedWhateverItsSpelling(suffix: String) throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let fm = FileManager.default
        try fm.moveItem(atPath: site.templates, toPath: site.temp.path + "/real-templates")
        try fm.createSymbolicLink(atPath: site.templates, withDestinationPath: site.temp.path + "/real-templates")
        var options = site.options()
        options.templatesDirectory += suffix
        let report = SiteBuilder(options: options).run(write: true)
        #expect(report.diagnostics.errors.map(\.code) == ["load.symlink"])
    }
}
