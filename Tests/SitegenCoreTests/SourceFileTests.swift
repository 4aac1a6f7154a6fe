import Foundation
import Testing

@testable import SitegenCore

/// A build keeps only the front matter of a file whose body it has rendered; a diagnostic that
/// quotes a body line afterwards reads the line from the file again.
@Suite("A file's text can be let go of once its body is rendered")
struct SourceFileTests {
    static let text = "---\ntitle: Été\n---\nFirst line.\r\nSee «@people/nobody» here.\n"

    @Test func theFrontMatterStaysAndBodyLinesAreReadAgain() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.md", Self.text)
        let file = SourceFile(path: folder.path + "/a.md", text: Self.text)
        let copy = file
        file.releaseText(fromLine: 4)
        #expect(!copy.holdsWholeText, "copies share the storage")
        #expect(copy.line(2) == "title: Été")
        #expect(copy.line(4) == "First line.", "read again, without its CR")
        #expect(copy.line(5) == "See «@people/nobody» here.")
        #expect(copy.characterColumn(line: 5, byteColumn: 8) == 7, "a byte column on a line read again")
        #expect(copy.text == Self.text)
        #expect(copy.line(9) == "")
    }

    @Test func aFileThatChangedSizeQuotesNoLineAndDoesNotCrash() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.md", Self.text)
        let file = SourceFile(path: folder.path + "/a.md", text: Self.text)
        file.releaseText(fromLine: 4)
        try folder.write("a.md", "---\n")
        #expect(file.line(2) == "title: Été", "still held")
        #expect(file.line(5) == "")
        #expect(file.text == "")
        try folder.write("a.md", String(repeating: "x", count: Self.text.utf8.count))
        #expect(file.line(5) == "", "the same size, but fewer lines")
        try FileManager.default.removeItem(atPath: folder.path + "/a.md")
        #expect(file.line(4) == "")
    }

    @Test func aBuildLetsGoOfRenderedBodiesButNotOfSourceDocuments() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let builder = SiteBuilder(options: site.options())
        let found = ContentLoader(contentDirectory: site.content).discover().1
        let parser = ContentParser(includeDrafts: false)
        let results = builder.readParseAndRender(
            found, parser: parser, scratch: nil, ids: .footnotes, limits: ContentLimits(),
            releasingTexts: true)
        let held = Dictionary(
            uniqueKeysWithValues: results.compactMap { $0.file }.map { ($0.id, $0.source.holdsWholeText) })
        #expect(held[DocumentID(.brief, "alpha")] == false)
        #expect(held[DocumentID(.source, "wire-report")] == true, "the quote check reads it")
        let kept = builder.readParseAndRender(
            found, parser: parser, scratch: nil, ids: .footnotes, limits: ContentLimits())
        #expect(kept.compactMap { $0.file }.allSatisfy { $0.source.holdsWholeText }, "serve keeps them")
    }
}
