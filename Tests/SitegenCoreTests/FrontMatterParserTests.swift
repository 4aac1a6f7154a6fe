import Testing
import Yams

@testable import SitegenCore

/// A front matter value as a plain tree, to compare our parser with a YAML parser.
indirect enum Tree: Equatable, CustomStringConvertible {
    case text(String)
    case list([Tree])
    case map([String: Tree])

    var description: String {
        switch self {
        case .text(let s): "\"\(s)\""
        case .list(let l): "[\(l.map(\.description).joined(separator: ", "))]"
        case .map(let m): "{\(m.keys.sorted().map { "\($0): \(m[$0]!)" }.joined(separator: ", "))}"
        }
    }

    init(_ map: FrontMatterMap) {
        self = .map(Dictionary(uniqueKeysWithValues: map.entries.map { ($0.key, Tree($0.value)) }))
    }

    init(_ value: FrontMatterValue) {
        switch value {
        case .scalar(let s): self = .text(s.text)
        case .list(let items, _, _):
            self = .list(
                items.map {
                    switch $0 {
                    case .scalar(let s): .text(s.text)
                    case .map(let m): Tree(m)
                    }
                })
        }
    }

    /// The same document as Yams (libyaml) reads it: scalars as their strings, whatever their tag.
    init?(yaml node: Yams.Node) {
        switch node {
        case .scalar(let s): self = .text(s.string)
        case .sequence(let seq):
            var items: [Tree] = []
            for item in seq {
                guard let t = Tree(yaml: item) else { return nil }
                items.append(t)
            }
            self = .list(items)
        case .mapping(let mapping):
            var out: [String: Tree] = [:]
            for (key, value) in mapping {
                guard case .scalar(let k) = key, let v = Tree(yaml: value) else { return nil }
                out[k.string] = v
            }
            self = .map(out)
        }
    }
}

struct AcceptedCase: CustomTestStringConvertible, Sendable {
    let name: String
    let yaml: String
    let expected: [String: Tree]
    var testDescription: String { name }
}

@Suite("Front matter: what the subset accepts, and what it means")
struct FrontMatterAcceptedTests {
    static let cases: [AcceptedCase] = [
        .init(name: "'no' is text, not a boolean", yaml: "title: no", expected: ["title": .text("no")]),
        .init(name: "'1.10' is text, not a number", yaml: "title: 1.10", expected: ["title": .text("1.10")]),
        .init(
            name: "a date-looking value stays text", yaml: "date: 2025-08-27", expected: ["date": .text("2025-08-27")]),
        .init(name: "a quoted colon", yaml: "title: \"a: b\"", expected: ["title": .text("a: b")]),
        .init(name: "' #' starts a comment", yaml: "title: Rubio # who", expected: ["title": .text("Rubio")]),
        .init(name: "'#' inside a word is text", yaml: "title: C#minor", expected: ["title": .text("C#minor")]),
        .init(name: "single quotes double up", yaml: "title: 'it''s'", expected: ["title": .text("it's")]),
        .init(
            name: "double-quoted escapes", yaml: #"title: "caf\u00e9 \"x\" a\\b\tc""#,
            expected: ["title": .text("café \"x\" a\\b\tc")]),
        .init(
            name: "Spanish accents in a plain value", yaml: "name: Gerardo Fernández Noroña",
            expected: ["name": .text("Gerardo Fernández Noroña")]),
        .init(
            name: "quotes inside a plain value", yaml: "name: Alejandro \"Alito\" Moreno",
            expected: ["name": .text("Alejandro \"Alito\" Moreno")]),
        .init(
            name: "curly quotes and apostrophes", yaml: "title: Rubio’s “fourth” visit",
            expected: ["title": .text("Rubio’s “fourth” visit")]),
        .init(
            name: "folded block", yaml: "summary: >\n  folded\n  text\n\n  next paragraph\n",
            expected: ["summary": .text("folded text\nnext paragraph\n")]),
        .init(
            name: "literal block", yaml: "summary: |\n  line one\n  line two\n",
            expected: ["summary": .text("line one\nline two\n")]),
        .init(name: "folded, strip", yaml: "summary: >-\n  a\n  b\n", expected: ["summary": .text("a b")]),
        .init(name: "literal, keep", yaml: "summary: |+\n  a\n\n", expected: ["summary": .text("a\n\n\n")]),
        .init(
            name: "inline list", yaml: "people: [claudia-sheinbaum, marco-rubio]",
            expected: ["people": .list([.text("claudia-sheinbaum"), .text("marco-rubio")])]),
        .init(name: "empty inline list", yaml: "people: []", expected: ["people": .list([])]),
        .init(
            name: "inline list with quoted items", yaml: "aliases: ['Alito', \"a, b\"]",
            expected: ["aliases": .list([.text("Alito"), .text("a, b")])]),
        .init(
            name: "block list with a comment", yaml: "people:\n  # the two leaders\n  - a\n  - b # second",
            expected: ["people": .list([.text("a"), .text("b")])]),
        .init(
            name: "list of maps",
            yaml:
                "sources:\n  - publisher: El Universal\n    title: Noroña describes the attack\n    date: 2025-08-27\n  - publisher: Associated Press",
            expected: [
                "sources": .list([
                    .map([
                        "publisher": .text("El Universal"), "title": .text("Noroña describes the attack"),
                        "date": .text("2025-08-27"),
                    ]),
                    .map(["publisher": .text("Associated Press")]),
                ])
            ]),
        .init(
            name: "block text inside a list of maps",
            yaml:
                "quotes:\n  - text: >\n      Let it be clear:\n      the first physical aggression came from Noroña.\n    source: El Universal",
            expected: [
                "quotes": .list([
                    .map([
                        "text": .text("Let it be clear: the first physical aggression came from Noroña.\n"),
                        "source": .text("El Universal"),
                    ])
                ])
            ]),
        .init(
            name: "blank lines and comments between keys", yaml: "# site\ntitle: A\n\n# more\nlanguage: en",
            expected: ["title": .text("A"), "language": .text("en")]),
        .init(
            name: "a hyphen inside a value", yaml: "title: U.S.-Mexico - talks",
            expected: ["title": .text("U.S.-Mexico - talks")]),
    ]

