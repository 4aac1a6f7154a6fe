import Foundation
import Testing

@testable import SitegenCore

@Suite("Quotes are proven against their source documents")
struct QuoteMatcherTests {
    static let document = QuoteMatcher.Text(
        """
        Sheinbaum reiterated her position: “We will never sign something that violates our
        sovereignty.” She said the 2024 reform—approved last year—was “a success … for everyone.”
        Noroña told reporters: ‘I’m going to kill you,’ he said.
        """)

    func found(_ quote: String) -> Bool {
        (try? QuoteMatcher.find(quote, in: Self.document).get()) != nil
    }

    func miss(_ quote: String) -> QuoteMatcher.Miss? {
        if case .failure(let miss) = QuoteMatcher.find(quote, in: Self.document) { return miss }
        return nil
    }

    @Test func typographyIsNormalisedAndNothingElse() {
        // Straight quotes and apostrophes for typographic ones, and the other way round.
        #expect(found("'I'm going to kill you,' he said."))
        #expect(found("We will never sign something"))
        // Dashes: an en dash or `--` for the em dash; a hyphen is not a dash.
        #expect(found("the 2024 reform--approved last year--was"))
        #expect(found("the 2024 reform–approved last year–was"))
        #expect(!found("the 2024 reform-approved last year-was"))
        // White space: a line break in the document, two spaces in the quote.
        #expect(found("violates our  sovereignty."))
        // The first letter's case only.
        #expect(found("Reiterated her position"))
        #expect(!found("reiterated Her position"))
        // Anything else must be exact.
        #expect(!found("We will never sign anything that violates our sovereignty."))
        #expect(!found("Sheinbaum reiterated her position:  \"We will never sign something that violates our sovereignty\"!"))
    }

    /// Found by a hostile-input review: a quote is made of whole words of the document.
    @Test func wordsAreWholeAndAQuoteNeedsWords() throws {
        let text = QuoteMatcher.Text("She was dishonest in her testimony. She hit me on the arms. I saw it.")
        func found(_ quote: String) -> Bool { (try? QuoteMatcher.find(quote, in: text).get()) != nil }
        #expect(!found("honest in her testimony"))
        #expect(!found("He hit me on the arms"))
        #expect(found("She hit me on the arms."))
        #expect(found("hit me on the"))
        #expect(!found("I … t … a … w"))
        #expect(found("I saw … it"))
        for wordless in ["…", "[…]", "… … … …", "...", " "] {
            let miss = try #require(
                { if case .failure(let m) = QuoteMatcher.find(wordless, in: text) { return m } else { return nil } }())
            #expect(miss.reason == .noWords, "\(wordless) has no words")
        }
    }

    /// Found by the same review: text that is the same to a reader matches.
    @Test func unicodeFormsAndInvisibleCharactersAreTheSameText() {
        let text = QuoteMatcher.Text(
            "Jose\u{301} said the cafe\u{301} is an extra\u{AD}dition; the plan\u{200B} is ‹a total disgrace›; It\u{2BC}s done.")
        func found(_ quote: String) -> Bool { (try? QuoteMatcher.find(quote, in: text).get()) != nil }
        #expect(found("José said the café is an extradition"))
        #expect(found("the plan is 'a total disgrace'"))
        #expect(found("It’s done."))
    }

    @Test func ellipsesSplitAQuoteIntoPartsInOrder() {
        #expect(found("We will never sign … our sovereignty."))
        #expect(found("We will never sign [...] our sovereignty."))
        #expect(found("We will never sign […] violates our sovereignty."))
        #expect(found("We will never sign... sovereignty"))
        // The document's own ellipsis is matched as written, with three dots or one character.
        #expect(found("a success ... for everyone."))
        // Parts out of order are not a quote the document has.
        #expect(!found("our sovereignty … We will never sign"))
    }

    @Test func aNearMissNamesTheWordThatDiffers() throws {
        let m = try #require(miss("Sheinbaum added her position: “We will never sign"))
        #expect(m.documentWord == "reiterated")
        #expect(m.quoteWord == "added")
        #expect(m.passage == "Sheinbaum reiterated her position: “We will never sign something that")
        // Found by its ending: the word before the shared run differs.
        let end = try #require(miss("She told me the 2024 reform—approved last year—was"))
        #expect(end.documentWord == "said")
        #expect(end.quoteWord == "me")
        // Longer than the passage the document has.
        let longer = try #require(miss("he said. And more"))
        #expect(longer.documentWord == "")
        #expect(longer.quoteWord == "And")
        // Nothing shared.
        let none = try #require(miss("Completely different words here"))
        #expect(none.passage == nil)
        #expect(none.part == "Completely different words here")
    }

    /// Any run of whole tokens of one paragraph is found, and a quote with a word the
    /// document does not have never is: 2,000 random quotes of random repetitive documents.
    @Test func runsOfTheDocumentAreFoundAndOtherWordsAreNot() {
        var rng = SeededGenerator(state: 11)
        let words = ["the", "The", "senate", "Senate", "said", "reform", "“no”", "judges", "it’s", "a", "b", "30,000", "non-binding"]
        for _ in 0..<200 {
            let document = (0..<Int.random(in: 20...300, using: &rng)).map { _ in words.randomElement(using: &rng)! }
            let text = QuoteMatcher.Text(document.joined(separator: " "))
            for k in 0..<10 {
                let start = Int.random(in: 0..<document.count, using: &rng)
                let length = Int.random(in: 1...min(12, document.count - start), using: &rng)
                var quote = Array(document[start..<(start + length)])
                if k % 2 == 1 { quote.insert("zebra", at: Int.random(in: 0...quote.count, using: &rng)) }
                let found = (try? QuoteMatcher.find(quote.joined(separator: " "), in: text, punctuation: .logical).get()) != nil
                #expect(found == (k % 2 == 0), "\(quote)")
            }
        }
    }

    /// A megabyte of text that defeats naive search (`aaaa…b` in `aaaa…a`): found or not in one
    /// pass each (the time is measured by Benchmarks/quotes.py, not here).
    @Test func longDocumentsAndPathologicalPatterns() throws {
        let text = String(repeating: "a ", count: 500_000) + "the end."
        let document = QuoteMatcher.Text(text)
        let pattern = String(repeating: "a ", count: 2_500) + "b"
        #expect((try? QuoteMatcher.find(pattern, in: document, closest: false).get()) == nil)
        let found = try? QuoteMatcher.find(String(repeating: "a ", count: 2_500) + "the end.", in: document).get()
        #expect(found?.parts == [497_500..<500_002])
    }
}

