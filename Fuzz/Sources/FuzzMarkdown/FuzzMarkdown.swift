import SitegenCore

/// Any bytes as a body: cmark-gfm and sitegen's tree walk (`@` links, plain links, heading
/// ids, raw HTML and dangerous links dropped) must neither crash nor hang; heading ids must be
/// unique and clear of the reserved ones; no script may come out. The same bytes as a source
/// document: the quote matcher must find the whole text in itself, and must not crash looking
/// for a text it does not have.
/// Called once by the entry point before any input (see `entry.c`).
@_cdecl("sitegen_fuzz_register_extensions")
public func registerExtensions() {
    MarkdownRenderer.registerExtensions()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let file = SourceFile(path: "fuzz.md", text: text)
    let ids = PageIDs(reserved: ["main", "sources"], reservedPrefixes: ["cite-", "event-", "fn-", "fnref-", "month-"])
    let rendered = MarkdownRenderer().render(
        MarkdownSource(text: text, startLine: 1, file: file), rootPrefix: "../../", ids: ids)
    if !(Set(rendered.headingIDs).count == rendered.headingIDs.count) { fatalError("duplicate heading id") }
    for id in rendered.headingIDs {
        if !(!ids.reserved.contains(id)) { fatalError("heading took a reserved id") }
        if !(!ids.reservedPrefixes.contains { id.hasPrefix($0) }) { fatalError("heading took a reserved prefix") }
    }
    let lower = rendered.html.lowercased()
    if !(!lower.contains("<script")) { fatalError("a script element came out") }
    if !(!lower.contains("href=\"javascript:")) { fatalError("a javascript: link came out") }
    _ = DiagnosticFormatter.format(rendered.diagnostics)
    let document = QuoteMatcher.Text(text)
    // The document's first words (up to 12, of its first paragraph), as it writes them, are a
    // quotation it proves, unless they hold what a quotation reads as an editor's mark
    // (an omission, brackets) or a quotation mark (whose pairs the reading of a quotation
    // may take differently), or a line-break hyphen (which the document joins).
    let first = document.passage(tokens: 0..<min(12, document.tokenCount))
    if document.tokenCount > 0, document.paragraph[min(11, document.tokenCount - 1)] == 0,
        !first.unicodeScalars.contains(where: { "[]….\"“”„«»‹›「」『』‘’'`".unicodeScalars.contains($0) }),
        !first.contains("- ")
    {
        if case .failure(let miss) = QuoteMatcher.find(first, in: document, punctuation: .logical) {
            fatalError("the document's first words are not found: \(first) \(miss)")
        }
    }
    // Neither a text nor its reverse may crash the matcher, as a quotation or as a miss.
    _ = QuoteMatcher.find(text, in: document)
    _ = QuoteMatcher.find(String(text.reversed()) + " zq", in: document)
    return 0
}
