/// Per-file limits that bound what a body may cost cmark-gfm (Debian's 0.29.0.gfm.6): a
/// 10,000-column table took 13 s, one 100 KB link used 10,000 times 3.8 GB. A body past a
/// limit is an error at its place, with the `site.md` setting that raises the limit.
public struct ContentLimits: Sendable, Equatable {
    /// `max-body-bytes`: the body of one file, in UTF-8 bytes.
    public var bodyBytes = 262_144
    /// `max-table-columns`: `|` characters on one line, an upper bound of a table's columns.
    public var tableColumns = 64
    /// `max-link-length`: characters of a link's address (a run without spaces longer than
    /// this cannot be an ordinary word).
    public var linkLength = 2_048

    public init() {}

    public static let keys = ["max-body-bytes", "max-table-columns", "max-link-length"]

    /// The limits `site.md` sets (the defaults where it sets none or cannot be read); read
    /// before any body is parsed. `site.md`'s own problems are reported by the parse stage.
    public static func of(site: SourceFile?) -> ContentLimits {
        guard let site else { return ContentLimits() }
        return ContentParser(includeDrafts: false).assemble(site: site, files: [], parsed: []).0.site?.limits
            ?? ContentLimits()
    }

    /// The errors `body` makes against these limits; none means cmark-gfm may have it.
    func problems(in body: MarkdownSource) -> [Diagnostic] {
        let bytes = body.text.utf8.count
        if bytes > bodyBytes {
            return [
                body.file.error(
                    "limits.body-size", "the body is \(bytes) bytes, over the limit of \(bodyBytes)",
                    line: body.startLine, column: 1,
                    hint: "split it into several files, or raise 'max-body-bytes' in site.md")
            ]
        }
        var text = body.text
        // Over contiguous UTF-8 bytes: iterating `String.utf8` costs several times more.
        return text.withUTF8 { problems(in: $0, of: body) }
    }

    private func problems(in bytes: UnsafeBufferPointer<UInt8>, of body: MarkdownSource) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var line = body.startLine
        var pipes = 0
        var run = 0
        var runStart = 0
        var column = 0
        var reportedColumns = false
        var reportedLink = false
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                line += 1
                pipes = 0
                run = 0
                column = 0
                continue
            }
            column += 1
            if byte == UInt8(ascii: "|") {
                pipes += 1
                if pipes > tableColumns && !reportedColumns {
                    reportedColumns = true
                    problems.append(
                        body.file.error(
                            "limits.table-columns",
                            "this line has more than \(tableColumns) '|': a table this wide is over the limit",
                            line: line, column: 1, hint: "raise 'max-table-columns' in site.md if the table is meant"))
                }
            }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                run = 0
            } else {
                if run == 0 { runStart = column }
                run += 1
                if run > linkLength && !reportedLink {
                    reportedLink = true
                    problems.append(
                        body.file.error(
                            "limits.link-length",
                            "more than \(linkLength) characters without a space: a link this long is over the limit",
                            line: line,
                            column: body.file.characterColumn(line: line, byteColumn: runStart),
                            hint: "raise 'max-link-length' in site.md if the address is meant"))
                }
            }
        }
        return problems
    }
}
