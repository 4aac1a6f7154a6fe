import CCmarkGFM
import Foundation

/// Renders Markdown bodies with cmark-gfm, the only place in sitegen that sees cmark types.
///
/// Walks cmark's node tree after parsing to: drop raw HTML and links with dangerous schemes,
/// rewrite `@kind/slug` links to relative URLs, give headings stable ids, and collect the
/// table of contents and word count. Not `Sendable`: each task makes its own renderer.
public final class MarkdownRenderer {
    /// The extensions attached to every parser, in cmark-gfm's names.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    /// Swift strings are valid UTF-8 already, so cmark-gfm need not check it again.
    static let options = CMARK_OPT_FOOTNOTES | CMARK_OPT_SMART

    /// Diagnostics of one code listed per body; the rest are counted in one more line.
    static let listedPerCode = 10

    /// Registers cmark-gfm's core extensions; call once before any concurrent rendering.
    public static func registerExtensions() {
        _ = inlinePassNeedsNoLock
    }

    /// cmark-gfm marks the extensions' trigger characters (`:` and `w` for autolinks, `~` for
    /// strikethrough) in one process-wide table at the start of every inline pass and clears
    /// them at its end, so a pass on another thread would lose its autolinks and strikethrough
    /// (github/cmark-gfm#221). Every parser here has autolinks, so their characters are marked
    /// once, here, and the extension is left with none to mark or clear: its inline matcher
    /// does not need them (only delimiter runs such as `~~` look an extension up by character).
    /// Strikethrough does, so it is attached only to bodies with a `~`, and those take
    /// `inlinePass` for their inline pass; the other bodies never touch the table. False if
    /// that could not be set up: then every body takes the lock.
    fileprivate static let inlinePassNeedsNoLock: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        guard let autolink = cmark_find_syntax_extension("autolink"), let parser = cmark_parser_new(options) else {
            return false
        }
        cmark_parser_attach_syntax_extension(parser, autolink)
        cmark_manage_extensions_special_characters(parser, 1)
        cmark_parser_free(parser)
        // The extension's list of two characters is left allocated: the extension lives as
        // long as the process, and cmark-gfm gives no way to read the list back to free it.
        cmark_syntax_extension_set_special_inline_chars(autolink, nil)
        return true
    }()

    /// The extension that marks and clears its trigger character on every inline pass.
    static let strikethrough = "strikethrough"

    /// Held for the inline pass of a body with strikethrough (see `inlinePassNeedsNoLock`). Block
    /// parsing, the tree walk and HTML rendering run on every core, and
    /// `PendingBody.finishInlines(wait: false)` lets a thread do other work instead of waiting.
    fileprivate static let inlinePass = NSLock()

    /// Whether bodies' figures (numbers in prose) are collected for `FigureCheck`: not with
    /// `figures: off` in `site.md`, which checks none.
    public let collectsFigures: Bool

    public init(collectsFigures: Bool = true) {
        self.collectsFigures = collectsFigures
        Self.registerExtensions()
    }

    /// Renders `source` in one go; `@` links become `rootPrefix` + the target's path.
    /// - Parameter ids: the ids the page's templates use, which headings must not take.
    public func render(
        _ source: MarkdownSource, rootPrefix: String, ids: PageIDs = .footnotes
    ) -> RenderedMarkdown {
        let body = begin(source, rootPrefix: rootPrefix, ids: ids)
        _ = body.finishInlines(wait: true)
        return body.complete()
    }

    /// Parses the blocks of `source`; the body then waits for its inline pass (`finishInlines`).
    public func begin(
        _ source: MarkdownSource, rootPrefix: String, ids: PageIDs = .footnotes
    ) -> PendingBody {
        PendingBody(source: source, rootPrefix: rootPrefix, ids: ids, collectsFigures: collectsFigures)
    }

    /// A body between its block parse and its inline pass. A body with a `~` runs that pass
    /// under a process-wide lock (see `inlinePassNeedsNoLock`): a thread that finds the lock
    /// taken can begin another body instead of waiting.
    public final class PendingBody {
        let source: MarkdownSource
        let rootPrefix: String
        let ids: PageIDs
        private let parser: OpaquePointer?
        private var document: OpaquePointer?
        private var finished = false
        /// Whether the inline pass takes `inlinePass`: for a body with a `~`, whose parser has
        /// strikethrough (without a `~` it could match nothing).
        private var needsLock = true

        let collectsFigures: Bool

        init(source: MarkdownSource, rootPrefix: String, ids: PageIDs, collectsFigures: Bool) {
            self.source = source
            self.rootPrefix = rootPrefix
            self.ids = ids
            self.collectsFigures = collectsFigures
            parser = cmark_parser_new(MarkdownRenderer.options)
            guard let parser else { return }
            var text = source.text
            let hasTilde = text.withUTF8 { bytes in
                bytes.baseAddress.map { memchr($0, Int32(UInt8(ascii: "~")), bytes.count) != nil } ?? false
            }
            needsLock = hasTilde || !MarkdownRenderer.inlinePassNeedsNoLock
            for name in MarkdownRenderer.extensionNames where hasTilde || name != MarkdownRenderer.strikethrough {
                if let ext = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, ext)
                }
            }
            // By length, not up to the first NUL: cmark-gfm turns a NUL into U+FFFD, as CommonMark asks.
            text.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            }
        }

        deinit {
            if let document { cmark_node_free(document) }
            if let parser { cmark_parser_free(parser) }
        }

        /// Runs the inline pass. For a body with a `~` and `wait: false`, only if no other
        /// such body is in its inline pass (else returns false and nothing changes).
        public func finishInlines(wait: Bool) -> Bool {
            guard !finished else { return true }
            guard let parser else {
                finished = true
                return true
            }
            if needsLock {
                if wait {
                    MarkdownRenderer.inlinePass.lock()
                } else {
                    guard MarkdownRenderer.inlinePass.try() else { return false }
                }
            }
            document = cmark_parser_finish(parser)
            if needsLock { MarkdownRenderer.inlinePass.unlock() }
            finished = true
            return true
        }

        /// Walks the tree and renders the HTML; call after `finishInlines`. When `storeHTML`
        /// takes the HTML's bytes (returns true), the result carries no HTML string.
        public func complete(storeHTML: ((UnsafeRawBufferPointer) -> Bool)? = nil) -> RenderedMarkdown {
            guard parser != nil else {
                return RenderedMarkdown(
                    html: "", toc: [], wordCount: 0, references: [], headingIDs: [], leadText: "",
                    diagnostics: [.error("markdown.internal", "cmark-gfm could not create a parser")])
            }
            _ = finishInlines(wait: true)
            guard let document else {
                return RenderedMarkdown(
                    html: "", toc: [], wordCount: 0, references: [], headingIDs: [], leadText: "",
                    diagnostics: [.error("markdown.internal", "cmark-gfm could not parse \(source.file.path)")])
            }
            var walker = TreeWalker(
                source: source, rootPrefix: rootPrefix, ids: ids, collectsFigures: collectsFigures)
            walker.walk(document)

            let extensions = cmark_parser_get_syntax_extensions(parser)
            guard let cString = cmark_render_html(document, MarkdownRenderer.options, extensions) else {
                return RenderedMarkdown(
                    html: "", toc: [], wordCount: 0, references: [], headingIDs: [], leadText: "",
                    diagnostics: [.error("markdown.internal", "cmark-gfm could not render \(source.file.path)")])
            }
            defer { free(cString) }
            let stored = storeHTML?(UnsafeRawBufferPointer(start: cString, count: strlen(cString))) ?? false
            let html = stored ? "" : String(cString: cString)
            // A body is kept until the site is written: its lists without the spare room that
            // appending left them (up to half of what they hold; 29 MB of references at 10,000 briefs).
            func trimmed<T>(_ list: [T]) -> [T] { list.capacity > list.count ? list.withUnsafeBufferPointer(Array.init) : list }
            return RenderedMarkdown(
                html: html, toc: trimmed(walker.toc), wordCount: walker.wordCount, references: trimmed(walker.references),
                headingIDs: trimmed(walker.headingIDs), leadText: walker.leadText, diagnostics: walker.diagnostics,
                siteLinks: trimmed(walker.siteLinks), citedSources: trimmed(walker.citedSources),
                quotedSpans: trimmed(walker.quotedSpans), figures: trimmed(walker.figures))
        }
    }
}

