/// A Mustache template as sitegen parses it: the tree of its tags, each with its line and column
/// in the template file, for the typed compiler (`TemplateCompiler`) and the spec's tests
/// (`MustacheInterpreter`).
///
/// What is supported is the official spec's required modules (interpolation, sections, inverted
/// sections, partials, comments, set delimiters) and its optional inheritance module (parents
/// `{{<layout}}` and blocks `{{$content}}`); not lambdas, dynamic names or pragmas.
public indirect enum MustacheNode: Sendable, Equatable {
    case text(String)
    /// `{{name}}` (escaped) or `{{{name}}}`/`{{&name}}` (as it is); `name` split at dots,
    /// `["."]` for the implicit iterator.
    case variable(MustacheName, escaped: Bool)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
    case section(MustacheName, inverted: Bool, children: [MustacheNode])
    /// `{{>name}}`; `indentation` is what stood before a standalone partial tag on its line.
    case partial(String, indentation: String, at: MustachePosition)
    /// `{{<name}}…{{/name}}`: the template `name` with the blocks given inside.
    case parent(String, indentation: String, blocks: [String: [MustacheNode]], at: MustachePosition)
    /// `{{$name}}…{{/name}}`: a block, its content the default; `indentation` is what stood
    /// before it on its line (for the content a parent gives it).
    case block(String, indentation: String, children: [MustacheNode])
}

/// Where a tag starts in its template file, 1-based.
public struct MustachePosition: Sendable, Equatable, Hashable {
    public let line: Int
    public let column: Int
}

/// A name as written in a tag, with where the tag is.
public struct MustacheName: Sendable, Equatable {
    public let parts: [String]
    public let position: MustachePosition
    public var text: String { parts == ["."] ? "." : parts.joined(separator: ".") }
}

/// A template that does not parse: what is wrong and where.
public struct MustacheSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public let position: MustachePosition
    public var description: String { "\(position.line):\(position.column): \(message)" }
}

/// Parses template text into `MustacheNode`s. Works on UTF-8 bytes; columns are counted in
/// characters, as editors count them.
public struct MustacheParser {
    private let bytes: [UInt8]
    private var offset = 0
    private var open: [UInt8] = Array("{{".utf8)
    private var close: [UInt8] = Array("}}".utf8)
    /// Byte offsets where lines start, for positions.
    private let lineStarts: [Int]

    public static func parse(_ text: String) throws(MustacheSyntaxError) -> [MustacheNode] {
        var parser = MustacheParser(text)
        return try parser.run()
    }

    private init(_ text: String) {
        bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        lineStarts = starts
    }

    /// A section, parent or block being read, and what it holds so far.
    private struct Frame {
        enum Kind {
            case root
            case section(inverted: Bool)
            /// `{{<name}}`: only the blocks inside count.
            case parent(indentation: String, at: MustachePosition)
            /// A block given inside a parent: its lines lose the indentation of its first line.
            case blockDefinition
            /// A block in a template: the parent's blocks replace its content.
            case block(indentation: String)
        }
        let kind: Kind
        let name: MustacheName?
        var children: [MustacheNode] = []
        /// Whether the line had only blanks and standalone tags when the frame's tag opened:
        /// what the enclosing frame goes on with once it closes.
        let openedStandalone: Bool
        /// Inside a block given to a parent (or a section inside one): lines lose the
        /// indentation of the first line.
        var inDefinition: Bool
        var definitionIndent: Int?
    }
    private func position(_ offset: Int) -> MustachePosition {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        let column = String(decoding: bytes[lineStarts[low]..<offset], as: UTF8.self).count + 1
        return MustachePosition(line: low + 1, column: column)
    }

    private func matches(_ pattern: [UInt8], at index: Int) -> Bool {
        guard index + pattern.count <= bytes.count else { return false }
        for (i, b) in pattern.enumerated() where bytes[index + i] != b { return false }
        return true
    }

    private func find(_ pattern: [UInt8], from index: Int) -> Int? {
        var i = index
        while i + pattern.count <= bytes.count {
            if bytes[i] == pattern[0] && matches(pattern, at: i) { return i }
            i += 1
        }
        return nil
    }

