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
        #expect(Self.miss("Political tensions [in the country] have reached a fever pitch")?.reason == nil)
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
        let match = try QuoteMatcher.find("defending drug cartels", in: Self.report).get()
        #expect(Self.report.quoted[match.parts[0].lowerBound])
        let narration = try QuoteMatcher.find("remains deeply controversial", in: Self.report).get()
        #expect(!Self.report.quoted[narration.parts[0].lowerBound])
    }
}
