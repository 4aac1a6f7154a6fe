import Foundation
import Testing

@testable import SitegenCore

/// Text with a `1️⃣` marking where a diagnostic is expected, as swift-syntax's tests do.
struct Marked {
    let text: String
    let line: Int?
    let column: Int?

    init(_ marked: String) {
        var line = 1
        var column = 1
        var found: (Int, Int)?
        var clean = ""
        var rest = Substring(marked)
        while let ch = rest.first {
            if rest.hasPrefix("1️⃣") {
                found = (line, column)
                rest = rest.dropFirst("1️⃣".count)
                continue
            }
            clean.append(ch)
            if ch == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            rest = rest.dropFirst()
        }
        text = clean
        self.line = found?.0
        self.column = found?.1
    }
}

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        .path

    static func path(_ relative: String) -> String { root + "/" + relative }
}

/// A temporary folder removed when the test ends.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "sitegen-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func write(_ relative: String, _ text: String) throws {
        let target = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
    }

    func read(_ relative: String) -> String? {
        try? String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }
}

/// Parses a file's text with the front matter parser, as `path` `test.md`.
func parseFrontMatter(_ text: String) -> (FrontMatterDocument?, [Diagnostic]) {
    FrontMatterParser.parse(SourceFile(path: "test.md", text: text))
}

/// Every file below `folder`, by relative path, as text.
func tree(_ folder: String) -> [String: String] {
    var out: [String: String] = [:]
    let fm = FileManager.default
    for relative in fm.subpaths(atPath: folder) ?? [] {
        var isDirectory: ObjCBool = false
        let path = folder + "/" + relative
        if fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            out[relative] = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "<binary>"
        }
    }
    return out
}


/// Parses content files as the build's first pass does, without rendering their bodies.
func parseContent(_ loaded: LoadedContent, includeDrafts: Bool) -> (ContentSet, [Diagnostic]) {
    ContentParser(includeDrafts: includeDrafts).assemble(
        site: loaded.site, files: loaded.files, parsed: loaded.files.map { ContentParser.parse($0) })
}

/// Reads a content folder as the build does.
func loadContent(_ folder: String) -> LoadedContent {
    let (discovered, found) = ContentLoader(contentDirectory: folder).discover()
    var loaded = discovered
    for file in found {
        let (read, problems) = ContentLoader.read(file)
        loaded.diagnostics += problems
        if let read { loaded.files.append(read) }
    }
    return loaded
}

extension Tag {
    /// The slow tests: random edits, concurrent builds, pathological inputs, the preview
    /// server over HTTP. `swift test` skips them; `SITEGEN_SLOW_TESTS=1 swift test` (as CI
    /// does) runs them too.
    @Tag static var slow: Self
}

/// Whether the slow tests run (`SITEGEN_SLOW_TESTS=1`).
enum SlowTests {
    static let enabled = ProcessInfo.processInfo.environment["SITEGEN_SLOW_TESTS"] == "1"
}