    @Test(arguments: cases)
    func parsesTo(_ c: AcceptedCase) throws {
        let (document, diagnostics) = parseFrontMatter("---\n\(c.yaml)\n---\nbody\n")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(DiagnosticFormatter.format))")
        let map = try #require(document?.map)
        #expect(Tree(map) == .map(c.expected))
    }

    @Test("a YAML 1.2 parser reads the same strings", arguments: cases)
    func agreesWithYAML(_ c: AcceptedCase) throws {
        // In a file the front matter's last line ends with a newline before the closing '---'.
        let node = try #require(try Yams.compose(yaml: c.yaml + "\n"))
        #expect(Tree(yaml: node) == .map(c.expected))
    }

    @Test func bodyStartsAfterTheClosingLine() throws {
        let (document, _) = parseFrontMatter("---\ntitle: A\npeople:\n  - a\n---\n# Heading\n")
        let d = try #require(document)
        #expect(d.bodyStartLine == 6)
        #expect(d.body == "# Heading\n")
    }

    @Test func positionsOfValuesAreKept() throws {
        let (document, _) = parseFrontMatter("---\ntitle:   Fernández\npeople: [a,  b]\n---\n")
        let map = try #require(document?.map)
        guard case .scalar(let title) = map["title"]?.value, case .list(let people, _, _) = map["people"]?.value,
            case .scalar(let b) = people[1]
        else {
            Issue.record("unexpected shapes")
            return
        }
        #expect((title.line, title.column) == (2, 10))
        #expect((b.line, b.column) == (3, 14))
    }

    @Test func crlfLineEndingsAreAccepted() throws {
        let (document, diagnostics) = parseFrontMatter("---\r\ntitle: A\r\npeople:\r\n  - a\r\n---\r\nbody")
        #expect(diagnostics.isEmpty)
        #expect(try Tree(#require(document?.map)) == .map(["title": .text("A"), "people": .list([.text("a")])]))
    }
}

struct RejectedCase: CustomTestStringConvertible, Sendable {
    let name: String
    /// Front matter lines; `1️⃣` marks where the error is reported. Line 1 is the opening `---`.
    let yaml: String
    let code: String
    var testDescription: String { name }
}

