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

    public var position: SourcePosition {
        switch column {
        case .character(let c): file.position(line: line, column: c)
        case .utf8(let b): file.position(line: line, column: file.characterColumn(line: line, byteColumn: b))
        }
    }

    public var sourceLine: String { file.line(line) }
}

/// The Markdown body of a file, with the file line it starts on.
public struct MarkdownSource: Sendable {
    public let text: String
    public let startLine: Int
    public let file: SourceFile

    public init(text: String, startLine: Int, file: SourceFile) {
        self.text = text
        self.startLine = startLine
        self.file = file
    }
}

/// Where a fact comes from.
public struct Source: Sendable, Hashable {
    public let publisher: String
    public let title: String?
    public let url: String?
    public let date: PartialDate?
    public let note: String?
}

/// A verbatim quote with who reported it.
public struct Quote: Sendable, Hashable {
    public let text: String
    public let date: PartialDate?
    public let context: String?
    /// The publisher that reported it.
    public let source: String?
}

/// `Content/site.md`: site settings and the home page introduction.
public struct Site: Sendable {
    public let title: String
    public let description: String
    public let language: String
    public let asOf: PartialDate
    /// Always ends with `/` when set.
    public let baseURL: String?
    public let editors: [String]
    public var limits = ContentLimits()
    public let body: MarkdownSource
}

public enum BriefKind: String, Sendable, CaseIterable {
    case explainer, analysis, news, backgrounder

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

public struct Brief: Sendable {
    public let slug: String
    public let title: String
    public let summary: String
    public let date: PartialDate
    public let updated: PartialDate?
    public let kind: BriefKind
    public let people: [ContentReference]
    public let organizations: [ContentReference]
    public let topics: [ContentReference]
    public let events: [ContentReference]
    public let sources: [Source]
    public let isFeatured: Bool
    public let isDraft: Bool
    public let body: MarkdownSource
}

public struct Person: Sendable {
    public let slug: String
    public let name: String
    public let role: String
    public let summary: String
    public let country: String?
    public let affiliations: [ContentReference]
    public let aliases: [String]
    public let quotes: [Quote]
    public let sources: [Source]
    public let body: MarkdownSource
}

public enum OrganizationKind: String, Sendable, CaseIterable {
    case party, government, legislature, court, agency, outlet, group

    public var label: String {
        switch self {
        case .party: "Political party"
        case .government: "Government"
        case .legislature: "Legislature"
        case .court: "Court"
        case .agency: "Agency"
        case .outlet: "News outlet"
        case .group: "Group"
        }
    }
}

public struct Organization: Sendable {
    public let slug: String
    public let name: String
    public let shortName: String?
    public let kind: OrganizationKind
    public let country: String?
    public let summary: String
    public let sources: [Source]
    public let body: MarkdownSource
}

public struct Event: Sendable {
    public let slug: String
    public let title: String
    public let date: PartialDate
    public let end: PartialDate?
    public let location: String?
    public let people: [ContentReference]
    public let organizations: [ContentReference]
    public let topics: [ContentReference]
    /// Events this one is known to follow: orders events whose dates are imprecise
    /// (a month-precision "aftermath" event after the day it followed).
    public let after: [ContentReference]
    public let sources: [Source]
    public let body: MarkdownSource
}

public struct Topic: Sendable {
    public let slug: String
    public let title: String
    public let summary: String
    public let body: MarkdownSource
}

public struct Page: Sendable {
    public let slug: String
    public let title: String
    public let summary: String
    public let isInMenu: Bool
    public let body: MarkdownSource
}

/// Everything the parse stage produced, in file order.
public struct ContentSet: Sendable {
    public var site: Site?
    public var briefs: [Brief] = []
    public var people: [Person] = []
    public var organizations: [Organization] = []
    public var events: [Event] = []
    public var topics: [Topic] = []
    public var pages: [Page] = []
    /// Every slug that has a file, whether or not it parsed: references are checked against these.
    public var existing: Set<String> = []
    /// Files whose front matter failed: not published, but their references are still checked.
    public var unpublished: [UnpublishedDocument] = []
    /// Drafts left out of this build, by key, with where `draft: true` is: a link to one
    /// says that it is a draft rather than that the file does not exist.
    public var drafts: [String: SourcePosition] = [:]

    public init() {}

    static func key(_ kind: ContentKind, _ slug: String) -> String { "\(kind.folder)/\(slug)" }

    public func exists(_ kind: ContentKind, _ slug: String) -> Bool { existing.contains(Self.key(kind, slug)) }
}

/// A file whose front matter has errors: its body and the references it could read are still
/// checked, so one run reports every problem.
public struct UnpublishedDocument: Sendable {
    public let kind: ContentKind
    public let slug: String
    public let references: [ContentReference]
    public let body: MarkdownSource
}