    private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    private static func trimmed(_ slice: ArraySlice<UInt8>) -> String {
        var s = slice
        while let f = s.first, isBlank(f) || f == 0x0A || f == 0x0D { s.removeFirst() }
        while let l = s.last, isBlank(l) || l == 0x0A || l == 0x0D { s.removeLast() }
        return String(decoding: s, as: UTF8.self)
    }

    /// Whether only blanks are left on the line from `index`; then where the next line starts
    /// (or the end).
    private func restOfLineIsBlank(from index: Int) -> Int? {
        var i = index
        while i < bytes.count, Self.isBlank(bytes[i]) { i += 1 }
        if i == bytes.count { return i }
        if bytes[i] == 0x0A { return i + 1 }
        if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { return i + 2 }
        return nil
    }

    /// Reads the template line by line: a line's leading blanks are held apart, so that a tag
    /// alone on its line (but for blanks) is *standalone* and takes the line with it, as the
    /// spec says; after a standalone tag the line counts as new again (two standalone tags may
    /// share a line), and the content of a parent starts as a new line.
    private mutating func run() throws(MustacheSyntaxError) -> [MustacheNode] {
        var stack = [Frame(kind: .root, name: nil, openedStandalone: true, inDefinition: false)]
        var newLine = true
        var blanks = ""
        func append(_ node: MustacheNode) { stack[stack.count - 1].children.append(node) }
        func flushBlanks() {
            if !blanks.isEmpty { append(.text(blanks)) }
            blanks = ""
        }
        while offset < bytes.count {
            if newLine {
                let start = offset
                while offset < bytes.count, Self.isBlank(bytes[offset]) { offset += 1 }
                var read = String(decoding: bytes[start..<offset], as: UTF8.self)
                if stack[stack.count - 1].inDefinition {
                    if let indent = stack[stack.count - 1].definitionIndent {
                        read = String(read.dropFirst(indent))
                        blanks = read
                    } else {
                        stack[stack.count - 1].definitionIndent = read.count
                    }
                } else {
                    blanks = read
                }
            }
            // Text up to the next tag or the end of the line.
            let textStart = offset
            while offset < bytes.count, bytes[offset] != 0x0A, !matches(open, at: offset) { offset += 1 }
            let text = String(decoding: bytes[textStart..<offset], as: UTF8.self)
            if offset < bytes.count, bytes[offset] == 0x0A {
                offset += 1
                append(.text(blanks + text + "\n"))
                blanks = ""
                newLine = true
                continue
            }
            if !text.isEmpty {
                append(.text(blanks + text))
                blanks = ""
                newLine = false
            }
            guard offset < bytes.count else { break }

            // A tag.
            let tagStart = offset
            let at = position(tagStart)
            var contentStart = tagStart + open.count
            var sigil: UInt8 = 0
            if contentStart < bytes.count, "#^/>!=&{<$%".utf8.contains(bytes[contentStart]) {
                sigil = bytes[contentStart]
                contentStart += 1
            }
            var closer = close
            if sigil == UInt8(ascii: "{") { closer = [UInt8(ascii: "}")] + close }
            if sigil == UInt8(ascii: "=") { closer = [UInt8(ascii: "=")] + close }
            guard let contentEnd = find(closer, from: contentStart) else {
                throw MustacheSyntaxError(message: "unfinished tag: expected '\(String(decoding: closer, as: UTF8.self))'", position: at)
            }
            offset = contentEnd + closer.count
            let content = Self.trimmed(bytes[contentStart..<contentEnd])
            /// Whether the tag is standalone; if so the rest of its line is taken.
            func standalone() -> Bool {
                guard newLine, let next = restOfLineIsBlank(from: offset) else { return false }
                offset = next
                blanks = ""
                return true
            }
            func name() throws(MustacheSyntaxError) -> MustacheName {
                guard !content.isEmpty else { throw MustacheSyntaxError(message: "a tag needs a name", position: at) }
                // A tag left open (`{{#name}` or `{{name`) runs on to the next closing braces.
                if content.contains(where: { $0.isNewline || $0 == "{" || $0 == "}" }) {
                    throw MustacheSyntaxError(
                        message: "unfinished tag: expected '\(String(decoding: closer, as: UTF8.self))' before the end of its line",
                        position: at)
                }
                guard !content.contains(where: \.isWhitespace) else {
                    throw MustacheSyntaxError(message: "'\(content)' is not a name: a name has no spaces", position: at)
                }
                if content == "." { return MustacheName(parts: ["."], position: at) }
                let parts = content.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                guard !parts.contains(where: \.isEmpty) else {
                    throw MustacheSyntaxError(message: "'\(content)' is not a name", position: at)
                }
                return MustacheName(parts: parts, position: at)
            }
            let top = stack[stack.count - 1]
            switch sigil {
            case 0, UInt8(ascii: "&"), UInt8(ascii: "{"):
                flushBlanks()
                append(.variable(try name(), escaped: sigil == 0))
                newLine = false
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let tagName = try name()
                let alone = standalone()
                if !alone { flushBlanks() }
                stack.append(
                    Frame(
                        kind: .section(inverted: sigil == UInt8(ascii: "^")), name: tagName, openedStandalone: alone,
                        inDefinition: top.inDefinition, definitionIndent: top.definitionIndent))
                newLine = alone
            case UInt8(ascii: "<"):
                let tagName = try name()
                let indentation = blanks
                flushBlanks()
                let alone = standalone()
                stack.append(
                    Frame(kind: .parent(indentation: indentation, at: at), name: tagName, openedStandalone: alone, inDefinition: true))
                newLine = true
            case UInt8(ascii: "$"):
                let tagName = try name()
                if case .parent = top.kind {
                    let alone = standalone()
                    stack.append(Frame(kind: .blockDefinition, name: tagName, openedStandalone: alone, inDefinition: true))
                    newLine = alone
                } else {
                    let indentation = blanks
                    flushBlanks()
                    let alone = standalone()
                    stack.append(
                        Frame(
                            kind: .block(indentation: indentation), name: tagName, openedStandalone: alone,
                            inDefinition: top.inDefinition, definitionIndent: top.definitionIndent))
                    newLine = alone
                }
            case UInt8(ascii: "/"):
                let closing = try name()
                if !standalone() { flushBlanks() }
                guard stack.count > 1, let frame = stack.last, frame.name?.text == closing.text else {
                    let expected = stack.count > 1 ? stack.last!.name!.text : nil
                    throw MustacheSyntaxError(
                        message: expected.map { "'{{/\(closing.text)}}' does not close the open '\($0)': expected '{{/\($0)}}'" }
                            ?? "'{{/\(closing.text)}}' closes nothing that is open",
                        position: at)
                }
                stack.removeLast()
                switch frame.kind {
                case .section(let inverted): append(.section(frame.name!, inverted: inverted, children: frame.children))
                case .blockDefinition: append(.block(frame.name!.text, indentation: "", children: frame.children))
                case .block(let indentation): append(.block(frame.name!.text, indentation: indentation, children: frame.children))
                case .parent(let indentation, let parentAt):
                    // Inside a parent only blocks count: they override the parent's.
                    var blocks: [String: [MustacheNode]] = [:]
                    for case .block(let blockName, _, let children) in frame.children where blocks[blockName] == nil {
                        blocks[blockName] = children
                    }
                    append(.parent(frame.name!.text, indentation: indentation, blocks: blocks, at: parentAt))
                case .root: break
                }
                newLine = frame.openedStandalone
            case UInt8(ascii: ">"):
                let partialName = try name().text
                let indentation = blanks
                flushBlanks()
                let alone = standalone()
                append(.partial(partialName, indentation: alone ? indentation : "", at: at))
                newLine = alone
            case UInt8(ascii: "!"), UInt8(ascii: "%"):
                newLine = standalone()
            case UInt8(ascii: "="):
                let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
                guard parts.count == 2, !parts[0].contains("="), !parts[1].contains("=") else {
                    throw MustacheSyntaxError(message: "a set-delimiter tag is '{{=<% %>=}}': two delimiters", position: at)
                }
                open = Array(parts[0].utf8)
                close = Array(parts[1].utf8)
                newLine = standalone()
            default:
                break
            }
        }
        flushBlanks()
        guard stack.count == 1 else {
            let frame = stack.last!
            throw MustacheSyntaxError(
                message: "'\(frame.name?.text ?? "")' is never closed: expected '{{/\(frame.name?.text ?? "")}}'",
                position: frame.name?.position ?? MustachePosition(line: 1, column: 1))
        }
        return stack[0].children
    }
}
