import Synchronization

/// A content file's text, with its line starts indexed so any stage can point into it.
///
/// Copies share one storage, so the text can be let go of everywhere at once: once a body is
/// rendered, a build keeps only the lines before it (`releaseText(fromLine:)`: at 100,000
/// briefs the texts were over a gigabyte). A line past those is read again from the file when
/// a diagnostic quotes it, if the file still has the size it had; otherwise it is empty.
public struct SourceFile: Sendable {
    /// The path as shown in diagnostics, e.g. `Content/briefs/rubio-visit.md`.
    public let path: String
    private let storage: Storage

    private final class Storage: Sendable {
        /// The UTF-8 offset where each line starts; found with one byte scan, since every file
        /// is indexed and most lines are never looked at again.
        let lineStarts: [Int]
        let byteCount: Int
        /// The whole text, or after `releaseText(fromLine:)` the text before that line.
        let held: Mutex<(text: String, isWhole: Bool)>

        init(text: String, lineStarts: [Int]) {
            self.lineStarts = lineStarts
            self.byteCount = text.utf8.count
            self.held = Mutex((text, true))
        }
    }

    public init(path: String, text: String) {
        self.path = path
        var text = text
        text.makeContiguousUTF8()
        var starts = [0]
        text.utf8.withContiguousStorageIfAvailable { bytes in
            for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        }
        self.storage = Storage(text: text, lineStarts: starts)
    }

    /// The whole text (read again from the file if it was let go of, or "" if the file changed).
    public var text: String {
        let (held, isWhole) = storage.held.withLock { $0 }
        return isWhole ? held : reread() ?? ""
    }

    /// Whether the whole text is still held.
    public var holdsWholeText: Bool { storage.held.withLock { $0.isWhole } }

    /// Keeps only the text before 1-based line `line` (a front matter), for every copy.
    public func releaseText(fromLine line: Int) {
        guard line >= 1 && line <= storage.lineStarts.count else { return }
        let end = storage.lineStarts[line - 1]
        storage.held.withLock { held in
            guard held.isWhole else { return }
            let utf8 = held.text.utf8
            held = (String(held.text[..<utf8.index(utf8.startIndex, offsetBy: end)]), false)
        }
    }

    /// The file's text read again, if it still has the size it had when it was read.
    private func reread() -> String? {
        guard let text = ContentLoader.text(at: path), text.utf8.count == storage.byteCount else { return nil }
        return text
    }

    /// How many lines the file has (a final newline starts an empty last line).
    public var lineCount: Int { storage.lineStarts.count }

    /// The text of 0-based line `index`, without its line ending.
    func lineText(_ index: Int) -> Substring {
        let lineStarts = storage.lineStarts
        guard index >= 0 && index < lineStarts.count else { return "" }
        var (text, isWhole) = storage.held.withLock { $0 }
        let endOffset = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : storage.byteCount
        if !isWhole && endOffset > text.utf8.count {
            guard let whole = reread() else { return "" }
            text = whole
        }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[index])
        var end = utf8.index(utf8.startIndex, offsetBy: endOffset)
        if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
        return text[start..<end]
    }

    /// Everything from the start of 0-based line `index` to the end of the file.
    func text(fromLine index: Int) -> String {
        let lineStarts = storage.lineStarts
        guard index < lineStarts.count else { return "" }
        let text = self.text
        let utf8 = text.utf8
        guard let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[index], limitedBy: utf8.endIndex) else { return "" }
        return String(text[start...])
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
        guard line >= 1 && line <= lineCount else { return byteColumn }
        let text = lineText(line - 1)
        let utf8 = text.utf8
        let target =
            utf8.index(utf8.startIndex, offsetBy: max(0, byteColumn - 1), limitedBy: utf8.endIndex) ?? utf8.endIndex
        return text[..<target].count + 1
    }
}