@Suite("Front matter: every error, at its line and column")
struct FrontMatterRejectedTests {
    static let cases: [RejectedCase] = [
        .init(name: "tab indentation", yaml: "people:\n1️⃣\t- a", code: "frontmatter.tab"),
        .init(name: "duplicate key", yaml: "title: a\n1️⃣title: b", code: "frontmatter.duplicate-key"),
        .init(name: "anchor", yaml: "title: 1️⃣&x a", code: "frontmatter.anchor"),
        .init(name: "alias", yaml: "title: 1️⃣*x", code: "frontmatter.anchor"),
        .init(name: "tag", yaml: "title: 1️⃣!!str a", code: "frontmatter.tag"),
        .init(name: "flow map", yaml: "title: 1️⃣{a: b}", code: "frontmatter.flow-map"),
        .init(name: "flow map inside a list", yaml: "people: [a1️⃣: b]", code: "frontmatter.colon-in-value"),
        .init(name: "nested map", yaml: "title:\n  1️⃣sub: x", code: "frontmatter.nested-map"),
        .init(name: "colon in a plain value", yaml: "title: Fernández1️⃣: x", code: "frontmatter.colon-in-value"),
        .init(
            name: "colon after a decomposed accent (columns count characters, not scalars)",
            yaml: "title: Jose\u{301} Mari\u{301}a1️⃣: x", code: "frontmatter.colon-in-value"),
        .init(name: "unclosed double quote", yaml: "title: 1️⃣\"abc", code: "frontmatter.unclosed-quote"),
        .init(name: "unclosed single quote", yaml: "title: 'it'1️⃣s", code: "frontmatter.trailing-text"),
        .init(name: "text after a quote", yaml: "name: \"Alito\"1️⃣ Moreno", code: "frontmatter.trailing-text"),
        .init(name: "unknown escape", yaml: "title: \"a1️⃣\\x\"", code: "frontmatter.invalid-escape"),
        .init(name: "plain value over two lines", yaml: "title: a\n  1️⃣b", code: "frontmatter.multiline-plain"),
        .init(name: "space before colon", yaml: "title1️⃣ : a", code: "frontmatter.space-before-colon"),
        .init(name: "no space after colon", yaml: "title:1️⃣a", code: "frontmatter.expected-space"),
        .init(name: "upper-case key", yaml: "1️⃣Title: a", code: "frontmatter.invalid-key"),
        .init(name: "key with underscore", yaml: "1️⃣short_name: a", code: "frontmatter.invalid-key"),
        .init(name: "quoted key", yaml: "1️⃣\"title\": a", code: "frontmatter.quoted-key"),
        .init(name: "no value", yaml: "1️⃣people:", code: "frontmatter.missing-value"),
        .init(name: "reserved @", yaml: "title: 1️⃣@sheinbaum", code: "frontmatter.reserved-indicator"),
        .init(name: "reserved backtick", yaml: "title: 1️⃣`x`", code: "frontmatter.reserved-indicator"),
        .init(name: "value starting with '- '", yaml: "title: 1️⃣- a", code: "frontmatter.reserved-indicator"),
        .init(name: "document end marker", yaml: "1️⃣...", code: "frontmatter.multiple-documents"),
        .init(name: "directive", yaml: "1️⃣%YAML 1.2", code: "frontmatter.directive"),
        .init(name: "list items not indented", yaml: "people:\n1️⃣- a", code: "frontmatter.list-indent"),
        .init(name: "list inside a list", yaml: "people:\n  - 1️⃣- a", code: "frontmatter.too-deep"),
        .init(
            name: "list inside a list of maps", yaml: "sources:\n  - publisher: x\n    notes:\n      1️⃣- a",
            code: "frontmatter.too-deep"),
        .init(name: "unclosed inline list", yaml: "people: 1️⃣[a, b", code: "frontmatter.unclosed-list"),
        .init(name: "empty list item", yaml: "people:\n  1️⃣-", code: "frontmatter.empty-item"),
        .init(name: "not a key", yaml: "1️⃣just some words", code: "frontmatter.expected-key"),
        .init(name: "stray indentation", yaml: "title: a\nlanguage: en\n  1️⃣x: y", code: "frontmatter.multiline-plain"),
    ]

    @Test(arguments: cases)
    func reportsAt(_ c: RejectedCase) throws {
        let marked = Marked("---\n\(c.yaml)\n---\n")
        let (_, diagnostics) = parseFrontMatter(marked.text)
        let first = try #require(diagnostics.first, "no error for \(c.name)")
        #expect(first.code == c.code)
        #expect(first.severity == .error)
        #expect(first.position?.line == marked.line)
        #expect(first.position?.column == marked.column)
    }

    @Test func everyErrorInOneRun() {
        let (_, diagnostics) = parseFrontMatter("---\ntitle: &a x\nTitle: b\nsummary: {a: b}\n---\n")
        #expect(diagnostics.map(\.code) == ["frontmatter.anchor", "frontmatter.invalid-key", "frontmatter.flow-map"])
    }

    @Test func aCommentOnTheDelimiterLinesIsAccepted() throws {
        let (document, diagnostics) = parseFrontMatter("--- # front matter\ntitle: a\n---   # end\nBody.\n")
        #expect(diagnostics.isEmpty)
        let map = try #require(document?.map)
        #expect(map.entries.map(\.key) == ["title"])
        #expect(document?.body == "Body.\n")
        #expect(parseFrontMatter("---x\ntitle: a\n---\n").1.map(\.code) == ["frontmatter.missing"])
    }

    @Test func missingOpeningLine() {
        let (document, diagnostics) = parseFrontMatter("title: a\n")
        #expect(document == nil)
        #expect(diagnostics.map(\.code) == ["frontmatter.missing"])
    }

    @Test func unclosedFrontMatter() {
        let (document, diagnostics) = parseFrontMatter("---\ntitle: a\n")
        #expect(document == nil)
        #expect(diagnostics.map(\.code) == ["frontmatter.unclosed"])
    }

    @Test func formattedWithTheLineAndACaretUnderAccentedText() throws {
        let (_, diagnostics) = parseFrontMatter("---\ntitle: Fernández: x\n---\n")
        let d = try #require(diagnostics.first)
        #expect(
            DiagnosticFormatter.format(d) == """
                test.md:2:17: error: ': ' inside a plain value would start a nested map [frontmatter.colon-in-value]
                    2 | title: Fernández: x
                      |                 ^
                  hint: quote the whole value: 'Fernández: x'

                """)
    }
}
