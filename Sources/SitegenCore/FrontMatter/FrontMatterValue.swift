/// A scalar as written in front matter: its text (after quotes and escapes) and where it starts.
public struct FrontMatterScalar: Sendable, Hashable {
    public let text: String
    public let line: Int
    public let column: Int
    /// `true` for an unquoted value: only plain values may be `true`/`false` in YAML.
    public let isPlain: Bool
}

/// One `key: value` of a mapping, with the key's position.
public struct FrontMatterEntry: Sendable {
    public let key: String
    public let line: Int
    public let column: Int
    public let value: FrontMatterValue
}

/// A mapping (the front matter itself, or one item of a list of maps), keys in file order.
public struct FrontMatterMap: Sendable {
    public let entries: [FrontMatterEntry]
    public let line: Int
    public let column: Int
    /// Keys whose value had an error (already reported): present, so not also "missing".
    public var brokenKeys: [String] = []

    public subscript(key: String) -> FrontMatterEntry? { entries.first { $0.key == key } }
}

/// The values the subset has: a scalar, or a list of scalars or of maps.
public enum FrontMatterValue: Sendable {
    case scalar(FrontMatterScalar)
    case list([FrontMatterListItem], line: Int, column: Int)
}

public enum FrontMatterListItem: Sendable {
    case scalar(FrontMatterScalar)
    case map(FrontMatterMap)
}

/// A parsed content file: front matter entries and the Markdown body after it.
public struct FrontMatterDocument: Sendable {
    public let map: FrontMatterMap
    /// The file, whose text from `bodyStartLine` on is the body.
    let file: SourceFile
    /// The 1-based file line the body's first line is on (cmark's line 1).
    public let bodyStartLine: Int

    /// The body's text, made when asked for (the build reads it through `MarkdownSource`).
    public var body: String { file.text(fromLine: bodyStartLine - 1) }
}