@Suite("The build proves every quote of a site")
struct QuoteCheckTests {
    func build(_ edit: (BuildSessionTests.Site) throws -> Void) throws -> [Diagnostic] {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try edit(site)
        return SiteBuilder(options: site.options()).run(write: false).diagnostics.items
    }

    @Test func theFixtureSitesQuotesAreProven() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let report = SiteBuilder(options: site.options()).run(write: false)
        #expect(report.diagnostics.items.isEmpty)
        let content = parseContent(loadContent(site.content), includeDrafts: false).0
        let (bodies, _) = SiteBuilder(options: site.options()).renderBodies(content)
        let result = ContentChecks.run(site: content.site, documents: content.allDocuments, bodies: bodies, jobs: 1)
        // Ana's quote in front matter, the body's quotation in alpha and the word its title quotes.
        #expect(
            result.provenQuotes == [
                "wire-report": [
                    ProvenQuote(text: "It’s off the table.", page: DocumentID(.brief, "alpha")),
                    ProvenQuote(text: "first", page: DocumentID(.brief, "alpha")),
                    ProvenQuote(text: "It’s off the table.", page: DocumentID(.person, "ana-example")),
                ]
            ])
    }

    @Test func aOneWordChangeIsAnErrorAtTheQuoteWithTheClosestPassage() throws {
        let diagnostics = try build { site in
            let path = site.content + "/briefs/alpha.md"
            try site.write(path, try site.text(path).replacingOccurrences(of: "“It’s off the table.”", with: "“It’s off the agenda.”"))
        }
        #expect(diagnostics.map(\.code) == ["quote.not-found"])
        let d = try #require(diagnostics.first)
        #expect(d.position?.line == 29)
        #expect(d.position?.column == 25, "at the word that differs, not the opening mark (11)")
        #expect(
            d.message
                == "quote not found in sources/wire-report: 'It’s off the agenda.'; sources/wire-report has 'table' where the quote has 'agenda'")
        #expect(d.hint == "closest passage in sources/wire-report: Ana said: “It’s off the table.” The session")
    }

    @Test func aFrontMatterQuoteIsCheckedAgainstItsDocument() throws {
        let diagnostics = try build { site in
            let path = site.content + "/people/ana-example.md"
            try site.write(path, try site.text(path).replacingOccurrences(of: "text: It's off the table.", with: "text: \"It's on the table.\""))
        }
        let d = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(d.code == "quote.not-found")
        #expect(d.position?.line == 9)
        #expect(d.position?.column == 17, "at the word that differs, not the quote's first character (12)")
        #expect(d.message.hasSuffix("sources/wire-report has 'off' where the quote has 'on'"))
    }

    @Test func aQuoteOnAPageThatCitesNoDocumentIsAnError() throws {
        let diagnostics = try build { site in
            let path = site.content + "/topics/topic-one.md"
            try site.write(path, try site.text(path) + "\nShe said: “four words right here”.\n")
        }
        #expect(diagnostics.map(\.code) == ["quote.no-source"])
        #expect(diagnostics.first?.message == "quoted text on a page that cites no source document: 'four words right here'")
    }

    /// Found by a hostile-input review: each quote placed from its own opening mark, whatever
    /// its first word holds or whichever quote came before it on the line; the caret then goes
    /// to the word that differs from the document.
    @Test func eachQuotesCaretIsUnderTheWordThatDiffers() throws {
        let diagnostics = try build { site in
            let path = site.content + "/briefs/beta.md"
            var text = try site.text(path).replacingOccurrences(of: "kind: analysis", with: "kind: analysis\nsources: [wire-report]")
            text += """

                First line of the paragraph.
                Second line, and then
                Fernández said "It's not in the document at all" there.

                Ana wrote “The end” and then “The words are not in the document” here.

                Ünïcödé 😀 text: “*Emphasised* words are not in it”.

                """
            try site.write(path, text)
        }
        let quotes = diagnostics.filter { $0.code == "quote.not-found" }
        let lines = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates).text(
            Fixtures.path("Sites/basic/Content/briefs/beta.md")
        ).components(separatedBy: "\n").count
        // The three paragraphs start two lines after the fixture's last line and its "sources" line.
        let first = lines + 1
        // “The end” is a quotation too, whatever its length.
        #expect(quotes.map { $0.position?.line } == [first + 3, first + 5, first + 5, first + 7])
        // Each caret is under the word the message names, found from that quote's own opening
        // mark (16, 11, 30, 17) on: the second “The” of line first + 5 is the second quote's.
        #expect(quotes.map { $0.position?.column } == [26, 16, 49, 45])
        for quote in quotes {
            let named = try #require(quote.message.components(separatedBy: "where the quote has '").last?.dropLast())
            let line = Array(try #require(quote.sourceLine))
            let column = try #require(quote.position?.column)
            #expect(String(line[(column - 1)...]).hasPrefix(named), "\(quote.message)")
        }
    }

    /// Found by review: the word that differs is looked for in the quote's text, not in a
    /// link's destination inside it; on a line too long to search, the caret stays at the mark.
    @Test func theCaretSkipsLinkDestinationsAndVeryLongLines() throws {
        let diagnostics = try build { site in
            let path = site.content + "/briefs/beta.md"
            var text = try site.text(path).replacingOccurrences(of: "kind: analysis", with: "kind: analysis\nsources: [wire-report]")
            text += "\nShe said: “It’s [off](https://x.example/chair/) the chair.”\n\n"
            text += String(repeating: "More words. ", count: 200) + "She said: “It’s on the table.”\n"
            try site.write(path, text)
        }
        let quotes = diagnostics.filter { $0.code == "quote.not-found" }
        #expect(quotes.count == 2)
        #expect(quotes.first?.position?.column == 53, "the 'chair' after the link, not the one in its destination (41)")
        #expect(quotes.first?.message.hasSuffix("where the quote has 'chair'") == true)
        // 200 × 12 characters, then "She said: " (10): the opening mark is at 2,411.
        #expect(quotes.last?.position?.column == 2_411)
    }

    /// The messages of the quotes not found once `markdown` is added to the end of a brief.
    private func quotesNotFound(adding markdown: String) throws -> [String] {
        let diagnostics = try build { site in
            let path = site.content + "/briefs/alpha.md"
            try site.write(path, try site.text(path) + markdown)
        }
        return diagnostics.filter { $0.code == "quote.not-found" }.map(\.message)
    }

    @Test func headingsAndTableCellsAreCheckedAndCodeIsNot() throws {
        let quoted = try quotesNotFound(
            adding: """

                ## Heading “heading quote that is invented”

                | Col |
                | --- |
                | “table quote that is invented” |

                > ## Block heading that is invented

                Code `"one two three four"` here.

                """)
        #expect(quoted.count == 3, "\(quoted)")
        #expect(quoted.contains { $0.contains("'heading quote that is invented'") })
        #expect(quoted.contains { $0.contains("'table quote that is invented'") })
        #expect(quoted.contains { $0.contains("'Block heading that is invented'") })
    }

    /// Paragraphs are looked at only when a text of theirs has an opening mark: marks inside a
    /// link, emphasis or a line of their own count, wherever they are in the text.
    @Test func anOpeningMarkInsideALinkOrEmphasisIsLookedAt() throws {
        let quoted = try quotesNotFound(
            adding: """

                See [“link words that are invented”](https://example.org/) and *«emphasis words
                that are invented»*, **"strong words that are invented"**.

                """)
        #expect(quoted.count == 3, "\(quoted)")
        #expect(quoted.contains { $0.contains("'link words that are invented'") })
        #expect(quoted.contains { $0.contains("'emphasis words that are invented'") })
        #expect(quoted.contains { $0.contains("'strong words that are invented'") })
    }

    /// The same review's quadratic bodies, now linear: many quotes whose first word has an
    /// apostrophe, and opening marks that never close (times printed by Benchmarks/quotes.py).
    @Test func manyQuotesAndUnclosedMarksAreFine() throws {
        let diagnostics = try build { site in
            let source = site.content + "/sources/wire-report.md"
            var document = try site.text(source)
            document += "\nIt’s one two three.\n"
            try site.write(source, document)
            let path = site.content + "/briefs/alpha.md"
            var body = try site.text(path)
            body += "\n"
            body += String(repeating: "“It's one two three”\n", count: 2_000)
            body += "\n"
            body += String(repeating: "« ", count: 20_000)
            body += "\n"
            try site.write(path, body)
        }
        #expect(diagnostics.isEmpty, "\(diagnostics.prefix(3).map(DiagnosticFormatter.format))")
    }

    /// Every quotation is proven whatever its length: a word in quotation marks is a
    /// quotation (scare quotes are not allowed), and so is every block quote.
    @Test func everyQuotationWhateverItsLengthAndEveryBlockQuoteIsProven() throws {
        let diagnostics = try build { site in
            let path = site.content + "/briefs/alpha.md"
            try site.write(
                path,
                try site.text(path)
                    + "\nA “three word phrase” here, the “first” and ‘session’.\n\n> The session went on.\n\n> The session stopped.\n")
        }
        #expect(diagnostics.map(\.code) == ["quote.not-found", "quote.not-found"])
        #expect(diagnostics.first?.message.contains("'three word phrase'") == true)
        #expect(diagnostics.last?.message.contains("'The session stopped.'") == true)
    }

    /// The source page lists the quotes it proves: a body edit that adds one renders it again,
    /// and the session's files are the full build's.
    @Test func aNewQuoteInABodyEditReachesTheSourcePage() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let session = BuildSession(options: site.options())
        #expect(session.rebuild().succeeded)
        let path = site.content + "/briefs/alpha.md"
        try site.write(path, try site.text(path) + "\n> The session went on.\n")
        let report = session.rebuild(touched: [path])
        #expect(report.mode == .bodies)
        #expect(report.changedPaths.contains("sources/wire-report/index.html"))
        let page = String(decoding: session.files["sources/wire-report/index.html"] ?? [], as: UTF8.self)
        #expect(page.contains("<li>“The session went on.” <span class=\"on-page\">"))
        let full = try #require(BuildSessionTests().fullBuild(site))
        for (path, text) in full { #expect(String(decoding: session.files[path] ?? [], as: UTF8.self) == text, "\(path)") }
    }

    @Test func aBodyEditInServeChecksItsQuotesAgain() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let session = BuildSession(options: site.options())
        #expect(session.rebuild().succeeded)
        let path = site.content + "/briefs/alpha.md"
        let original = try site.text(path)
        try site.write(path, original.replacingOccurrences(of: "“It’s off the table.”", with: "“It’s off the agenda.”"))
        let broken = session.rebuild(touched: [path])
        #expect(broken.diagnostics.errors.map(\.code) == ["quote.not-found"])
        try site.write(path, original)
        let fixed = session.rebuild(touched: [path])
        #expect(fixed.succeeded)
        #expect(fixed.mode == .bodies, "a body edit takes the path that renders only its page")
    }
}

