/// A slug named in content (front matter or an `@` link), with where it was named.
///
/// The place is kept as the file, line and column it came with; the character column and the
/// quoted line are worked out only when a diagnostic needs them, since nearly every reference
/// is fine and there are many.
public struct ContentReference: Sendable {
    public let kind: ContentKind
    public let slug: String
    /// `aftermath` in `@events/senate-brawl#aftermath`.
    public let fragment: String?
    let file: SourceFile
    let line: Int
    let column: Column

    enum Column: Sendable {
        /// A character column, as the front matter parser counts.
        case character(Int)
        /// A UTF-8 byte column, as cmark reports.
        case utf8(Int)
    }

    init(kind: ContentKind, slug: String, fragment: String?, file: SourceFile, line: Int, column: Column) {
        self.kind = kind
        self.slug = slug
        self.fragment = fragment
        self.file = file
        self.line = line
        self.column = column
    }

    /// The document named.
    public var target: DocumentID { DocumentID(kind, slug) }

    public var position: SourcePosition {
        switch column {
        case .character(let c): file.position(line: line, column: c)
        case .utf8(let b): file.position(line: line, column: file.characterColumn(line: line, byteColumn: b))
        }
    }

    public var sourceLine: String { file.line(line) }
}

/// The Markdown body of a file, with the file line it starts on.
///
/// A body read from its file is not a second copy of its text: it is the file's text from
/// `startLine` on, made when asked for (once to render it, once more for a source document's
/// quote check). At 100,000 briefs a copy of every body was 1.4 GB.
public struct MarkdownSource: Sendable {
    private let ownText: String?
    public let startLine: Int
    public let file: SourceFile

    public var text: String { ownText ?? file.text(fromLine: startLine - 1) }

    /// A body that is the rest of `file` from `startLine` (1-based) on.
    public init(file: SourceFile, startLine: Int) {
        self.ownText = nil
        self.startLine = startLine
        self.file = file
    }

    /// A body with a text of its own (tests, and text that is not in a file).
    public init(text: String, startLine: Int, file: SourceFile) {
        self.ownText = text
        self.startLine = startLine
        self.file = file
    }
}

/// A page's citation of a source document (`sources:`): the document, and when the page
/// relies on an outlet's reporting as the document relays it, that outlet ("as reported by El
/// Universal, according to <document>").
public struct Citation: Sendable {
    public let document: ContentReference
    public let reportedBy: ContentReference?
    public let note: String?
}

/// Where a quote's text is written, for the quote check to point at.
public struct QuoteLocation: Sendable {
    let file: SourceFile
    let line: Int
    let column: Int
    /// Written in quotation marks (`text: "…"`): the text starts one column further.
    let isQuoted: Bool

    public var position: SourcePosition { file.position(line: line, column: column) }
    public var sourceLine: String { file.line(line) }
}

/// A front-matter text the reader sees (a title, summary, role, context, note…), where it is:
/// quotations in it are checked like those of the body.
public struct ProseText: Sendable {
    public let key: String
    public let text: String
    let file: SourceFile
    let line: Int
    let column: Int
    /// Written in quotation marks (`summary: "…"`): the text starts one column further.
    let isQuoted: Bool
    /// Its quotations are the page's own former text (an update with `quoting: former-text`),
    /// not words from a source document.
    public let quotesFormerText: Bool

    /// For each of the text's scalars, the number of the character it is in: one pass, so that
    /// many quotations or figures in one value cost no more than the value's length.
    var characterOfScalar: [Int] {
        var out: [Int] = []
        out.reserveCapacity(text.unicodeScalars.count)
        for (i, character) in text.enumerated() { out += repeatElement(i, count: character.unicodeScalars.count) }
        return out
    }

    /// Where the text's `offset`-th character is, when the value is on one line; else where the
    /// value starts.
    func position(at offset: Int) -> (line: Int, column: Int) {
        let start = column + (isQuoted ? 1 : 0)
        return text.contains("\n") ? (line, start) : (line, start + offset)
    }
}

/// A verbatim quote, with the document it was taken from and the outlet that document credits.
public struct Quote: Sendable {
    public let text: String
    public let date: PartialDate?
    public let context: String?
    /// The source document the quote is taken from.
    public let source: ContentReference
    /// The outlet the document credits the quote to, if any.
    public let reportedBy: ContentReference?
    public let location: QuoteLocation
}

public enum UpdateKind: String, Sendable, CaseIterable {
    case correction, update, clarification

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// A dated change to a published page (`updates:`), shown on the page, on `/corrections/` and
/// in the feed.
public struct Update: Sendable {
    public let date: PartialDate
    public let kind: UpdateKind
    public let note: String

