import Foundation
import Testing

@testable import SitegenCore

/// The repository's own `Content/` and `Templates/`, built as the site is published.
enum RealSite {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let content = repository + "/Content"
    static let templates = repository + "/Templates"
    /// A copy of `../shared/sources/mexico-us-security-2025-08.txt`, so a fresh clone can check quotes.
    static let article = Fixtures.path("source-article.txt")

    /// Curly quotes and apostrophes may be straight in the content; nothing else may differ.
    static func normalized(_ text: String) -> String {
        var out = ""
        var lastWasSpace = false
        for ch in text {
            let mapped: Character =
                switch ch {
                case "“", "”": "\""
                case "‘", "’": "'"
                default: ch
                }
            if mapped.isWhitespace {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
            } else {
                out.append(mapped)
                lastWasSpace = false
            }
        }
        return out
    }

    /// Every span between double quotation marks in `text` (straight or curly).
    static func quotedSpans(_ text: String) -> [String] {
        var spans: [String] = []
        var current: String?
        for ch in text {
            if ch == "\"" || ch == "“" || ch == "”" {
                if let open = current {
                    spans.append(open)
                    current = nil
                } else {
                    current = ""
                }
            } else if current != nil {
                current!.append(ch)
            }
        }
        return spans
    }
}

extension String {
    /// A quote may start lower-case where the original starts a sentence ("earlier this month").
    var capitalizingFirst: String { prefix(1).uppercased() + dropFirst() }
}

@Suite("The real explainer content", .serialized)
struct RealContentTests {
    @Test func buildsWithNoErrorOrWarning() throws {
        let temp = try TemporaryFolder()
        let report = SiteBuilder(
            options: BuildOptions(
                contentDirectory: RealSite.content, templatesDirectory: RealSite.templates,
                outputDirectory: temp.path + "/Public")
        ).run(write: true)
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
        let report = SiteBuilder(
            options: BuildOptions(
                contentDirectory: RealSite.content, templatesDirectory: RealSite.templates, outputDirectory: output)
        ).run(write: true)
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

    @Test func everyQuoteAppearsVerbatimInTheSourceArticle() throws {
        let article = RealSite.normalized(try String(contentsOfFile: RealSite.article, encoding: .utf8))
        let (content, _) = parseContent(loadContent(RealSite.content), includeDrafts: true)
        var checked = 0
        var missing: [String] = []
        func check(_ quote: String) {
            checked += 1
            if !article.contains(RealSite.normalized(quote))
                && !article.contains(RealSite.normalized(quote.capitalizingFirst))
            {
                missing.append(quote)
            }
        }
        // Quotes in profiles' front matter.
        for person in content.people {
            person.quotes.forEach { check($0.text) }
        }
        // Every span in quotation marks in any body, summary or title.
        var texts = content.briefs.flatMap { [$0.body.text, $0.summary, $0.title] }
        texts += content.people.flatMap { [$0.body.text, $0.summary] }
        texts += content.organizations.flatMap { [$0.body.text, $0.summary, $0.name] }
        texts += content.events.flatMap { [$0.body.text, $0.title] }
        texts += content.topics.flatMap { [$0.body.text, $0.summary] }
        texts += content.pages.map(\.body.text) + [content.site?.body.text ?? ""]
        for text in texts {
            // A Markdown blockquote's "> " markers are not part of what it quotes.
            RealSite.quotedSpans(text.replacingOccurrences(of: "\n> ", with: "\n")).forEach(check)
        }
        #expect(checked > 50)
        #expect(missing.isEmpty, "not in the source article:\n\(missing.joined(separator: "\n"))")
    }

    static let sharedArticle = RealSite.repository + "/../shared/sources/mexico-us-security-2025-08.txt"

    /// Only where the shared folder sits beside the repository (development); a fresh clone
    /// elsewhere reports the test as skipped, not as passed.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: sharedArticle)))
    func theCopyOfTheSourceArticleIsExact() throws {
        let original = try #require(FileManager.default.contents(atPath: Self.sharedArticle))
        #expect(FileManager.default.contents(atPath: RealSite.article) == original)
    }

    @Test func briefsAreBetween400And900Words() throws {
        let (content, _) = parseContent(loadContent(RealSite.content), includeDrafts: false)
        let renderer = MarkdownRenderer()
        #expect(content.briefs.count >= 6)
        for brief in content.briefs {
            let words = renderer.render(brief.body, rootPrefix: "../../").wordCount
            #expect((400...900).contains(words), "\(brief.slug): \(words) words")
        }
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