@Suite("Editorial policies in site.md")
struct PolicyTests {
    func check(_ policy: String) throws -> [Diagnostic] {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try site.setOrAdd(site.content + "/site.md", "brief-words", policy)
        return SiteBuilder(options: site.options()).run(write: false).diagnostics.items
    }

    @Test func aBriefOutsideTheRangeIsAWarningAtItsFirstLine() throws {
        let diagnostics = try check("1-20")
        #expect(diagnostics.map(\.code) == ["policy.brief-words"])
        let d = try #require(diagnostics.first)
        #expect(d.severity == .warning)
        #expect(d.position?.path.hasSuffix("briefs/alpha.md") == true)
        #expect(d.position?.line == 1)
        #expect(d.message == "brief has 37 words; site.md's brief-words policy is 1–20")
        #expect(d.hint == "shorten it, or split it in two")
    }

    @Test func thePolicyCanMakeItAnError() throws {
        let diagnostics = try check("100-900, error")
        #expect(diagnostics.map(\.code) == ["policy.brief-words", "policy.brief-words", "policy.brief-words"])
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        #expect(diagnostics.first?.hint == "add to it, or merge it into another brief")
    }

    /// Found by a hostile-input review: these crashed the tool (`parts[0]` of nothing).
    @Test(arguments: ["\"\"", "\",\"", "\",,\"", "\"-\"", "400-900, fatal"])
    func emptyOrOddPoliciesAreErrorsNotCrashes(_ value: String) throws {
        #expect(try check(value).map(\.code) == ["frontmatter.invalid-policy"])
    }

