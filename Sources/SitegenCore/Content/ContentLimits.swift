import Foundation

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
    /// What the Markdown stage needs of `site.md` before the graph is built: these limits, and
    /// whether bodies' figures are collected (not with `figures: off`, which checks none).
    static func forBodies(site: SourceFile?) -> (limits: ContentLimits, collectsFigures: Bool) {
        guard let site, let settings = ContentParser(includeDrafts: false).assemble(site: site, files: [], parsed: []).0.site
        else { return (ContentLimits(), true) }
        return (settings.limits, settings.policies.figures != .off)
    }

    /// The errors `body` makes against these limits; none means cmark-gfm may have it.
    func problems(in body: MarkdownSource) -> [Diagnostic] {
        var text = body.text
        let bytes = text.utf8.count
        if bytes > bodyBytes {
            return [
                body.file.error(
                    "limits.body-size", "the body is \(bytes) bytes, over the limit of \(bodyBytes)",
                    line: body.startLine, column: 1,
                    hint: "split it into several files, or raise 'max-body-bytes' in site.md")
            ]
        }
        // Over contiguous UTF-8 bytes: iterating `String.utf8` costs several times more.
        return text.withUTF8 { problems(in: $0, of: body) }
    }

    /// Line by line (found with `memchr`): a line no longer than a limit cannot break it, so
    /// only longer lines are looked into, `|`s counted with `memchr` too.
    private func problems(in bytes: UnsafeBufferPointer<UInt8>, of body: MarkdownSource) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        guard let base = bytes.baseAddress else { return problems }
        var reportedColumns = false
        var reportedLink = false
        var line = body.startLine
        var start = 0
        func offset(_ found: UnsafeMutableRawPointer) -> Int { UnsafeRawPointer(found) - UnsafeRawPointer(base) }
        while start <= bytes.count {
            let rest = bytes.count - start
            let newline = rest == 0 ? nil : memchr(base + start, Int32(UInt8(ascii: "\n")), rest)
            let end = newline.map(offset) ?? bytes.count
            let length = end - start
            if length > tableColumns && !reportedColumns {
                var pipes = 0
                var at = start
                while pipes <= tableColumns, at < end, let found = memchr(base + at, Int32(UInt8(ascii: "|")), end - at) {
                    pipes += 1
                    at = offset(found) + 1
                }
                if pipes > tableColumns {
                    reportedColumns = true
                    problems.append(
                        body.file.error(
                            "limits.table-columns",
                            "this line has more than \(tableColumns) '|': a table this wide is over the limit",
                            line: line, column: 1, hint: "raise 'max-table-columns' in site.md if the table is meant"))
                }
            }
            if length > linkLength && !reportedLink {
                var run = 0
                var runStart = 0
                for i in start..<end {
                    let byte = base[i]
                    if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                        run = 0
                        continue
                    }
                    if run == 0 { runStart = i - start + 1 }
                    run += 1
                    if run > linkLength {
                        reportedLink = true
                        problems.append(
                            body.file.error(
                                "limits.link-length",
                                "more than \(linkLength) characters without a space: a link this long is over the limit",
                                line: line,
                                column: body.file.characterColumn(line: line, byteColumn: runStart),
                                hint: "raise 'max-link-length' in site.md if the address is meant"))
                        break
                    }
                }
            }
            guard newline != nil else { break }
            line += 1
            start = end + 1
        }
        return problems
    }
}