/// One pass over a parsed document; changes the tree in place and collects what it finds.
private struct TreeWalker {
    let source: MarkdownSource
    let rootPrefix: String
    var usedIDs: Set<String>
    var toc: [TOCEntry] = []
    var headingIDs: [String] = []
    var references: [ContentReference] = []
    var citedSources: [CitedSource] = []
    var quotedSpans: [QuotedSpan] = []
    var figures: [FigureMention] = []
    private var citationIndex: [String: Int] = [:]
    var siteLinks: [SiteLink] = []
    var diagnostics: [Diagnostic] = []
    private var nextSuffix: [String: Int] = [:]
    /// How many diagnostics of each code this body has had: after `listedPerCode`, the rest are
    /// only counted (a line of 4,000 raw HTML tags made 8,000 warnings, each quoting the line).
    private var reported: [String: (count: Int, firstUnlisted: (line: Int, column: Int)?)] = [:]
    var wordCount = 0
    var leadText = ""

    let ids: PageIDs

    /// Whether figures are collected (`MarkdownRenderer.collectsFigures`).
    let collectsFigures: Bool

    init(source: MarkdownSource, rootPrefix: String, ids: PageIDs, collectsFigures: Bool = true) {
        self.source = source
        self.rootPrefix = rootPrefix
        self.ids = ids
        self.usedIDs = ids.reserved
        self.collectsFigures = collectsFigures
    }

