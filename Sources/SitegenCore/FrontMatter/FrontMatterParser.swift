import Foundation

/// Parses the strict YAML subset of the content model (see docs/editing.md, "Front matter").
///
/// The subset: `key: value` lines; plain, "double" and 'single' quoted scalars; inline
/// `[a, b]` and block `- item` lists; a list of maps one level deep; `|` and `>` blocks.
/// Everything else YAML has (anchors, aliases, tags, flow maps, deeper nesting, tabs for
/// indentation, several documents, duplicate keys) is an error with its position, so that
/// whatever the subset accepts means the same strings to any YAML 1.2 parser.
public struct FrontMatterParser {
    let file: SourceFile
    private var diagnostics: [Diagnostic] = []
    /// Front matter lines as Unicode scalars, as YAML reads them: index 0 is file line 2 (after
    /// the opening `---`). Offsets count scalars; diagnostics and values report characters.
    private var lines: [[Unicode.Scalar]] = []
    /// The same lines as text, and whether each is ASCII (then offsets in `lines` are UTF-8
    /// offsets too, and a value's text is cut from the line without rebuilding it).
    private var lineTexts: [Substring] = []
    private var asciiLines: [Bool] = []
    private var index = 0

    public init(file: SourceFile) {
        self.file = file
    }

    /// Parses the file; the document is nil only when no front matter block could be found.
    public static func parse(_ file: SourceFile) -> (FrontMatterDocument?, [Diagnostic]) {
        var parser = FrontMatterParser(file: file)
        let document = parser.run()
        return (document, parser.diagnostics)
    }

    /// A `---` line, alone or followed by a comment (`--- # front matter`), as YAML reads it.
    static func isDelimiter(_ line: some StringProtocol) -> Bool {
        let trimmed = line.trimmingTrailingSpaces
        guard trimmed.hasPrefix("---") else { return false }
        let rest = trimmed.dropFirst(3)
        let comment = rest.drop { $0 == " " || $0 == "\t" }
        return rest.isEmpty || (comment.count < rest.count && comment.hasPrefix("#"))
    }

    private mutating func run() -> FrontMatterDocument? {
        var first = String(file.lineText(0))
        if first.hasPrefix("\u{FEFF}") { first.removeFirst() }
        guard Self.isDelimiter(first) else {
            diagnostics.append(
                error(
                    "frontmatter.missing", "expected '---' on the first line to open the front matter", line: 1,
                    hint: "a content file starts with '---', then 'key: value' lines, then '---'"))
            return nil
        }
        guard
            let closing = (1..<max(1, file.lineCount)).first(where: {
                Self.isDelimiter(file.lineText($0))
            })
        else {
            diagnostics.append(
                error(
                    "frontmatter.unclosed", "the front matter opened here is never closed", line: 1,
                    hint: "add a line '---' after the last 'key: value' line"))
            return nil
        }
        lineTexts = (1..<closing).map { file.lineText($0) }
        asciiLines = lineTexts.map { $0.utf8.allSatisfy { $0 < 0x80 } }
        lines = lineTexts.map { Array($0.unicodeScalars) }
        let map = parseMap(indent: 0, depth: 0, line: 2, column: 1)
        return FrontMatterDocument(map: map, file: file, bodyStartLine: closing + 2)
    }

    // MARK: Lines

    private func fileLine(_ i: Int) -> Int { i + 2 }

