import SitegenCore

/// Any bytes as a content file: the front matter parser and the diagnostics formatter must
/// neither crash nor hang, and every diagnostic must point inside the file. The same bytes as
/// a web address: the check must not crash, and what it accepts has a host.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let file = SourceFile(path: "fuzz.md", text: text)
    let (_, diagnostics) = FrontMatterParser.parse(file)
    for diagnostic in diagnostics {
        if let position = diagnostic.position {
            if !(position.line >= 1 && position.line <= max(1, file.lineCount)) { fatalError("line outside the file") }
            if !(position.column >= 1) { fatalError("column before the line") }
        }
    }
    _ = DiagnosticFormatter.format(diagnostics)
    // The same bytes as an address: one that is accepted names a host with no credentials.
    if WebAddress.problem(with: text) == nil {
        guard let host = WebAddress.host(of: text), !host.isEmpty, !host.contains("@") else {
            fatalError("an accepted address without a host")
        }
    }
    return 0
}
