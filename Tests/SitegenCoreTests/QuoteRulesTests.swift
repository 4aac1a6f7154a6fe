import Foundation
import Testing

@testable import SitegenCore

/// The misquotes a careful editor catches, and the true quotations newsroom style writes:
/// each against passages of the real source report (and a few made-up documents for what the
/// report does not have).
@Suite("Quotation proof without loopholes")
struct QuoteRulesTests {
    static let report = QuoteMatcher.Text(
        """
        Political tensions in Mexico have reached a fever pitch. With U.S. Secretary of State Marco Rubio set to arrive, the stakes for both nations have rarely been higher—or more contentious. The debates underscore anxieties gripping Mexico’s political landscape.

        Rubio’s trip, as reported by Border Report, is the latest in a string of efforts.

        In a video widely circulated on social media, Moreno can be seen shouting at and pulling on Noroña. “He hit me on the arms and said: ‘I’m going to beat the shit out of you, I’m going to kill you,’” Noroña told reporters after the incident, as cited by El Universal. Moreno, for his part, claimed that Noroña had initiated the aggression, insisting to the press, “Let it be clear: the first physical aggression came from Noroña.”

        Senator Lilly Téllez of PAN doubled down during the session, accusing Morena of “defending drug cartels” by opposing foreign military intervention. Her remarks were swiftly denounced by officials and much of the public as “traitorous.”

        Still, the specter of U.S. boots on the ground remains deeply controversial. President Sheinbaum, responding to mounting pressure from both the Trump administration and her own opposition, has repeatedly stated, “We will never sign something that from our perspective violates our sovereignty or our territory. Never. They might have the intent to do it, but we said no, not under that scheme.” She reiterated at a recent press conference, “There will be no invasion. It’s off the table, absolutely off the table.”

        The opposition now finds itself increasingly isolated as the country prepares for the swearing-in of 2,681 new judges. Mexico suffered more than 30,000 violent homicides last year.
        """)

    static func verdict(_ quote: String, in text: QuoteMatcher.Text = report, punctuation: QuoteMatcher.Punctuation = .american) -> Result<QuoteMatcher.Match, QuoteMatcher.Miss> {
        QuoteMatcher.find(quote, in: text, punctuation: punctuation)
    }

    static func found(_ quote: String, in text: QuoteMatcher.Text = report, punctuation: QuoteMatcher.Punctuation = .american) -> Bool {
        (try? verdict(quote, in: text, punctuation: punctuation).get()) != nil
    }

    static func miss(_ quote: String, in text: QuoteMatcher.Text = report) -> QuoteMatcher.Miss? {
        if case .failure(let miss) = verdict(quote, in: text) { return miss }
        return nil
    }

    // MARK: Misquotes

    @Test func anOmissionMayNotRemoveANegation() throws {
        #expect(Self.miss("We will … sign something that")?.reason == .omitsNegation("never"))
        #expect(Self.miss("There will be … invasion")?.reason == .omitsNegation("no"))
        #expect(Self.miss("They might have the intent to do it, but we said … under that scheme")?.reason == .omitsNegation("no"))
        // Leaving out words that are neither is an omission like any other.
        #expect(Self.found("We will never sign something … violates our sovereignty"))
    }