    static func string(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    /// The character column of 1-based scalar column `column` on file line `line`.
    private func column(_ column: Int, line: Int) -> Int {
        let i = line - 2
        guard i >= 0, i < lines.count, !asciiLines[i], column > 1 else { return column }
        return Self.string(lines[i].prefix(column - 1)).count + 1
    }

    /// An error at a scalar column, reported at its character column.
    private func error(
        _ code: String, _ message: String, line: Int, column: Int = 1, hint: String? = nil
    ) -> Diagnostic {
        file.error(code, message, line: line, column: self.column(column, line: line), hint: hint)
    }

    /// The text of `range` (offsets into `lines[i]`).
    private func text(_ i: Int, _ range: Range<Int>) -> String {
        guard asciiLines[i] else { return Self.string(lines[i][range]) }
        let utf8 = lineTexts[i].utf8
        let from = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return String(lineTexts[i][from..<utf8.index(from, offsetBy: range.count)])
    }

    private func indentation(_ chars: [Unicode.Scalar]) -> Int {
        chars.firstIndex { $0 != " " } ?? chars.count
    }

    /// Blank lines and lines holding only a comment carry nothing.
    private func isEmpty(_ chars: [Unicode.Scalar]) -> Bool {
        let i = indentation(chars)
        return i == chars.count || chars[i] == "#"
            || (chars[i] == "\t" && chars[i...].allSatisfy { $0 == " " || $0 == "\t" })
    }

    /// Reports a tab among the leading whitespace; YAML forbids tabs for indentation.
    private mutating func checkTabs(_ i: Int) -> Bool {
        let chars = lines[i]
        if let tab = chars.prefix(while: { $0 == " " || $0 == "\t" }).firstIndex(of: "\t") {
            diagnostics.append(
                error(
                    "frontmatter.tab", "tab used for indentation", line: fileLine(i), column: tab + 1,
                    hint: "indent with spaces; YAML does not allow tabs here"))
            return false
        }
        return true
    }

    /// Skips lines that carry nothing; returns the next meaningful line's index, if any.
    private mutating func nextMeaningful() -> Int? {
        while index < lines.count {
            if !isEmpty(lines[index]) { return index }
            index += 1
        }
        return nil
    }

    // MARK: Maps

    /// Parses `key: value` lines at exactly `indent` until a line with less indentation.
    private mutating func parseMap(indent: Int, depth: Int, line: Int, column: Int, firstLineOffset: Int? = nil)
        -> FrontMatterMap
    {
        var entries: [FrontMatterEntry] = []
        var brokenKeys: [String] = []
        var seen: [String: Int] = [:]
        var pendingFirst = firstLineOffset
        while true {
            let start: Int
            let lineIndex: Int
            if let offset = pendingFirst {
                // The first entry of a list item shares the line with its `- `.
                lineIndex = index
                start = offset
                pendingFirst = nil
            } else {
                guard let i = nextMeaningful() else { break }
                guard checkTabs(i) else {
                    index += 1
                    continue
                }
                let lineIndent = indentation(lines[i])
                if lineIndent < indent { break }
                if lineIndent > indent {
                    diagnostics.append(
                        error(
                            "frontmatter.unexpected-indent", "unexpected indentation", line: fileLine(i),
                            column: lineIndent + 1,
                            hint: depth == 0
                                ? "top-level keys start at the beginning of the line; for text over several lines use '>' or '|'"
                                : "keys of a list item line up under the first key after '- '"))
                    index += 1
                    skipDeeper(than: indent)
                    continue
                }
                if depth > 0 && lines[i][lineIndent] == "-" { break }
                lineIndex = i
                start = lineIndent
            }
            index = lineIndex + 1
            guard let (key, afterColon) = parseKey(lineIndex, at: start) else {
                skipDeeper(than: indent)
                continue
            }
            let value = parseValue(lineIndex, from: afterColon, parentIndent: indent, depth: depth, key: key)
            if let firstLine = seen[key] {
                diagnostics.append(
                    error(
                        "frontmatter.duplicate-key", "duplicate key '\(key)'", line: fileLine(lineIndex),
                        column: start + 1, hint: "'\(key)' is already set on line \(firstLine)"))
            } else if let value {
                seen[key] = fileLine(lineIndex)
                entries.append(
                    FrontMatterEntry(
                        key: key, line: fileLine(lineIndex), column: self.column(start + 1, line: fileLine(lineIndex)),
                        value: value))
            } else {
                seen[key] = fileLine(lineIndex)
                brokenKeys.append(key)
            }
        }
        return FrontMatterMap(entries: entries, line: line, column: column, brokenKeys: brokenKeys)
    }

    /// After an error, skips the lines that belong to the broken entry.
    private mutating func skipDeeper(than indent: Int) {
        while index < lines.count, isEmpty(lines[index]) || indentation(lines[index]) > indent {
            index += 1
        }
    }

    /// Reads `key:` at `start`; returns the key and the offset just after the colon.
    private mutating func parseKey(_ i: Int, at start: Int) -> (String, Int)? {
        let chars = lines[i]
        let line = fileLine(i)
        var end = start
        while end < chars.count, chars[end] != ":", chars[end] != " ", chars[end] != "\t" { end += 1 }
        let key = text(i, start..<end)
        func fail(_ code: String, _ message: String, column: Int, hint: String? = nil) -> (String, Int)? {
            diagnostics.append(error(code, message, line: line, column: column, hint: hint))
            return nil
        }
        if chars[start...].starts(with: ["-", "-", "-"]) || chars[start...].starts(with: [".", ".", "."]) {
            return fail(
                "frontmatter.multiple-documents", "only one YAML document is allowed", column: start + 1,
                hint: "the front matter ends at the first '---' line")
        }
        if let indicator = chars[start...].first, "%?&*!{[\"'-".unicodeScalars.contains(indicator) {
            switch indicator {
            case "%": return fail("frontmatter.directive", "YAML directives are not supported", column: start + 1)
            case "?": return fail("frontmatter.complex-key", "complex keys ('? ') are not supported", column: start + 1)
            case "&", "*":
                return fail(
                    "frontmatter.anchor", "anchors and aliases are not supported", column: start + 1,
                    hint: "write the value out in full")
            case "!": return fail("frontmatter.tag", "YAML tags are not supported", column: start + 1)
            case "{", "[":
                return fail("frontmatter.flow-map", "a key is expected here, not a flow collection", column: start + 1)
            case "\"", "'":
                return fail(
                    "frontmatter.quoted-key", "keys are not quoted", column: start + 1,
                    hint: "write the key as lower-case words with hyphens, e.g. 'short-name:'")
            default:
                return fail(
                    "frontmatter.unexpected-list", "a list item needs a key above it", column: start + 1,
                    hint: "write 'key:' on the line before, then the items indented under it")
            }
        }
        guard end < chars.count, chars[end] == ":" else {
            if end < chars.count, chars[end] == " ", let colon = chars[end...].firstIndex(of: ":"),
                chars[end..<colon].allSatisfy({ $0 == " " })
            {
                return fail(
                    "frontmatter.space-before-colon", "space before ':' after key '\(key)'", column: end + 1,
                    hint: "write '\(key):' with no space before the colon")
            }
            return fail(
                "frontmatter.expected-key", "expected 'key: value'", column: start + 1,
                hint: "each line of front matter is 'key: value', a list item '- value', or a comment")
        }
        guard Self.isKey(key) else {
            let suggestion = Slug.suggest(for: key.replacingUnderscores)
            return fail(
                "frontmatter.invalid-key", "invalid key '\(key)': keys are lower-case words with hyphens",
                column: start + 1, hint: suggestion.isEmpty ? nil : "did you mean '\(suggestion)'?")
        }
        let after = end + 1
        if after < chars.count, chars[after] != " " {
            return fail(
                "frontmatter.expected-space", "expected a space after '\(key):'", column: after + 1,
                hint: "write '\(key): value'")
        }
        return (key, after)
    }

    static func isKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return Slug.isValid(key)
    }