    /// Each update's anchor on its page (`#update-2025-09-01-correction`), from its date and
    /// kind, so that adding an update does not move the others' links and feed ids; a second
    /// one of the same date and kind gets `-2`.
    public static func anchors(_ updates: [Update]) -> [String] {
        var seen: [String: Int] = [:]
        return updates.map { u in
            let base = "update-\(u.date.iso)-\(u.kind.rawValue)"
            seen[base, default: 0] += 1
            return seen[base]! == 1 ? base : "\(base)-\(seen[base]!)"
        }
    }
}

/// `Content/site.md`: site settings and the home page introduction.
public struct Site: Sendable {
    public let title: String
    public let description: String
    public let language: String
    public let asOf: PartialDate
    /// Always ends with `/` when set.
    public internal(set) var baseURL: String?
    public let editors: [String]
    public var limits = ContentLimits()
    public var policies = Policies()
    /// The documents the home page's text quotes (`sources:`): its quotations and figures are
    /// checked against them.
    public var citations: [Citation] = []
    /// Where readers report errors: an email address or a web address.
    public var contact: String?
    /// The image pages are shared with (`og:image`), an absolute http(s) address.
    public var image: String?
    /// How lists are cut into pages (`page-size`, `timeline-split`).
    public var pagination = PaginationSettings()
    /// Whether the build makes a Pagefind search index and the `/search/` page (`search: true`).
    public var search = false
    /// Where `search:` is in `site.md`, for messages about the search index.
    public var searchPosition: SourcePosition?
    public var searchLine: String?
    /// How long Pagefind may take, in seconds, before it is stopped and the build fails
    /// (`search-timeout`, 300 unless set).
    public var searchTimeout = 300
    public let body: MarkdownSource
}

/// `page-size: 25`: at most this many cards or events on a list page, and on a document's page
/// in each of its lists (the rest on pages of their own). `quotes-per-page: 100`: the same for
/// the quotes a source document's page lists, one line each. `timeline-split: 100`: past this
/// many events, the timeline is an index of months, each month a page of its own.
public struct PaginationSettings: Sendable, Equatable {
    public var pageSize = 25
    public var quotesPerPage = 100
    public var timelineSplit = 100

    public init(pageSize: Int = 25, quotesPerPage: Int = 100, timelineSplit: Int = 100) {
        self.pageSize = pageSize
        self.quotesPerPage = quotesPerPage
        self.timelineSplit = timelineSplit
    }

    public static let keys = ["page-size", "quotes-per-page", "timeline-split"]
}

/// Everything the parse stage produced, in file order.
public struct ContentSet: Sendable {
    public var site: Site?
    /// Each kind's documents, in file order.
    public var documents: [ContentKind: [any Document]] = [:]
    /// Every document that has a file, whether or not it parsed: references are checked against these.
    public var existing: Set<DocumentID> = []
    /// Files whose front matter failed: not published, but their references are still checked.
    public var unpublished: [UnpublishedDocument] = []
    /// Drafts left out of this build, with where `draft: true` is: a link to one says that it
    /// is a draft rather than that the file does not exist.
    public var drafts: [DocumentID: SourcePosition] = [:]
    /// The drafts left out, as parsed: the source documents only they cite are left out too
    /// (`withholdingSourcesOnlyDraftsCite`).
    public var draftDocuments: [any Document] = []

    public init() {}

    public func exists(_ id: DocumentID) -> Bool { existing.contains(id) }

    /// The documents of one type, in file order.
    public func all<D: Document>(_ type: D.Type) -> [D] {
        (documents[D.kind] ?? []).compactMap { $0 as? D }
    }

    /// Every published document, kind by kind in table order, each kind in file order.
    public var allDocuments: [any Document] {
        ContentKind.documentKinds.flatMap { documents[$0] ?? [] }
    }

    // Typed views, for code that works on one kind.
    public var briefs: [Brief] { all(Brief.self) }
    public var people: [Person] { all(Person.self) }
    public var organizations: [Organization] { all(Organization.self) }
    public var events: [Event] { all(Event.self) }
    public var topics: [Topic] { all(Topic.self) }
    public var pages: [Page] { all(Page.self) }
}

/// A file whose front matter has errors: its body and the references it could read are still
/// checked, so one run reports every problem.
public struct UnpublishedDocument: Sendable {
    public let id: DocumentID
    public let references: [ContentReference]
    public let body: MarkdownSource
}