    @Test func anOmissionMayNotRemoveANumberOrCrossASpeakersTurnOrAParagraph() throws {
        #expect(Self.miss("the swearing-in of … new judges")?.reason == .omitsNumber("2,681"))
        #expect(
            Self.miss("I’m going to kill you … the first physical aggression came from Noroña")?.reason
                == .crossesQuotation)
        #expect(Self.miss("Political tensions in Mexico … is the latest in a string of efforts")?.reason == .partInAnotherParagraph)
    }

    @Test func negationsOfOtherLanguagesAreNotLeftOut() throws {
        let text = QuoteMatcher.Text("Sie sagte: „Wir werden niemals etwas unterschreiben.“ Ella dijo: «No aceptaremos ningún acuerdo así.»")
        #expect(Self.miss("Wir werden … etwas unterschreiben", in: text)?.reason == .omitsNegation("niemals"))
        #expect(Self.miss("aceptaremos … acuerdo así", in: text)?.reason == .omitsNegation("ningún"))
    }

    @Test func anOmissionMayNotSplitAWord() throws {
        let text = QuoteMatcher.Text("We can’t accept it, and we won’t.")
        #expect(!Self.found("We can… accept it", in: text))
        #expect(Self.miss("We can… accept it", in: text)?.documentWord == "can’t")
        #expect(!Self.found("We can’t acc… it", in: text))
    }

    @Test func aQuotationMatchesWholeNumbersAndHyphenatedWords() throws {
        let thirty = try #require(Self.miss("Mexico suffered more than 30"))
        #expect(thirty.documentWord == "30,000")
        #expect(thirty.quoteWord == "30")
        #expect(Self.miss("the swearing-in of 2")?.documentWord == "2,681")
        let text = QuoteMatcher.Text("The accord is non-binding, officials said.")
        #expect(!Self.found("binding, officials said", in: text))
        #expect(!Self.found("The accord is non", in: text))
        #expect(Self.found("The accord is non-binding", in: text))
    }

    @Test func aQuotationMayNotRunFromOneParagraphIntoTheNext() throws {
        let miss = try #require(Self.miss("Mexico’s political landscape. Rubio’s trip"))
        #expect(miss.reason == .crossesParagraph)
    }

    @Test func aCloseMatchNamesTheWordThatChanged() throws {
        let miss = try #require(Self.miss("the swearing-in of 2,618 new judges"))
        #expect(miss.documentWord == "2,681")
        #expect(miss.quoteWord == "2,618")
    }

    // MARK: True quotations

    @Test func americanPunctuationInsideTheMarksIsAccepted() throws {
        // AP style: the sentence's period and comma go inside the closing mark.
        #expect(Self.found("we will never sign something."))
        #expect(Self.found("We will never sign something,"))
        #expect(!Self.found("We will never sign something,", punctuation: .logical))
        #expect(Self.found("off the table,", punctuation: .american))
        // Other marks are the document's or not at all.
        #expect(!Self.found("We will never sign something!"))
    }

    @Test func sicAndEditorialBracketsAreReadAsNewsroomsMeanThem() throws {
        let text = QuoteMatcher.Text("She said the goverment would act. She reiterated it.")
        #expect(Self.found("the goverment [sic] would act", in: text))
        #expect(Self.found("[Sheinbaum] reiterated at a recent press conference"))
        #expect(Self.found("[T]here will be no invasion"))
        #expect(Self.found("[the Mexican government] will never sign something"))
        // An insertion stands for a few words, never a negation or a number.
        #expect(Self.miss("We will [always] sign something")?.reason == .omitsNegation("never"))
        // Brackets replace a pronoun, never what is said, and never add a negation or a number;
        // at either end of a quotation too.
        #expect(Self.miss("Political tensions [in the country] have reached a fever pitch")?.reason == .insertionReplacesWords)
        #expect(Self.miss("There will be no invasion. It’s [not] off the table")?.reason == .insertsNegationOrNumber("not"))
        #expect(Self.miss("There will be [an invasion].")?.reason == .insertionReplacesWords)
        #expect(Self.miss("[We will always] sign something that from our perspective")?.reason == .insertionReplacesWords)
        #expect(Self.miss("from our perspective [strengthens] our sovereignty")?.reason == .insertionReplacesWords)
        // After an omission, the words may start a sentence in either case.
        #expect(Self.found("There will be no invasion … [A]bsolutely off the table."))
        #expect(Self.found("There will be no invasion … Absolutely off the table."))
        #expect(
            Self.miss("Still, the specter [of it all] remains deeply controversial.")?.reason == .longInsertion,
            "'of U.S. boots on the ground' is seven words: too many for an insertion")
    }

    @Test func ligaturesAndLineBreakHyphensInTheDocumentAreItsText() throws {
        let text = QuoteMatcher.Text("The ﬁnal agreement will be signed by the secu-\nrity cabinet.\n\nIt is a non-\nbinding deal.")
        #expect(Self.found("The final agreement", in: text))
        #expect(Self.found("signed by the security cabinet", in: text))
        // A hyphen before a line break between lower-case letters is taken as a line-break
        // hyphen: a compound split there is read joined.
        #expect(Self.found("a nonbinding deal", in: text))
    }

    @Test func aDashWrittenAsTwoHyphensIsADash() throws {
        #expect(Self.found("have rarely been higher--or more contentious"))
        #expect(Self.found("have rarely been higher – or more contentious") == false, "spaces around a dash are not the document's")
    }

    // MARK: Speakers

    static let names: [UInt64: [String]] = {
        var names: [UInt64: [String]] = [:]
        for (slug, name) in [
            ("gerardo-fernandez-norona", "Gerardo Fernández Noroña"), ("lilly-tellez", "Lilly Téllez"),
            ("alejandro-moreno", "Alejandro Moreno"), ("claudia-sheinbaum", "Claudia Sheinbaum"),
            ("marco-rubio", "Marco Rubio"),
        ] {
            for word in QuoteCheck.nameWords(name) { names[QuoteMatcher.hash(word[...], folding: false), default: []].append(slug) }
        }
        return names
    }()

    func speakers(_ quote: String) throws -> [String] {
        let match = try QuoteMatcher.find(quote, in: Self.report).get()
        return Self.report.speakers(at: match.parts[0].lowerBound, names: Self.names)
    }

    @Test func thePassageNamesWhoSaidIt() throws {
        #expect(try speakers("I’m going to kill you") == ["gerardo-fernandez-norona"])
        #expect(try speakers("Let it be clear: the first physical aggression came from Noroña.") == ["alejandro-moreno"])
        #expect(try speakers("defending drug cartels") == ["lilly-tellez"])
        #expect(try speakers("We will never sign something") == ["claudia-sheinbaum"])
        // "She reiterated": the sentence names nobody; its paragraph names Sheinbaum first.
        #expect(try speakers("There will be no invasion.") == ["claudia-sheinbaum"])
        // "Her remarks were … denounced … as “traitorous.”": the sentence names nobody and no
        // pronoun speaks in it, so the words are nobody's (not Téllez's, whom the paragraph names).
        #expect(try speakers("traitorous") == [])
        let match = try QuoteMatcher.find("defending drug cartels", in: Self.report).get()
        #expect(Self.report.quoted[match.parts[0].lowerBound])
        let narration = try QuoteMatcher.find("remains deeply controversial", in: Self.report).get()
        #expect(!Self.report.quoted[narration.parts[0].lowerBound])
    }
}