    // MARK: Values

    /// Parses what follows `key:`: an inline value, or a block list or block text on the lines below.
    private mutating func parseValue(_ i: Int, from offset: Int, parentIndent: Int, depth: Int, key: String)
        -> FrontMatterValue?
    {
        let chars = lines[i]
        let line = fileLine(i)
        var start = offset
        while start < chars.count, chars[start] == " " || chars[start] == "\t" { start += 1 }
        if start == chars.count || chars[start] == "#" {
            return parseBlockCollection(parentIndent: parentIndent, depth: depth, key: key, line: line)
        }
        switch chars[start] {
        case "[":
            return parseFlowList(i, at: start)
        case "|", ">":
            return parseBlockScalar(i, at: start, parentIndent: parentIndent)
        default:
            guard let scalar = parseScalar(i, at: start, inFlow: false) else { return nil }
            guard scalar.end == chars.count || isComment(chars, from: scalar.end) else {
                diagnostics.append(
                    error(
                        "frontmatter.trailing-text", "unexpected text after the value", line: line,
                        column: scalar.end + 1, hint: quoteHint(chars[start...])))
                return nil
            }
            if let i = nextMeaningful(), indentation(lines[i]) > parentIndent {
                diagnostics.append(
                    error(
                        "frontmatter.multiline-plain", "a value continues on an indented line", line: fileLine(i),
                        column: indentation(lines[i]) + 1,
                        hint:
                            "a plain value ends with its line; for longer text write '\(key): >' and indent the text below"
                    ))
                index = i
                skipDeeper(than: parentIndent)
            }
            return .scalar(scalar.value)
        }
    }

