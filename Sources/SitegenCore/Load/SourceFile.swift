/// A content file's text, with its lines indexed so any stage can point into it.
public struct SourceFile: Sendable {
    /// The path as shown in diagnostics, e.g. `Content/briefs/rubio-visit.md`.
    public let path: String
    public let text: String
    /// The file's lines, without their line endings.
    public let lines: [Substring]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        // "\r\n" is one Character in Swift, so CRLF files split on it as on "\n".
        self.lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

    /// The text of 1-based line `number`, or "" past the end.
    public func line(_ number: Int) -> String {
        number >= 1 && number <= lines.count ? String(lines[number - 1]) : ""
    }

    public func position(line: Int, column: Int) -> SourcePosition {
        SourcePosition(path: path, line: line, column: column)
    }

    /// An error at a line and (character) column of this file, quoting the line.
    public func error(
        _ code: String, _ message: String, line: Int, column: Int = 1, hint: String? = nil
    ) -> Diagnostic {
        .error(code, message, at: position(line: line, column: column), line: self.line(line), hint: hint)
    }

    public func warning(
        _ code: String, _ message: String, line: Int, column: Int = 1, hint: String? = nil
    ) -> Diagnostic {
        .warning(code, message, at: position(line: line, column: column), line: self.line(line), hint: hint)
    }

    /// Converts a 1-based UTF-8 byte column on `line` (as cmark reports it) to a character column.
    public func characterColumn(line: Int, byteColumn: Int) -> Int {
        guard line >= 1 && line <= lines.count else { return byteColumn }
        let utf8 = lines[line - 1].utf8
        let target = utf8.index(utf8.startIndex, offsetBy: max(0, byteColumn - 1), limitedBy: utf8.endIndex) ?? utf8.endIndex
        let characters = lines[line - 1][..<target]
        return characters.count + 1
    }
}