    @Test func aMalformedPolicyIsAnErrorAtItsValue() throws {
        let diagnostics = try check("many")
        #expect(diagnostics.map(\.code) == ["frontmatter.invalid-policy"])
        #expect(diagnostics.first?.position?.line == 2)
        #expect(diagnostics.first?.position?.column == 14)
    }

    @Test func theContactIsAnEmailOrAWebAddress() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try site.setOrAdd(site.content + "/site.md", "contact", "write to us")
        let diagnostics = SiteBuilder(options: site.options()).run(write: false).diagnostics.items
        #expect(diagnostics.map(\.code) == ["frontmatter.invalid-contact"])
        #expect(diagnostics.first?.message == "'contact' is neither an email address nor a web address: 'write to us'")
        try site.setValue(site.content + "/site.md", "contact", "https://example.org/contact/")
        let report = SiteBuilder(options: site.options()).run(write: true)
        #expect(report.succeeded)
        let footer = try site.text(site.temp.path + "/Public/index.html")
        #expect(footer.contains("Spotted an error? Write to <a href=\"https://example.org/contact/\">https://example.org/contact/</a>."))
    }

    /// Found by a hostile-input review.
    @Test func anUpdateCannotBeOlderThanTheBrief() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try site.setOrAdd(
            site.content + "/briefs/beta.md", "updates", "\n  - date: 2025-08-01\n    kind: correction\n    note: N.")
        let diagnostics = SiteBuilder(options: site.options()).run(write: false).diagnostics.items
        #expect(diagnostics.map(\.code) == ["frontmatter.update-before-date"])
        #expect(diagnostics.first?.message == "an update dated 2025-08-01 is before the brief's date, 2025-08-20")
    }

    @Test(arguments: [
        "a@b..c", "a@b.c#frag", "a@b.c/../x", "x&y@example.org?cc=evil%40evil.org", "a@-b.c", "a@b", "@b.c",
        "a\u{202E}b@example.org",
    ])
    func contactsThatAreNotPlainAddressesAreRefused(_ value: String) throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try site.setOrAdd(site.content + "/site.md", "contact", "\"\(value)\"")
        let codes = SiteBuilder(options: site.options()).run(write: false).diagnostics.items.map(\.code)
        #expect(codes.contains("frontmatter.invalid-contact") || codes.contains("frontmatter.control-character"), "\(codes)")
    }
}