    /// `key:` with nothing after it: a block list must follow, indented under the key.
    private mutating func parseBlockCollection(parentIndent: Int, depth: Int, key: String, line: Int)
        -> FrontMatterValue?
    {
        if let i = nextMeaningful(), !checkTabs(i) {
            index = i + 1
            skipDeeper(than: parentIndent)
            return nil
        }
        guard let i = nextMeaningful(), indentation(lines[i]) > parentIndent else {
            if let i = nextMeaningful(), lines[i].count > parentIndent, lines[i][parentIndent] == "-" {
                diagnostics.append(
                    error(
                        "frontmatter.list-indent", "the items of '\(key):' must be indented under it",
                        line: fileLine(i), column: parentIndent + 1, hint: "write '  - item', two spaces in"))
                index = i
                while let j = nextMeaningful(), indentation(lines[j]) >= parentIndent,
                    lines[j].count > parentIndent, lines[j][parentIndent] == "-" || indentation(lines[j]) > parentIndent
                {
                    index = j + 1
                }
                return nil
            }
            diagnostics.append(
                error(
                    "frontmatter.missing-value", "'\(key):' has no value", line: line,
                    column: parentIndent + 1,
                    hint: "write a value after the colon, or list items below it as '  - item'"))
            return nil
        }
        guard checkTabs(i) else {
            skipDeeper(than: parentIndent)
            return nil
        }
        let itemIndent = indentation(lines[i])
        guard lines[i][itemIndent] == "-", itemIndent + 1 == lines[i].count || lines[i][itemIndent + 1] == " " else {
            let looksLikeKey = lines[i][itemIndent...].contains(":")
            diagnostics.append(
                error(
                    looksLikeKey ? "frontmatter.nested-map" : "frontmatter.unexpected-indent",
                    looksLikeKey
                        ? "nested maps are not supported under '\(key):'" : "unexpected indented text under '\(key):'",
                    line: fileLine(i), column: itemIndent + 1,
                    hint: looksLikeKey
                        ? "only lists ('- item') and lists of maps ('- key: value') may be nested"
                        : "put the value on the same line as the key, or use '>' for longer text"))
            index = i
            skipDeeper(than: parentIndent)
            return nil
        }
        if depth > 0 {
            diagnostics.append(
                error(
                    "frontmatter.too-deep", "lists inside a list item are not supported", line: fileLine(i),
                    column: itemIndent + 1, hint: "write the list inline: '\(key): [a, b]'"))
            index = i
            skipDeeper(than: parentIndent)
            return nil
        }
        var items: [FrontMatterListItem] = []
        while let j = nextMeaningful(), indentation(lines[j]) >= itemIndent {
            guard checkTabs(j) else {
                index = j + 1
                continue
            }
            let ind = indentation(lines[j])
            guard ind == itemIndent, lines[j][ind] == "-", ind + 1 == lines[j].count || lines[j][ind + 1] == " " else {
                diagnostics.append(
                    error(
                        "frontmatter.unexpected-indent", "expected a list item '- ' here", line: fileLine(j),
                        column: ind + 1, hint: "list items line up under each other, each starting with '- '"))
                index = j + 1
                continue
            }
            if let item = parseListItem(j, dashAt: ind) { items.append(item) }
        }
        return .list(items, line: fileLine(i), column: self.column(itemIndent + 1, line: fileLine(i)))
    }

