import Foundation
import Testing

@testable import SitegenCore

/// `docs/template-values.md` is made from the page models: it is current, and it says what the
/// compiler binds.
@Suite("The template values reference")
struct TemplateReferenceTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/template-values.md").path

    @Test func theReferenceIsCurrent() throws {
        let made = TemplateReference.markdown
        if ProcessInfo.processInfo.environment["SITEGEN_RECORD"] == "1" {
            try made.write(toFile: Self.file, atomically: true, encoding: .utf8)
        }
        let written = try String(contentsOfFile: Self.file, encoding: .utf8)
        #expect(written == made, "docs/template-values.md is stale: SITEGEN_RECORD=1 swift test --filter TemplateReference writes it")
    }

    /// Every page template has its section, and the values a brief's page reads are listed
    /// with their kinds (a value added to a model appears here).
    @Test func everyPageTemplateAndItsValuesAreListed() {
        let made = TemplateReference.markdown
        for template in TemplateSet.pageTemplates {
            #expect(made.contains("`\(template)`"), "\(template)")
        }
        #expect(made.contains("| `readingMinutes` | number |"))
        #expect(made.contains("| `sources` | list of source list entry |"))
        #expect(made.contains("| `jsonLD` | HTML |"))
        #expect(made.contains("### chip\n"))
        #expect(made.contains("### `partials/cached/event`: event row"))
    }
}