    mutating func walk(_ document: OpaquePointer) {
        // Collect first, change after: unlinking nodes while iterating would confuse the iterator.
        var headings: [OpaquePointer] = []
        var links: [OpaquePointer] = []
        var rawHTML: [OpaquePointer] = []
        var tables: [OpaquePointer] = []
        var firstFootnote: OpaquePointer?
        var paragraphs: [(node: OpaquePointer, inBlockQuote: Bool)] = []
        var blockQuoteDepth = 0
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_BLOCK_QUOTE {
                blockQuoteDepth += event == CMARK_EVENT_ENTER ? 1 : -1
            }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            // Text a reader sees as prose: paragraphs, headings and table cells.
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || Self.isTableCell(node) {
                paragraphs.append((node, blockQuoteDepth > 0))
            }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING: headings.append(node)
            case CMARK_NODE_PARAGRAPH where leadText.isEmpty && cmark_node_parent(node) == document:
                leadText = plainText(node)
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE: links.append(node)
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE: rawHTML.append(node)
            case _ where Self.isTable(node): tables.append(node)
            case CMARK_NODE_FOOTNOTE_DEFINITION where firstFootnote == nil: firstFootnote = node
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                if let text = cmark_node_get_literal(node) { wordCount += Self.countWords(text) }
            default: break
            }
        }
        // Quoted text, before raw HTML is dropped (inside quotation marks it is an error) and
        // before links become citations (their text stays either way).
        for (node, inBlockQuote) in paragraphs { collectQuotes(node, inBlockQuote: inBlockQuote) }
        for node in rawHTML {
            warn(
                "markdown.raw-html", "raw HTML is not rendered", at: node,
                hint: "write it in Markdown; sitegen drops raw HTML so pages stay safe")
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        for node in links { rewriteLink(node) }
        for node in headings { giveID(node) }
        for node in tables { wrapTable(node) }
        if let firstFootnote { headFootnotes(firstFootnote) }
        for (code, seen) in reported.sorted(by: { $0.key < $1.key }) where seen.count > MarkdownRenderer.listedPerCode {
            guard let (line, column) = seen.firstUnlisted else { continue }
            diagnostics.append(
                source.file.warning(
                    code, "\(seen.count - MarkdownRenderer.listedPerCode) more like the \(MarkdownRenderer.listedPerCode) above in this file, not listed",
                    line: line, column: column))
        }
    }

    /// A warning at a node, unless this body already had `listedPerCode` of the same code.
    private mutating func warn(_ code: String, _ message: String, at node: OpaquePointer, hint: String?) {
        var seen = reported[code] ?? (0, nil)
        seen.count += 1
        if seen.count <= MarkdownRenderer.listedPerCode {
            let (line, column) = position(of: node)
            diagnostics.append(source.file.warning(code, message, line: line, column: column, hint: hint))
        } else if seen.firstUnlisted == nil {
            seen.firstUnlisted = position(of: node)
        }
        reported[code] = seen
    }

    // MARK: Links

    static let dangerousSchemes: [[UInt8]] = ["javascript:", "vbscript:", "file:", "data:"].map { Array($0.utf8) }

    /// Browsers ignore tabs and newlines inside URLs and leading spaces and controls, so we do
    /// too; the scheme is compared without regard to ASCII case, over the bytes.
    static func isDangerous(_ url: UnsafePointer<CChar>) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 11) { scheme in
            var count = 0
            var p = UnsafeRawPointer(url).assumingMemoryBound(to: UInt8.self)
            while p.pointee != 0 && p.pointee <= 0x20 { p += 1 }
            while p.pointee != 0 && count < scheme.count {
                let byte = p.pointee
                p += 1
                if byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
                scheme[count] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                count += 1
                if byte == UInt8(ascii: ":") { break }
            }
            let seen = scheme.prefix(count)
            return dangerousSchemes.contains { seen.starts(with: $0) }
        }
    }


    private mutating func rewriteLink(_ node: OpaquePointer) {
        guard let cURL = cmark_node_get_url(node) else { return }
        if cURL.pointee != CChar(UInt8(ascii: "@")) {
            guard Self.isDangerous(cURL) else {
                if cmark_node_get_type(node) == CMARK_NODE_LINK, let path = Self.sitePath(cURL) {
                    siteLinks.append(
                        SiteLink(
                            target: .path(path), file: source.file,
                            line: Int(cmark_node_get_start_line(node)) + source.startLine - 1,
                            byteColumn: Int(cmark_node_get_start_column(node))))
                }
                return
            }
            let url = String(cString: cURL)
            warn(
                "markdown.unsafe-link", "link to '\(url.prefix(40))' dropped: its scheme can run code", at: node,
                hint: "link to an http or https address")
            unwrap(node)
            return
        }
        let url = String(cString: cURL)
        // `@kind/slug#fragment`, or `@timeline`: split at ASCII bytes, which are never inside a
        // multi-byte character, so the byte positions are string positions too.
        let utf8 = url.utf8
        let hash = utf8.firstIndex(of: UInt8(ascii: "#"))
        let path = url[utf8.index(after: utf8.startIndex)..<(hash ?? utf8.endIndex)]
        let fragment = hash.map { String(url[utf8.index(after: $0)...]) }.flatMap { $0.isEmpty ? nil : $0 }
        let slash = path.utf8.firstIndex(of: UInt8(ascii: "/"))
        if slash == nil, ListPages.all.contains(String(path)) {
            if let fragment {
                siteLinks.append(
                    SiteLink(
                        target: .list(String(path), fragment: fragment), file: source.file,
                        line: Int(cmark_node_get_start_line(node)) + source.startLine - 1,
                        byteColumn: Int(cmark_node_get_start_column(node))))
            }
            // On the timeline, `#rubio-visit` names an event: its row's id is `event-rubio-visit`.
            let anchor = fragment.map { path == "timeline" && !$0.hasPrefix("month-") ? ContentURL.eventAnchor($0) : $0 }
            cmark_node_set_url(node, rootPrefix + path + "/" + (anchor.map { "#" + $0 } ?? ""))
            return
        }
        let slugPart = slash.map { path[path.utf8.index(after: $0)...] } ?? ""
        guard let slash, !slugPart.utf8.contains(UInt8(ascii: "/")),
            let kind = ContentKind(folder: String(path[..<slash])), Slug.isValid(slugPart)
        else {
            let (line, column) = position(of: node)
            diagnostics.append(
                source.file.error(
                    "markdown.invalid-reference", "'\(url)' is not a content reference", line: line, column: column,
                    hint:
                        "write @section/slug, e.g. @people/claudia-sheinbaum (sections: briefs, people, organizations, events, topics, pages), or a list page: @briefs, @timeline, @people, @organizations, @topics"
                ))
            return
        }
        let slug = String(slugPart)
        let line = Int(cmark_node_get_start_line(node)) + source.startLine - 1
        references.append(
            ContentReference(
                kind: kind, slug: slug, fragment: fragment, file: source.file, line: line,
                column: .utf8(Int(cmark_node_get_start_column(node)))))
        if kind == .source {
            let (line, column) = position(of: node)
            if cmark_node_get_type(node) == CMARK_NODE_IMAGE {
                diagnostics.append(
                    source.file.error(
                        "markdown.invalid-citation", "'\(url)' is a source document, not an image", line: line,
                        column: column, hint: "cite it with a link: [words](@sources/\(slug))"))
                return
            }
            if fragment != nil {
                diagnostics.append(
                    source.file.error(
                        "markdown.invalid-citation", "a source document has no headings to link to: '\(url)'",
                        line: line, column: column, hint: "cite the document itself: @sources/\(slug)"))
                return
            }
            // Inside an image's description, which is plain text, a citation cannot be shown.
            var parent = cmark_node_parent(node)
            while let p = parent, cmark_node_get_type(p) != CMARK_NODE_IMAGE { parent = cmark_node_parent(p) }
            if parent != nil {
                unwrap(node)
                return
            }
            cite(slug, at: node)
            return
        }
        let href = rootPrefix + ContentURL.path(kind, slug) + (fragment.map { "#" + $0 } ?? "")
        cmark_node_set_url(node, href)
    }

    /// The URL when it is a path into this site (no scheme, not `//host`, not only a
    /// fragment or query); nil for every other link.
    static func sitePath(_ url: UnsafePointer<CChar>) -> String? {
        let text = String(cString: url)
        guard let first = text.unicodeScalars.first, first != "#", first != "?", !text.hasPrefix("//") else {
            return nil
        }
        // A scheme is letters, digits, `+`, `-` and `.` before the first `:`, starting with a letter.
        if let colon = text.firstIndex(of: ":") {
            let scheme = text[..<colon]
            if let head = scheme.unicodeScalars.first, ("a"..."z").contains(head) || ("A"..."Z").contains(head),
                scheme.unicodeScalars.allSatisfy({
                    ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0)
                })
            {
                return nil
            }
        }
        return text
    }

    /// `[text](@sources/slug)`: the text stays, followed by a numbered citation that jumps to
    /// the page's source list (`#cite-N`), which links back to each use (`#cite-ref-N-K`), as
    /// Wikipedia's references do. Numbers follow the order of first citation in the body; the
    /// page's source list puts these documents first, in the same order.
    private mutating func cite(_ slug: String, at node: OpaquePointer) {
        let index: Int
        if let known = citationIndex[slug] {
            index = known
        } else {
            index = citedSources.count
            citationIndex[slug] = index
            citedSources.append(CitedSource(slug: slug, uses: 0))
        }
        let number = index + 1
        let use = citedSources[index].uses + 1
        // A custom inline node's text is written as it is: made only of numbers, never of input.
        if let marker = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) {
            cmark_node_set_on_enter(
                marker, "<sup class=\"cite\" id=\"cite-ref-\(number)-\(use)\"><a href=\"#cite-\(number)\">[\(number)]</a></sup>")
            cmark_node_set_on_exit(marker, "")
            if cmark_node_insert_after(node, marker) != 0 {
                citedSources[index].uses = use
            } else {
                // Where cmark-gfm allows no custom node (a table cell), a plain link to the
                // source list, without an id to come back to.
                cmark_node_free(marker)
                if let link = cmark_node_new(CMARK_NODE_LINK), let text = cmark_node_new(CMARK_NODE_TEXT) {
                    cmark_node_set_url(link, "#cite-\(number)")
                    cmark_node_set_literal(text, "[\(number)]")
                    _ = cmark_node_append_child(link, text)
                    if cmark_node_insert_after(node, link) == 0 { cmark_node_free(link) }
                }
            }
        }
        unwrap(node)
    }

    /// Replaces a link with its children: the text stays, the link goes.
    private func unwrap(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            cmark_node_insert_before(node, child)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }

    // MARK: Headings

    private mutating func giveID(_ heading: OpaquePointer) {
        let level = Int(cmark_node_get_heading_level(heading))
        let text = plainText(heading)
        var base = ids.clear(HeadingID.make(from: text))
        if base.isEmpty { base = "section" }
        // The next number to try for each base: 10,000 headings "a" take 10,000 steps, not 50 million.
        var id = base
        var n = nextSuffix[base] ?? 2
        while usedIDs.contains(id) {
            // A number can make a reserved prefix ("fn" + "-2"): keep the result clear too.
            id = ids.clear("\(base)-\(n)")
            n += 1
        }
        if id != base { nextSuffix[base] = n }
        usedIDs.insert(id)
        headingIDs.append(id)
        if (level == 2 || level == 3) { toc.append(TOCEntry(level: level, id: id, text: text)) }
        // cmark's HTML renderer writes no ids; a custom block around the heading's inlines does.
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, "<h\(level) id=\"\(id)\">")
        cmark_node_set_on_exit(block, "</h\(level)>")
        while let child = cmark_node_first_child(heading) {
            cmark_node_append_child(block, child)
        }
        cmark_node_replace(heading, block)
        cmark_node_free(heading)
    }

    // MARK: Tables

    /// A table in a region of its own that scrolls sideways when the table is wider than the
    /// page, and that a keyboard can reach and scroll (a focusable region named after the
    /// table's header cells).
    private func wrapTable(_ table: OpaquePointer) {
        var names: [String] = []
        var cell = cmark_node_first_child(table).flatMap { cmark_node_first_child($0) }
        while let c = cell {
            let name = plainText(c).trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { names.append(name) }
            cell = cmark_node_next(c)
        }
        let label = HTMLEscaping.escape(names.isEmpty ? "Table" : "Table: " + names.joined(separator: ", "))
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"\(label)\">")
        cmark_node_set_on_exit(block, "</div>")
        cmark_node_insert_before(table, block)
        cmark_node_append_child(block, table)
    }

    // MARK: Footnotes

    /// A heading before the footnotes (cmark-gfm writes them in a section of their own, after
    /// the text, without one), so a reader tells them from the numbered sources below.
    private mutating func headFootnotes(_ first: OpaquePointer) {
        var id = ids.clear("notes")
        var n = 2
        while usedIDs.contains(id) {
            id = ids.clear("notes-\(n)")
            n += 1
        }
        usedIDs.insert(id)
        headingIDs.append(id)
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, "<h2 class=\"footnotes-heading\" id=\"\(id)\">Notes</h2>")
        cmark_node_set_on_exit(block, "")
        cmark_node_insert_before(first, block)
    }

    // MARK: Text

    private func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// The text of a node's inlines, code spans included, over cmark's iterator: no recursion,
    /// so a body nested 65,000 deep (`*a **a ` …) cannot overflow the stack.
    private func plainText(_ node: OpaquePointer) -> String {
        var out = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let c = cmark_iter_get_node(iterator), c != node else { continue }
            switch cmark_node_get_type(c) {
            case CMARK_NODE_TEXT: out += literal(c)
            case CMARK_NODE_CODE: out += literal(c)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += " "
            default: break
            }
        }
        return out
    }

    // MARK: Quotes

    /// Whether a text of the node's inlines may open a quotation (an opening mark of
    /// `QuotationMarks`, in text or code), and whether a text has a digit: one pass over cmark's
    /// own bytes, as most paragraphs have neither and need no text made. (Smart punctuation has
    /// made straight marks typographic; a mark is one character, never split between two nodes.)
    private func scanInlines(_ node: OpaquePointer) -> (mayQuote: Bool, hasDigits: Bool) {
        var (mayQuote, hasDigits) = (false, false)
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE, !(mayQuote && hasDigits) {
            guard event == CMARK_EVENT_ENTER, let c = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(c)
            guard type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, var p = cmark_node_get_literal(c) else { continue }
            if type == CMARK_NODE_TEXT && !hasDigits { hasDigits = strpbrk(p, "0123456789") != nil }
            // The lead byte of each mark, found by the C library; then the scalar it starts.
            while !mayQuote, let hit = strpbrk(p, Self.leadBytesOfMarks) {
                let b = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self)
                let scalar: UInt32 =
                    switch b[0] {
                    case 0x22: 0x22
                    case 0xC2: UInt32(b[1] & 0x3F) | 0x80
                    // Three bytes, the third read only when the second is not the string's end.
                    default: b[1] == 0 ? 0 : (UInt32(b[0] & 0x0F) << 12) | (UInt32(b[1] & 0x3F) << 6) | UInt32(b[2] & 0x3F)
                    }
                if let s = Unicode.Scalar(scalar), QuotationMarks.closers(of: s) != nil { mayQuote = true }
                p = UnsafePointer(hit) + 1
            }
        }
        return (mayQuote, hasDigits)
    }

    /// `"` and the lead bytes in UTF-8 of every other opening mark (« », “ „ ‘ ‚ ‹ ❝, 「 『 〝,
    /// ＂), as a C string for `strpbrk`.
    private static let leadBytesOfMarks: [CChar] = [
        0x22, CChar(bitPattern: 0xC2), CChar(bitPattern: 0xE2), CChar(bitPattern: 0xE3), CChar(bitPattern: 0xEF), 0,
    ]

    /// The text a reader sees in a node's inlines, for quotations: text and code spans as
    /// written; struck-through text, images, footnote references and raw HTML each as one
    /// U+FFFC with what it is; and where each `@people/` link starts.
    private func visibleText(
        _ node: OpaquePointer
    ) -> (text: [Unicode.Scalar], objects: [Int: String], people: [(Int, String)], code: Set<Int>) {
        var out: [Unicode.Scalar] = []
        var code: Set<Int> = []
        var objects: [Int: String] = [:]
        var people: [(Int, String)] = []
        var struck = 0
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let c = cmark_iter_get_node(iterator), c != node else { continue }
            let type = cmark_node_get_type(c)
            let isStrike = cmark_node_get_type_string(c).map { strcmp($0, "strikethrough") == 0 } ?? false
            // Struck-through text and an image's alt text are not what the reader reads in
            // the line: one object each, their children skipped.
            if isStrike || type == CMARK_NODE_IMAGE {
                struck += event == CMARK_EVENT_ENTER ? 1 : -1
                if event == CMARK_EVENT_ENTER && struck == 1 {
                    objects[out.count] = isStrike ? "struck-through text" : "an image"
                    out.append("\u{FFFC}")
                }
                continue
            }
            guard event == CMARK_EVENT_ENTER, struck == 0 else { continue }
            switch type {
            case CMARK_NODE_TEXT: out += literal(c).unicodeScalars
            case CMARK_NODE_CODE:
                let start = out.count
                out += literal(c).unicodeScalars
                code.formUnion(start..<out.count)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out.append(" ")
            case CMARK_NODE_FOOTNOTE_REFERENCE, CMARK_NODE_HTML_INLINE:
                objects[out.count] = type == CMARK_NODE_HTML_INLINE ? "raw HTML" : "a footnote reference"
                out.append("\u{FFFC}")
            case CMARK_NODE_LINK:
                if let url = cmark_node_get_url(c), strncmp(url, "@people/", 8) == 0 {
                    people.append((out.count, String(cString: url + 8)))
                }
            default: break
            }
        }
        return (out, objects, people, code)
    }

    /// The quotes in a paragraph, heading or table cell: all of it inside a block quote,
    /// otherwise everything between quotation marks of any script (“…”, "…", «…», „…“, ‹…›,
    /// ‘…’, 「…」, 『…』), whatever its length; a quotation inside another is part of it.
    /// Linear in the text, however many marks it has or leaves open.
    ///
    /// And the figures of the paragraph's prose: numbers written in digits outside quotations,
    /// code and block quotes.
    private mutating func collectQuotes(_ node: OpaquePointer, inBlockQuote: Bool) {
        // Most paragraphs quote nobody and have no figure: nothing to look for without an
        // opening mark or a digit.
        let scan = scanInlines(node)
        let quotes = inBlockQuote || scan.mayQuote
        let digits = collectsFigures && !inBlockQuote && scan.hasDigits
        guard quotes || digits else { return }
        // Figures and no quotation: read from the text nodes' bytes, no text made.
        guard quotes else {
            place(figuresInTextNodes(node), of: node)
            return
        }
        let (scalars, objects, people, code) = visibleText(node)
        func unprovable(_ range: Range<Int>) -> String? {
            range.lazy.compactMap { objects[$0] }.first
        }
        if inBlockQuote {
            let trimmed = MarkdownRenderer.trimmingSpaces(String(String.UnicodeScalarView(scalars)))
            guard !trimmed.isEmpty else { return }
            let (line, column) = position(of: node)
            var span = QuotedSpan(text: trimmed, file: source.file, line: line, column: column, isBlock: true)
            span.unprovable = unprovable(scalars.indices)
            quotedSpans.append(span)
            return
        }
        let n = scalars.count
        // Marks inside a code span are code: a quotation may hold code, code holds no quotation.
        let (spans, markNumber) = QuotationMarks.spans(in: scalars, ignoring: code)
        if digits { collectFigures(node, scalars, skipping: code.union(objects.keys).union(spans.lazy.flatMap(\.range))) }
        guard !spans.isEmpty else { return }
        let places = markPlaces(of: node, count: markNumber)
        let (line, column) = position(of: node)
        // Sentence ends outside quotations, found once: for each place, the last end before
        // it and the first after it. A point after a single letter is an abbreviation (`U.S.`).
        var quoted = [Bool](repeating: false, count: n)
        for span in spans { for j in span.range { quoted[j] = true } }
        func isSentenceEnd(_ j: Int) -> Bool {
            [".", "?", "!"].contains(scalars[j]) && (j + 1 >= n || scalars[j + 1] == " ")
                && !(scalars[j] == "." && j >= 2 && QuotationMarks.isWord(scalars[j - 1]) && !QuotationMarks.isWord(scalars[j - 2]))
                && !quoted[j]
        }
        var previousEnd = [Int](repeating: -1, count: n + 1)
        for j in 0..<n { previousEnd[j + 1] = isSentenceEnd(j) ? j : previousEnd[j] }
        var nextEnd = [Int](repeating: n, count: n + 1)
        for j in stride(from: n - 1, through: 0, by: -1) { nextEnd[j] = isSentenceEnd(j) ? j : nextEnd[j + 1] }
        var linked = 0
        for span in spans {
            let place = places?[span.mark] ?? (line: line, column: column)
            var quotation = QuotedSpan(
                text: String(String.UnicodeScalarView(scalars[span.range])), file: source.file, line: place.line,
                column: place.column, isBlock: false)
            quotation.unprovable = unprovable(span.range)
            let start = previousEnd[span.range.lowerBound] + 1
            let end = nextEnd[span.range.upperBound]
            // People links are in text order, as spans are: a moving start.
            while linked < people.count && people[linked].0 < start { linked += 1 }
            quotation.people = people[linked...].prefix { $0.0 < end }.map(\.1)
            quotedSpans.append(quotation)
        }
    }

    /// The figures of a paragraph's text (tokens with a digit, a hyphenated one cut at its
    /// hyphens), but for those at `skipping` places, each placed at its own occurrence in the
    /// paragraph's lines.
    private mutating func collectFigures(_ node: OpaquePointer, _ scalars: [Unicode.Scalar], skipping: Set<Int>) {
        let values = scalars.map { $0.value == 0x2019 ? 0x27 : $0.value }
        var found: [String] = []
        for token in QuoteMatcher.tokens(values) where !skipping.contains(token.lowerBound) && QuoteMatcher.isDigit(values[token.lowerBound]) {
            let number = values[token].split(separator: 0x2D).first ?? values[token]
            found.append(
                FigureCheck.withScale(QuoteMatcher.string(number), next: QuoteMatcher.string(values[token.upperBound...].prefix(20))))
        }
        place(found, of: node)
    }

    /// The figures of a paragraph with no quotation, from the bytes of its text nodes (not
    /// code, struck-through text or an image's alt text), cut into words as `QuoteMatcher.tokens`
    /// does: a byte past ASCII counts as a letter.
    private func figuresInTextNodes(_ node: OpaquePointer) -> [String] {
        var found: [String] = []
        var hidden = 0
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let c = cmark_iter_get_node(iterator), c != node else { continue }
            let type = cmark_node_get_type(c)
            if type == CMARK_NODE_IMAGE || (cmark_node_get_type_string(c).map { strcmp($0, "strikethrough") == 0 } ?? false) {
                hidden += event == CMARK_EVENT_ENTER ? 1 : -1
                continue
            }
            guard event == CMARK_EVENT_ENTER, hidden == 0, type == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(c)
            else { continue }
            // Punctuation past ASCII (dashes, quotation marks, no-break spaces: U+2000–U+206F,
            // U+00A0–U+00BF) separates words, as in `QuoteMatcher.tokens`.
            var bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal)))
            for j in bytes.indices where bytes[j] == 0xE2 || bytes[j] == 0xC2 {
                if bytes[j] == 0xE2, j + 2 < bytes.count, bytes[j + 1] == 0x80 || bytes[j + 1] == 0x81 {
                    (bytes[j], bytes[j + 1], bytes[j + 2]) = (0x20, 0x20, 0x20)
                } else if bytes[j] == 0xC2, j + 1 < bytes.count, bytes[j + 1] >= 0xA0 && bytes[j + 1] <= 0xBF {
                    (bytes[j], bytes[j + 1]) = (0x20, 0x20)
                }
            }
            func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
            let tokens = QuoteMatcher.tokens(bytes) { b in isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b >= 0x80 }
            for token in tokens where isDigit(bytes[token.lowerBound]) {
                let number = bytes[token].split(separator: 0x2D).first ?? bytes[token]
                found.append(
                    FigureCheck.withScale(
                        String(decoding: number, as: UTF8.self), next: String(decoding: bytes[token.upperBound...].prefix(20), as: UTF8.self)))
            }
        }
        return found
    }

    /// Each figure found in a paragraph, with the paragraph's lines to find it in (when a
    /// diagnostic needs its place).
    private mutating func place(_ found: [String], of node: OpaquePointer) {
        guard !found.isEmpty else { return }
        let first = Int(cmark_node_get_start_line(node)) + source.startLine - 1
        let last = max(first, Int(cmark_node_get_end_line(node)) + source.startLine - 1)
        let (line, column) = position(of: node)
        var used: [String: Int] = [:]
        for figure in found {
            // Counted by the number itself, which is what is looked for in the lines.
            let number = String(figure.split(separator: " ").first ?? Substring(figure))
            let k = used[number, default: 0]
            used[number] = k + 1
            figures.append(
                FigureMention(text: figure, file: source.file, lines: first...last, occurrence: k, fallback: (line, column)))
        }
    }

    /// The table extension's cell type is not a constant of the core library: known by name.
    static func isTable(_ node: OpaquePointer) -> Bool {
        guard let name = cmark_node_get_type_string(node) else { return false }
        return strcmp(name, "table") == 0
    }

    static func isTableCell(_ node: OpaquePointer) -> Bool {
        guard let name = cmark_node_get_type_string(node) else { return false }
        return strcmp(name, "table_cell") == 0
    }

    /// Where each quotation mark of the node's text is in the file: the marks of its source
    /// lines, in order, when there are as many as in the text (Markdown's own quote characters,
    /// in link titles or code, make the counts differ: then nil, and quotes are placed at the
    /// node). Typographic marks written straight in the file count as the same marks.
    private func markPlaces(of node: OpaquePointer, count: Int) -> [(line: Int, column: Int)]? {
        let first = Int(cmark_node_get_start_line(node)) + source.startLine - 1
        let last = max(first, Int(cmark_node_get_end_line(node)) + source.startLine - 1)
        let startColumn = Int(cmark_node_get_start_column(node))
        let isCell = Self.isTableCell(node)
        var places: [(line: Int, column: Int)] = []
        for line in first...last {
            var column = 0
            var byte = 1
            for character in source.file.line(line) {
                column += 1
                defer { byte += character.utf8.count }
                // A table cell starts inside its row: marks of the cells before it are not its own.
                if line == first && isCell && byte < startColumn { continue }
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
                    QuotationMarks.isMark(scalar)
                {
                    places.append((line, column))
                    if places.count > count { return nil }
                }
            }
        }
        return places.count == count ? places : nil
    }

    /// Words are runs of anything but ASCII white space, counted over the UTF-8 bytes: this runs
    /// on every text node of every body, so it must not look up Unicode properties.
    static func countWords(_ text: String) -> Int {
        text.withCString(countWords)
    }

    static func countWords(_ text: UnsafePointer<CChar>) -> Int {
        var count = 0
        var previousIsSpace = true
        var p = UnsafeRawPointer(text).assumingMemoryBound(to: UInt8.self)
        while true {
            let byte = p.pointee
            if byte == 0 { return count }
            p += 1
            // Space, or tab to carriage return (0x09...0x0D).
            let isSpace = byte == 0x20 || byte &- 0x09 < 5
            count &+= (previousIsSpace && !isSpace) ? 1 : 0
            previousIsSpace = isSpace
        }
    }

    /// A node's line and character column in the file (cmark counts body lines and bytes).
    private func position(of node: OpaquePointer) -> (Int, Int) {
        let line = Int(cmark_node_get_start_line(node)) + source.startLine - 1
        let byteColumn = Int(cmark_node_get_start_column(node))
        return (line, source.file.characterColumn(line: line, byteColumn: byteColumn))
    }
}

extension MarkdownRenderer {
    /// `text` without the spaces and tabs it starts and ends with: what Foundation's
    /// `trimmingCharacters(in: .whitespaces)` gives (Unicode's space separators, U+0009 and,
    /// on Linux, U+200B; checked over every scalar), without going through `NSString`.
    static func trimmingSpaces(_ text: String) -> String {
        func isSpace(_ s: Unicode.Scalar) -> Bool {
            s == "\t" || s == "\u{200B}" || s.properties.generalCategory == .spaceSeparator
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