    private mutating func parseListItem(_ i: Int, dashAt dash: Int) -> FrontMatterListItem? {
        let chars = lines[i]
        let line = fileLine(i)
        var start = dash + 1
        while start < chars.count, chars[start] == " " { start += 1 }
        index = i + 1
        if start == chars.count || chars[start] == "#" {
            diagnostics.append(
                error(
                    "frontmatter.empty-item", "empty list item", line: line, column: dash + 1,
                    hint: "write the item after '- ' on the same line"))
            return nil
        }
        if chars[start] == "-" && (start + 1 == chars.count || chars[start + 1] == " ") || chars[start] == "[" {
            diagnostics.append(
                error(
                    "frontmatter.too-deep", "lists inside lists are not supported", line: line,
                    column: start + 1))
            return nil
        }
        if mapKeyColon(chars, from: start) != nil {
            index = i
            let map = parseMap(
                indent: start, depth: 1, line: line, column: self.column(start + 1, line: line), firstLineOffset: start)
            return .map(map)
        }
        guard let scalar = parseScalar(i, at: start, inFlow: false) else { return nil }
        guard scalar.end == chars.count || isComment(chars, from: scalar.end) else {
            diagnostics.append(
                error(
                    "frontmatter.trailing-text", "unexpected text after the value", line: line,
                    column: scalar.end + 1, hint: quoteHint(chars[start...])))
            return nil
        }
        return .scalar(scalar.value)
    }

    /// `key:` at `start` followed by a space or the end of the line makes a list item a map.
    private func mapKeyColon(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
        var end = start
        while end < chars.count, chars[end] != ":", chars[end] != " " { end += 1 }
        guard end < chars.count, chars[end] == ":", end > start,
            end + 1 == chars.count || chars[end + 1] == " "
        else { return nil }
        guard !"\"'[{".unicodeScalars.contains(chars[start]) else { return nil }
        return end
    }

    private func isComment(_ chars: [Unicode.Scalar], from offset: Int) -> Bool {
        var k = offset
        while k < chars.count, chars[k] == " " || chars[k] == "\t" { k += 1 }
        return k == chars.count || (chars[k] == "#" && k > offset)
    }

    private func quoteHint(_ text: ArraySlice<Unicode.Scalar>) -> String {
        let raw = Self.string(text).trimmingTrailingSpaces
        if raw.contains("'") && !raw.contains("\"") { return "quote the whole value: \"\(raw)\"" }
        return "quote the whole value: '\(raw.replacingOccurrences(of: "'", with: "''"))'"
    }

    // MARK: Scalars

    private struct ScalarResult {
        let value: FrontMatterScalar
        /// Offset just past the scalar (and its closing quote).
        let end: Int
    }

