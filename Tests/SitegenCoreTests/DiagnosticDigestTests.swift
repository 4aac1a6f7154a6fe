import Foundation
import Testing

@testable import SitegenCore

@Suite("Many diagnostics: the first in full, the rest counted")
struct DiagnosticDigestTests {
    static func diagnostic(_ severity: Diagnostic.Severity, _ code: String, _ path: String, _ line: Int) -> Diagnostic {
        Diagnostic(severity, code: code, message: "m\(line)", position: SourcePosition(path: path, line: line, column: 1), sourceLine: nil, hint: nil)
    }

    @Test func errorsComeFirstAndTheRestIsCountedByKindAndFile() {
        let all = [
            Self.diagnostic(.warning, "figure.unsourced", "a.md", 1),
            Self.diagnostic(.error, "quote.not-found", "a.md", 2),
            Self.diagnostic(.error, "frontmatter.unknown-key", "b.md", 1),
            Self.diagnostic(.error, "frontmatter.unknown-key", "b.md", 2),
            Self.diagnostic(.warning, "figure.unsourced", "c.md", 1),
        ]
        let digest = DiagnosticDigest(all, limit: 2)
        // The first two errors, in file order; a warning before them waits.
        #expect(digest.shown == [all[1], all[2]])
        #expect(digest.moreErrors == 1 && digest.moreWarnings == 2)
        #expect(digest.byKind == [.init(name: "figure.unsourced", count: 2), .init(name: "frontmatter.unknown-key", count: 1)])
        #expect(digest.byFile == [.init(name: "a.md", count: 1), .init(name: "b.md", count: 1), .init(name: "c.md", count: 1)])
        #expect(
            digest.text == """
                a.md:2:1: error: m2 [quote.not-found]
                b.md:1:1: error: m1 [frontmatter.unknown-key]
                … 1 more error and 2 more warnings not shown (--error-limit 0 shows every one):
                  by kind: figure.unsourced 2, frontmatter.unknown-key 1
                  by file: a.md 1, b.md 1, c.md 1

                """)
        // No limit, or fewer than it: every one, nothing counted.
        #expect(DiagnosticDigest(all, limit: 0).shown == all)
        #expect(DiagnosticDigest(all, limit: 5).isComplete)
    }

    @Test func aHundredThousandErrorsStaySmall() {
        let all = (0..<100_000).map { i in Self.diagnostic(.error, "frontmatter.unknown-key", "Content/briefs/b\(i / 10).md", i % 10 + 1) }
        let digest = DiagnosticDigest(all, limit: DiagnosticDigest.defaultLimit)
        #expect(digest.shown.count == 50)
        #expect(digest.byFile.count == 9_995)
        let text = digest.text
        #expect(text.hasSuffix(", and 9,975 more files with 99,750\n"))
        #expect(text.utf8.count < 10_000)
    }

    @Test func numbersAreGroupedByThousands() {
        #expect(DiagnosticDigest.number(0) == "0")
        #expect(DiagnosticDigest.number(999) == "999")
        #expect(DiagnosticDigest.number(1_000) == "1,000")
        #expect(DiagnosticDigest.number(99_950) == "99,950")
        #expect(DiagnosticDigest.number(1_234_567) == "1,234,567")
    }
}
