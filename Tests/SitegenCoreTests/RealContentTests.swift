import Foundation
import Testing

@testable import SitegenCore

/// The repository's own `Content/` and `Templates/`, built as the site is published.
enum RealSite {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let content = repository + "/Content"
    static let templates = repository + "/Templates"
    /// The source report, as `Content/sources/` holds it: the build proves every quote against it.
    static let article = content + "/sources/mexico-us-security-report.md"

    /// Options for a build of the real site into `output`, with a stand-in for Pagefind (the
    /// site has `search: true`) written into `temp`: unit tests do not need Pagefind installed,
    /// and its index is not byte-reproducible. `Tests/site/search.py` checks the real index.
    static func options(
        _ temp: TemporaryFolder, output: String, baseURL: String? = nil, jobs: Int = BuildOptions.defaultJobs
    ) throws -> BuildOptions {
        let standIn = temp.path + "/pagefind-stand-in"
        try SearchTests.script(standIn, "mkdir \"$2/pagefind\" && echo '{}' > \"$2/pagefind/pagefind-entry.json\"")
        var options = BuildOptions(
            contentDirectory: content, templatesDirectory: templates, outputDirectory: output, baseURL: baseURL,
            jobs: jobs)
        options.environment = ["SITEGEN_PAGEFIND": standIn]
        return options
    }
}

@Suite("The real explainer content", .serialized)
struct RealContentTests {
    @Test func buildsWithNoErrorOrWarning() throws {
        let temp = try TemporaryFolder()
        let report = SiteBuilder(options: try RealSite.options(temp, output: temp.path + "/Public")).run(write: true)
        #expect(report.diagnostics.items.isEmpty, "\(DiagnosticFormatter.format(report.diagnostics.sorted))")
        #expect(report.pageCount > 40)
        // Every date on every page, in cards and event rows too, has its ISO form and its text.
        var times = 0
        for path in FileManager.default.subpaths(atPath: temp.path + "/Public") ?? [] where path.hasSuffix(".html") {
            let html = temp.read("Public/" + path) ?? ""
            times += html.components(separatedBy: "<time ").count - 1
            #expect(!html.contains("<time datetime=\"\">") && !html.contains("\"></time>"), "\(path)")
        }
        #expect(times > 200)
    }

    @Test func everyProfileOrganizationAndEventIsWithinThreeClicksOfHome() throws {
        let temp = try TemporaryFolder()
        let output = temp.path + "/Public"
        let report = SiteBuilder(options: try RealSite.options(temp, output: output)).run(write: true)
        try #require(report.succeeded)

        // Breadth-first over the links of the built pages, following relative hrefs only.
        var depth: [String: Int] = ["index.html": 0]
        var queue = ["index.html"]
        while !queue.isEmpty {
            let page = queue.removeFirst()
            guard let html = temp.read("Public/" + page), depth[page]! < 3 else { continue }
            for href in Self.hrefs(in: html) {
                guard let target = Self.resolve(href, from: page), depth[target] == nil,
                    FileManager.default.fileExists(atPath: output + "/" + target)
                else { continue }
                depth[target] = depth[page]! + 1
                queue.append(target)
            }
        }
        for kind in [ContentKind.person, .organization, .event] {
            let files = try FileManager.default.contentsOfDirectory(atPath: RealSite.content + "/" + kind.folder)
            for file in files where file.hasSuffix(".md") {
                let page = ContentURL.path(kind, String(file.dropLast(3))) + "index.html"
                #expect(depth[page] != nil, "\(page) is not reachable from the home page within three clicks")
            }
        }
    }

    static let sharedArticle = RealSite.repository + "/../shared/sources/mexico-us-security-2025-08.txt"

    /// Only where the shared folder sits beside the repository (development); a fresh clone
    /// elsewhere reports the test as skipped, not as passed.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedArticle)))
    func theCopyOfTheSourceArticleIsExact() throws {
        let original = try String(contentsOfFile: Self.sharedArticle, encoding: .utf8)
        let document = try String(contentsOfFile: RealSite.article, encoding: .utf8)
        let body = try #require(document.range(of: "\n---\n")).upperBound
        // The report's paragraphs, one line each in the text received, are separated by blank
        // lines in the document (a blank line ends a paragraph for the quote check).
        let paragraphs = { (text: Substring) in text.split(separator: "\n", omittingEmptySubsequences: true) }
        #expect(paragraphs(document[body...]) == paragraphs(original[...]), "the document's text is the report as received")
        #expect(document[body...].contains("\n\n"))
    }

    static func hrefs(in html: String) -> [String] {
        html.components(separatedBy: "href=\"").dropFirst().compactMap {
            $0.split(separator: "\"").first.map(String.init)
        }
    }

    /// A relative href from `page` as a path below the site root, ending in `index.html` for folders.
    static func resolve(_ href: String, from page: String) -> String? {
        guard !href.contains("://"), !href.hasPrefix("/"), !href.hasPrefix("mailto:") else { return nil }
        let path = href.split(separator: "#", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard !path.isEmpty else { return nil }
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for component in path.split(separator: "/") {
            if component == ".." {
                if !parts.isEmpty { parts.removeLast() }
            } else if component != "." {
                parts.append(String(component))
            }
        }
        var result = parts.joined(separator: "/")
        if path.hasSuffix("/") || result.isEmpty { result += result.isEmpty ? "index.html" : "/index.html" }
        return result
    }
}