    private mutating func parseScalar(_ i: Int, at start: Int, inFlow: Bool) -> ScalarResult? {
        let chars = lines[i]
        let line = fileLine(i)
        switch chars[start] {
        case "\"": return parseDoubleQuoted(i, at: start)
        case "'": return parseSingleQuoted(i, at: start)
        default: break
        }
        let c = chars[start]
        let next: Unicode.Scalar? = start + 1 < chars.count ? chars[start + 1] : nil
        func fail(_ code: String, _ message: String, hint: String? = nil) -> ScalarResult? {
            diagnostics.append(error(code, message, line: line, column: start + 1, hint: hint))
            return nil
        }
        switch c {
        case "&", "*":
            return fail(
                "frontmatter.anchor", "anchors and aliases are not supported", hint: "write the value out in full")
        case "!":
            return fail(
                "frontmatter.tag", "YAML tags are not supported", hint: "remove the tag; types come from the schema")
        case "{":
            return fail(
                "frontmatter.flow-map", "flow maps ('{ … }') are not supported",
                hint: "write one 'key: value' per line; lists of maps use '- key: value' items")
        case "[" where inFlow: return fail("frontmatter.too-deep", "lists inside lists are not supported")
        case "%", "@", "`", ",", "]", "}", "|", ">":
            if inFlow && (c == "|" || c == ">") {
                return fail("frontmatter.block-in-flow", "block text cannot stand inside '[ ]'")
            }
            return fail(
                "frontmatter.reserved-indicator", "a plain value cannot start with '\(c)'",
                hint: quoteHint(chars[start...]))
        case "-", "?", ":":
            if next == nil || next == " " || (inFlow && next == ",") {
                return fail(
                    "frontmatter.reserved-indicator", "a plain value cannot start with '\(c) '",
                    hint: quoteHint(chars[start...]))
            }
        default: break
        }
        var end = start
        while end < chars.count {
            let ch = chars[end]
            if ch == "#", end > start, chars[end - 1] == " " || chars[end - 1] == "\t" { break }
            if ch == ":",
                end + 1 == chars.count || chars[end + 1] == " "
                    || (inFlow && ",[]{}".unicodeScalars.contains(chars[end + 1]))
            {
                diagnostics.append(
                    error(
                        "frontmatter.colon-in-value", "': ' inside a plain value would start a nested map",
                        line: line, column: end + 1, hint: quoteHint(chars[start...])))
                return nil
            }
            if inFlow, ",[]{}".unicodeScalars.contains(ch) { break }
            end += 1
        }
        var textEnd = end
        while textEnd > start, chars[textEnd - 1] == " " || chars[textEnd - 1] == "\t" { textEnd -= 1 }
        guard
            let scalar = withoutControls(
                FrontMatterScalar(
                    text: text(i, start..<textEnd), line: line, column: self.column(start + 1, line: line), isPlain: true))
        else { return nil }
        return ScalarResult(value: scalar, end: textEnd)
    }

    private mutating func parseSingleQuoted(_ i: Int, at start: Int) -> ScalarResult? {
        let chars = lines[i]
        var text = ""
        var k = start + 1
        while k < chars.count {
            if chars[k] == "'" {
                if k + 1 < chars.count, chars[k + 1] == "'" {
                    text.append("'")
                    k += 2
                    continue
                }
                guard
                    let scalar = withoutControls(
                        FrontMatterScalar(
                            text: text, line: fileLine(i), column: self.column(start + 1, line: fileLine(i)),
                            isPlain: false))
                else { return nil }
                return ScalarResult(value: scalar, end: k + 1)
            }
            text.unicodeScalars.append(chars[k])
            k += 1
        }
        diagnostics.append(unclosedQuote(i, at: start))
        return nil
    }

