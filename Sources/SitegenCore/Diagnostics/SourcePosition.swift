/// A place in a source file: 1-based line and column, printed as `path:line:column`.
///
/// Columns count characters (Unicode grapheme clusters), not bytes, so that the column an
/// editor shows and the caret under the quoted line agree on lines with accents
/// ("Fernández") or emoji. cmark reports byte columns; the Markdown stage converts them.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}