/// The same rules through a build of the fixture site: each at its file, line and column.
@Suite("The desk's checks in a build")
struct DeskCheckTests {
    /// The fixture site with `edit` applied; the wire report gains a paragraph that quotes Bob.
    func check(_ edit: (BuildSessionTests.Site) throws -> Void) throws -> BuildReport {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let report = site.content + "/sources/wire-report.md"
        try site.write(
            report,
            try site.text(report)
                + "\nBob Example, the minister, told the committee: “We will sign it in 2025, with 2,681 judges.” The committee adjourned.\n")
        try edit(site)
        return SiteBuilder(options: site.options()).run(write: false)
    }

    func append(_ site: BuildSessionTests.Site, _ file: String, _ text: String) throws {
        let path = site.content + "/" + file
        try site.write(path, try site.text(path) + text)
    }

    func replace(_ site: BuildSessionTests.Site, _ file: String, _ old: String, _ new: String) throws {
        let path = site.content + "/" + file
        let text = try site.text(path)
        #expect(text.contains(old), "\(file) has \(old)")
        try site.write(path, text.replacingOccurrences(of: old, with: new))
    }

    @Test func aQuoteOnAPersonsPageIsWhatTheDocumentQuotesThemAsSaying() throws {
        let report = try check { site in
            try replace(
                site, "people/ana-example.md", "    source: wire-report\n",
                "    source: wire-report\n  - text: We will sign it\n    source: wire-report\n  - text: The committee adjourned.\n    source: wire-report\n")
        }
        let problems = report.diagnostics.items.filter { $0.code == "quote.speaker" }
        #expect(problems.map { $0.position?.line } == [13, 15])
        #expect(problems.map { $0.position?.column } == [11, 11])
        #expect(
            problems.first?.message
                == "these words are given to people/ana-example, but the passage of sources/wire-report gives them to people/bob-example")
        #expect(problems.last?.message == "sources/wire-report does not quote people/ana-example here: these are the document's own words")
        #expect(report.diagnostics.items.count == 2)
    }

    @Test func aBodyQuotationLinkedToTheWrongPersonIsAnError() throws {
        let report = try check { site in
            try append(site, "briefs/alpha.md", "\n[Ana](@people/ana-example) said “We will sign it”.\n\n[Bob](@people/bob-example) said “We will sign it”.\n")
        }
        let problems = report.diagnostics.items
        #expect(problems.map(\.code) == ["quote.speaker"])
        #expect(problems.first?.message.contains("given to people/ana-example") == true)
        #expect(report.proof.speakers >= 2, "Ana's page and Bob's line: \(report.proof)")
    }

    @Test func aFigureNoDocumentHasIsAWarningAtItsPlaceOrAnErrorByPolicy() throws {
        let line = "\nThe minister counted 2,618 judges, not 2,681, in 2025.\n"
        let warned = try check { site in try append(site, "briefs/alpha.md", line) }
        let figure = try #require(warned.diagnostics.items.first)
        #expect(warned.diagnostics.items.count == 1)
        #expect(figure.severity == .warning)
        #expect(figure.code == "figure.unsourced")
        #expect(figure.position?.line == 40)
        #expect(figure.position?.column == 22)
        #expect(
            figure.message
                == "the figure '2,618' is in no document this page cites (sources/wire-report) and is no date of a page it links")
        #expect(warned.proof.figures >= 2)
        let strict = try check { site in
            try append(site, "briefs/alpha.md", line)
            try replace(site, "site.md", "contact: fixes@example.org\n", "contact: fixes@example.org\nfigures: error\n")
        }
        #expect(strict.diagnostics.items.map(\.severity) == [.error])
        let computed = try check { site in
            try append(site, "briefs/alpha.md", line)
            try replace(site, "briefs/alpha.md", "featured: true\n", "featured: true\ncomputed: [\"2,618\"]\n")
        }
        #expect(computed.diagnostics.items.isEmpty)
        #expect(computed.proof.computedFigures == 1)
    }

    /// A figure is its number with its unit: a scale word, a percent sign, letters after the
    /// digits; symbols past ASCII are dropped; a word that starts with a letter is a name.
    @Test func aFigureIsProvenWithItsScaleAndUnit() throws {
        let report = try check { site in
            try append(site, "briefs/alpha.md", "\nIn 2025 there were 2,681 million judges, 2,681 judges, 40k cases, 40,000€ and 2025% in COVID-19 times.\n")
        }
        let figures = report.diagnostics.items.filter { $0.code == "figure.unsourced" }.map(\.message)
        #expect(figures.count == 4, "\(figures)")
        #expect(figures.map { $0.components(separatedBy: "'")[1] } == ["2,681 million", "40k", "40,000€", "2025%"])
    }

    @Test func aFileListsTenUnsourcedFiguresAndCountsTheRestAndOffSkipsTheCheck() throws {
        let many = "\n" + (1...25).map { "Figure \(100 + $0)." }.joined(separator: " ") + "\n"
        let report = try check { site in try append(site, "briefs/alpha.md", many) }
        let figures = report.diagnostics.items.filter { $0.code == "figure.unsourced" }
        #expect(figures.count == 11)
        #expect(figures.last?.message == "15 more figures like the 10 above in this file, not listed")
        #expect(figures.last?.position?.line == figures[9].position?.line, "at the eleventh figure, on the same line")
        #expect(report.proof.unsourcedFigures == 25)
        let off = try check { site in
            try append(site, "briefs/alpha.md", many)
            try replace(site, "site.md", "contact: fixes@example.org\n", "contact: fixes@example.org\nfigures: off\n")
        }
        #expect(off.diagnostics.items.isEmpty)
        #expect(!off.proof.figuresChecked)
        #expect(off.proof.summary.contains("Figures are not checked (figures: off in site.md)."))
    }

    @Test func whatTheReaderSeesInsideTheMarksIsProvenOrAnError() throws {
        let report = try check { site in
            try append(
                site, "briefs/alpha.md",
                """

                Code: “We will `sign` it”.

                Struck: “We will ~~never~~ sign it”.

                Raw: “We will <del>never</del> sign it”.

                Image: “We will ![never](x.png) sign it”.

                Footnote: “We will[^1] sign it”.

                """)
        }
        let problems = report.diagnostics.items.filter { $0.code == "quote.unprovable" }
        #expect(problems.map { $0.position?.line } == [42, 44, 46, 48])
        #expect(problems.map { $0.message.contains("holds struck-through text") } == [true, false, false, false])
        #expect(problems[1].message.contains("holds raw HTML"))
        #expect(problems[2].message.contains("holds an image"))
        #expect(problems[3].message.contains("holds a footnote reference"))
        #expect(report.diagnostics.items.filter { $0.severity == .error }.count == 4, "the code span's words are proven")
    }

    @Test func quotationsInTheMarksOfEveryScriptAreProven() throws {
        let report = try check { site in
            try append(
                site, "briefs/alpha.md",
                "\nA „made-up one“, a ‹made-up two›, a 「made-up three」, a ‘made-up four’, a »made-up five«, a ‚made-up six‘, a 〝made-up seven〞 and a ＂made-up eight＂; it’s fine.\n")
        }
        let messages = report.diagnostics.items.map(\.message)
        #expect(report.diagnostics.items.map(\.code) == Array(repeating: "quote.not-found", count: 8), "\(messages)")
        #expect(messages.allSatisfy { $0.contains("'made-up") })
    }

    /// A paragraph whose only marks are of the later styles is looked at too (the scan that
    /// skips paragraphs without an opening mark knew only the first ones).
    @Test func aParagraphWithOnlyLaterStylesOfMarksIsChecked() throws {
        for marks in [("»", "«"), ("‚", "‘"), ("〝", "〞"), ("＂", "＂"), ("❝", "❞")] {
            let report = try check { site in
                try append(site, "briefs/alpha.md", "\nHe said \(marks.0)made-up alone\(marks.1) there.\n")
            }
            #expect(report.diagnostics.items.map(\.code) == ["quote.not-found"], "\(marks)")
        }
    }

    /// An opening mark never closed quotes the rest of its paragraph: a quotation that goes on
    /// into the next paragraph (each paragraph opens with a mark) or a mistyped closing mark.
    @Test func aQuotationLeftOpenRunsToTheEndOfItsParagraph() throws {
        let report = try check { site in
            try append(
                site, "briefs/alpha.md",
                "\nBob said: “We will sign it in 2025.\n\n“We will never sign it.”\n\nAna said “It’s off the table“ on Tuesday.\n")
        }
        let messages = report.diagnostics.items.map(\.message)
        #expect(report.diagnostics.items.map(\.code) == ["quote.not-found", "quote.not-found"], "\(messages)")
        #expect(messages.first?.contains("'We will never sign it.'") == true)
        #expect(messages.last?.contains("'It’s off the table“ on Tuesday.'") == true)
    }

    @Test func frontMatterProseIsProvenButACorrectionMayQuoteThePagesFormerText() throws {
        let report = try check { site in
            try replace(site, "briefs/alpha.md", "summary: The featured brief, naming Ana and two events.", "summary: The brief says it is “a triumph”.")
            try replace(
                site, "briefs/alpha.md", "    note: Ana spoke at the session, not before it.",
                "    quoting: former-text\n    note: The brief said Ana spoke “before the session”.")
        }
        let problem = try #require(report.diagnostics.items.first)
        #expect(report.diagnostics.items.count == 1)
        #expect(problem.code == "quote.not-found")
        #expect(problem.position?.line == 3)
        #expect(problem.position?.column == 31, "at the opening mark, as in a body")
        #expect(report.proof.formerText == 1)
    }

    @Test func theHintNamesTheDocumentWithTheClosestPassageWhateverTheOrder() throws {
        for order in ["[other-report, wire-report]", "[wire-report, other-report]"] {
            let report = try check { site in
                try site.write(
                    site.content + "/sources/other-report.md",
                    "---\ntitle: Other\npublisher: P\nkind: report\n---\nThe weather was fine and the committee met.\n")
                try site.write(
                    site.content + "/topics/topic-one.md",
                    try site.text(site.content + "/topics/topic-one.md").replacingOccurrences(
                        of: "---\n", with: "---\nsources: \(order)\n", options: [], range: nil
                    ).replacingOccurrences(of: "sources: \(order)\n", with: "", options: [.anchored]) + "\nHe said “We will sign it in 2026”.\n")
            }
            let problem = try #require(report.diagnostics.items.first { $0.code == "quote.not-found" }, "\(order)")
            #expect(problem.message.contains("sources/wire-report has '2025' where the quote has '2026'"), "\(order)")
            #expect(problem.hint?.hasPrefix("closest passage in sources/wire-report:") == true, "\(order)")
        }
    }

    @Test func aMisquoteIsReportedWithTheFilesFrontMatterErrors() throws {
        let report = try check { site in
            try replace(site, "briefs/alpha.md", "date: 2025-08-29", "date: 2025-13-29")
            try append(site, "briefs/alpha.md", "\nShe said “It’s on the table”.\n")
        }
        let codes = report.diagnostics.items.map(\.code)
        #expect(codes.contains("quote.not-found"), "\(codes)")
        #expect(codes.contains { $0.hasPrefix("frontmatter.") }, "\(codes)")
    }
}