    private mutating func parseDoubleQuoted(_ i: Int, at start: Int) -> ScalarResult? {
        let chars = lines[i]
        var text = ""
        var k = start + 1
        while k < chars.count {
            let ch = chars[k]
            if ch == "\"" {
                guard
                    let scalar = withoutControls(
                        FrontMatterScalar(
                            text: text, line: fileLine(i), column: self.column(start + 1, line: fileLine(i)),
                            isPlain: false))
                else { return nil }
                return ScalarResult(value: scalar, end: k + 1)
            }
            if ch == "\\" {
                guard k + 1 < chars.count else { break }
                let escape = chars[k + 1]
                switch escape {
                case "\"": text.append("\"")
                case "\\": text.append("\\")
                case "/": text.append("/")
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "u":
                    let hex = k + 2 + 4 <= chars.count ? Self.string(chars[(k + 2)..<(k + 6)]) : ""
                    guard hex.count == 4, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                        diagnostics.append(
                            error(
                                "frontmatter.invalid-escape", "'\\u' must be followed by four hex digits",
                                line: fileLine(i), column: k + 1, hint: "e.g. \\u00e1 for á"))
                        return nil
                    }
                    text.unicodeScalars.append(scalar)
                    k += 6
                    continue
                default:
                    diagnostics.append(
                        error(
                            "frontmatter.invalid-escape", "unknown escape '\\\(escape)' in a double-quoted value",
                            line: fileLine(i), column: k + 1,
                            hint: "the escapes are \\\", \\\\, \\n, \\t and \\uXXXX; or use single quotes"))
                    return nil
                }
                k += 2
                continue
            }
            text.unicodeScalars.append(ch)
            k += 1
        }
        diagnostics.append(unclosedQuote(i, at: start))
        return nil
    }

    private func unclosedQuote(_ i: Int, at start: Int) -> Diagnostic {
        error(
            "frontmatter.unclosed-quote", "the quote opened here is not closed on this line", line: fileLine(i),
            column: start + 1, hint: "a quoted value ends on its own line; for longer text use '>' and indent it below")
    }

    // MARK: Inline lists

    private mutating func parseFlowList(_ i: Int, at start: Int) -> FrontMatterValue? {
        let chars = lines[i]
        var items: [FrontMatterListItem] = []
        var k = start + 1
        func skipSpaces() { while k < chars.count, chars[k] == " " { k += 1 } }
        skipSpaces()
        if k < chars.count, chars[k] == "]" {
            k += 1
        } else {
            while true {
                skipSpaces()
                guard k < chars.count else {
                    diagnostics.append(
                        error(
                            "frontmatter.unclosed-list", "the list opened here is not closed on this line",
                            line: fileLine(i), column: start + 1, hint: "end the list with ']' on the same line"))
                    return nil
                }
                guard let scalar = parseScalar(i, at: k, inFlow: true) else { return nil }
                if scalar.value.isPlain, let colon = mapKeyColon(chars, from: k), colon < scalar.end {
                    diagnostics.append(
                        error(
                            "frontmatter.flow-map", "maps inside '[ ]' are not supported", line: fileLine(i),
                            column: k + 1))
                    return nil
                }
                items.append(.scalar(scalar.value))
                k = scalar.end
                skipSpaces()
                guard k < chars.count else { continue }
                if chars[k] == "," {
                    k += 1
                    continue
                }
                if chars[k] == "]" {
                    k += 1
                    break
                }
                diagnostics.append(
                    error(
                        "frontmatter.expected-comma", "expected ',' or ']' in the list", line: fileLine(i),
                        column: k + 1))
                return nil
            }
        }
        guard isComment(chars, from: k) else {
            diagnostics.append(
                error(
                    "frontmatter.trailing-text", "unexpected text after the list", line: fileLine(i), column: k + 1))
            return nil
        }
        return .list(items, line: fileLine(i), column: self.column(start + 1, line: fileLine(i)))
    }

    // MARK: Block text

    private mutating func parseBlockScalar(_ i: Int, at start: Int, parentIndent: Int) -> FrontMatterValue? {
        let chars = lines[i]
        let isFolded = chars[start] == ">"
        var k = start + 1
        var chomp: Unicode.Scalar = " "
        if k < chars.count, chars[k] == "-" || chars[k] == "+" {
            chomp = chars[k]
            k += 1
        }
        guard isComment(chars, from: k) else {
            diagnostics.append(
                error(
                    "frontmatter.block-header", "unexpected text after '\(chars[start])'", line: fileLine(i),
                    column: k + 1, hint: "write the text on the lines below, indented under the key"))
            return nil
        }
        // Content lines: blank, or indented deeper than the key.
        var content: [(line: Int, chars: [Unicode.Scalar])] = []
        var blockIndent: Int?
        while index < lines.count {
            let l = lines[index]
            let blank = l.allSatisfy { $0 == " " }
            if !blank {
                let ind = indentation(l)
                if ind <= parentIndent { break }
                if l.prefix(ind + 1).contains("\t") || (ind < l.count && l[ind] == "\t") {
                    _ = checkTabs(index)
                    index += 1
                    continue
                }
                if let b = blockIndent, ind < b {
                    diagnostics.append(
                        error(
                            "frontmatter.block-indent", "this line is indented less than the first line of the text",
                            line: fileLine(index), column: ind + 1,
                            hint: "indent every line of the text at least as much"))
                    index += 1
                    continue
                }
                if blockIndent == nil { blockIndent = ind }
            }
            content.append((fileLine(index), l))
            index += 1
        }
        let indent = blockIndent ?? 0
        var texts = content.map { line -> String? in
            line.chars.allSatisfy({ $0 == " " }) ? nil : Self.string(line.chars.dropFirst(indent))
        }
        var trailingBlanks = 0
        while let last = texts.last, last == nil {
            texts.removeLast()
            trailingBlanks += 1
        }
        var text: String
        if isFolded {
            text = ""
            var previousWasNormal = false
            var pendingBreaks = 0
            var started = false
            for t in texts {
                guard let t else {
                    pendingBreaks += 1
                    continue
                }
                let moreIndented = t.first == " "
                if started {
                    if previousWasNormal && !moreIndented {
                        text += pendingBreaks == 0 ? " " : String(repeating: "\n", count: pendingBreaks)
                    } else {
                        text += String(repeating: "\n", count: pendingBreaks + 1)
                    }
                } else {
                    text += String(repeating: "\n", count: pendingBreaks)
                }
                text += t
                started = true
                previousWasNormal = !moreIndented
                pendingBreaks = 0
            }
        } else {
            text = texts.map { $0 ?? "" }.joined(separator: "\n")
        }
        if !texts.isEmpty {
            switch chomp {
            case "-": break
            case "+": text += String(repeating: "\n", count: trailingBlanks + 1)
            default: text += "\n"
            }
        }
        let firstLine = content.first?.line ?? fileLine(i)
        return withoutControls(
            FrontMatterScalar(
                text: text, line: blockIndent == nil ? fileLine(i) : firstLine,
                column: blockIndent.map { $0 + 1 } ?? start + 1, isPlain: false)
        ).map(FrontMatterValue.scalar)
    }

    /// The scalar, or nil with an error when it holds a control character (but tab and line
    /// feed) or U+FFFE/U+FFFF: XML cannot carry them, so a title with one would break the
    /// feed and the sitemap.
    private mutating func withoutControls(_ scalar: FrontMatterScalar) -> FrontMatterScalar? {
        guard
            let bad = scalar.text.unicodeScalars.first(where: {
                ($0.value < 0x20 && $0 != "\t" && $0 != "\n") || $0.value == 0x7F || $0.value == 0xFFFE
                    || $0.value == 0xFFFF
            })
        else { return scalar }
        let hex = String(bad.value, radix: 16, uppercase: true)
        diagnostics.append(
            file.error(
                "frontmatter.control-character",
                "the value holds the control character U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex), which pages, feeds and sitemaps cannot carry",
                line: scalar.line, column: scalar.column, hint: "delete it; it is invisible in most editors"))
        return nil
    }
}

extension StringProtocol {
    var trimmingTrailingSpaces: String {
        var s = String(self)
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }

    var replacingUnderscores: String { String(self).replacingOccurrences(of: "_", with: "-") }
}
