import Foundation
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
        let lineCount: Int
        let byteCount: Int
        let held: Mutex<Held>
        /// How many times the file was read again (for the tests).
        let readsAgain = Atomic<Int>(0)

        init(text: String) {
            let starts = SourceFile.lineStarts(of: text)
            self.lineCount = starts.count
            self.byteCount = text.utf8.count
            self.held = Mutex(Held(text: text, lineStarts: starts, isWhole: true))
        }
    }

    /// The whole text, or after `releaseText(fromLine:)` the text before that line; and the
    /// UTF-8 offset where each of its lines starts (found with one byte scan, since every file
    /// is indexed and most lines are never looked at again), the last one where the next
    /// starts.
    private struct Held {
        var text: String
        var lineStarts: [Int]
        var isWhole: Bool
    }

    public init(path: String, text: String) {
        self.path = path
        var text = text
        text.makeContiguousUTF8()
        self.storage = Storage(text: text)
    }

    private static func lineStarts(of text: String) -> [Int] {
        var starts = [0]
        text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count, let found = memchr(base + offset, 0x0A, bytes.count - offset) {
                offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
        }
        return starts
    }

    /// The whole text (read again from the file if it was let go of, or "" if the file changed).
    public var text: String { held(through: 0, toEnd: true)?.text ?? "" }

    /// Whether the whole text is still held.
    public var holdsWholeText: Bool { storage.held.withLock { $0.isWhole } }

    /// Keeps only the text before 1-based line `line` (a front matter), for every copy.
    public func releaseText(fromLine line: Int) {
        guard line >= 1 && line <= storage.lineCount else { return }
        storage.held.withLock { held in
            guard held.isWhole else { return }
            let end = held.lineStarts[line - 1]
            let utf8 = held.text.utf8
            held = Held(
                text: String(held.text[..<utf8.index(utf8.startIndex, offsetBy: end)]),
                lineStarts: Array(held.lineStarts[..<line]), isWhole: false)
        }
    }

    /// What is held, if it has 0-based line `index` (and with `toEnd`, the rest of the file
    /// after it); otherwise the file's text read again, if the file still has the size it had
    /// and that line.
    private func held(through index: Int, toEnd: Bool = false) -> Held? {
        let held = storage.held.withLock { $0 }
        if held.isWhole || (!toEnd && index + 1 < held.lineStarts.count) { return held }
        let whole = Self.readAgain.withLock { cache -> Held? in
            if let found = cache.firstIndex(where: { $0.storage === storage }) {
                let entry = cache.remove(at: found)
                cache.append(entry)
                return entry.text
            }
            var whole: Held?
            storage.readsAgain.add(1, ordering: .relaxed)
            if var text = ContentLoader.text(at: path), text.utf8.count == storage.byteCount {
                text.makeContiguousUTF8()
                whole = Held(text: text, lineStarts: Self.lineStarts(of: text), isWhole: true)
            }
            cache.append((storage, whole))
            if cache.count > Self.readAgainCapacity { cache.removeFirst() }
            return whole
        }
        guard let whole else { return nil }
        return index < whole.lineStarts.count ? whole : nil
    }

    /// The texts read again last (or nil where the file had changed), newest last: a file
    /// with 12,000 diagnostics in its body is read once, not once per diagnostic (which took
    /// 4 s), and at most this many files' texts are held again at a time.
    private static let readAgainCapacity = 16
    private static let readAgain = Mutex<[(storage: Storage, text: Held?)]>([])

    /// How many times the text was read again from the file since it was let go of.
    var timesReadAgain: Int { storage.readsAgain.load(ordering: .relaxed) }

    /// How many lines the file has (a final newline starts an empty last line).
    public var lineCount: Int { storage.lineCount }

    /// The text of 0-based line `index`, without its line ending.
    func lineText(_ index: Int) -> Substring {
        guard index >= 0 && index < storage.lineCount, let held = held(through: index) else { return "" }
        let utf8 = held.text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: held.lineStarts[index])
        var end =
            index + 1 < held.lineStarts.count
            ? utf8.index(utf8.startIndex, offsetBy: held.lineStarts[index + 1] - 1) : utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == 0x0D { end = utf8.index(before: end) }
        return held.text[start..<end]
    }

    /// Everything from the start of 0-based line `index` to the end of the file.
    func text(fromLine index: Int) -> String {
        guard index >= 0 && index < storage.lineCount, let held = held(through: index, toEnd: true) else { return "" }
        let utf8 = held.text.utf8
        return String(held.text[utf8.index(utf8.startIndex, offsetBy: held.lineStarts[index])...])
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
