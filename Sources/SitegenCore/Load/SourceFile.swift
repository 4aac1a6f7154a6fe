/// A content file's text, with its line starts indexed so any stage can point into it.
public struct SourceFile: Sendable {
    /// The path as shown in diagnostics, e.g. `Content/briefs/rubio-visit.md`.
    public let path: String
    public let text: String
    /// The UTF-8 offset where each line starts; found with one byte scan, since every file
    /// is indexed and most lines are never looked at again.
    private let lineStarts: [Int]

    public init(path: String, text: String) {
        self.path = path
        var text = text
        text.makeContiguousUTF8()
        self.text = text
        var starts = [0]
        text.utf8.withContiguousStorageIfAvailable { bytes in
            for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        }
        self.lineStarts = starts
    }

    /// How many lines the file has (a final newline starts an empty last line).
    public var lineCount: Int { lineStarts.count }

    /// The text of 0-based line `index`, without its line ending.
    func lineText(_ index: Int) -> Substring {
        guard index >= 0 && index < lineStarts.count else { return "" }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[index])
        var end =
            index + 1 < lineStarts.count
            ? utf8.index(utf8.startIndex, offsetBy: lineStarts[index + 1] - 1) : utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
        return text[start..<end]
    }

    /// Everything from the start of 0-based line `index` to the end of the file.
    func text(fromLine index: Int) -> String {
        guard index < lineStarts.count else { return "" }
        let utf8 = text.utf8
        return String(text[utf8.index(utf8.startIndex, offsetBy: lineStarts[index])...])
    }

    /// The text of 1-based line `number`, or "" past the end.
    public func line(_ number: Int) -> String {
        String(lineText(number - 1))
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
        guard line >= 1 && line <= lineStarts.count else { return byteColumn }
        let text = lineText(line - 1)
        let utf8 = text.utf8
        let target =
            utf8.index(utf8.startIndex, offsetBy: max(0, byteColumn - 1), limitedBy: utf8.endIndex) ?? utf8.endIndex
        return text[..<target].count + 1
    }
}
