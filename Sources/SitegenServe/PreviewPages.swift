import SitegenCore

/// What `serve` adds to the site's pages, and the pages it shows instead of the site: the live
/// reload script, the warnings bar and the error overlay. None of it is ever in a built site.
enum PreviewPages {
    /// Where the browser listens for rebuilds (Server-Sent Events).
    static let eventsPath = "/_sitegen/events"

    /// The live reload script, under 1 KB: reloads the page when a rebuild after `generation`
    /// happened, and puts the page back where it was scrolled to, unless the page is gone.
    /// A page the site does not have (the error overlay, a 404) neither restores nor saves the
    /// position, so the page's own is there when it comes back; it turns the browser's own
    /// restoring off, which put the page back at the overlay's place (the top) after a fix.
    static func reloadScript(generation: Int, restoresScroll: Bool) -> String {
        guard restoresScroll else {
            return """
                <script>(()=>{history.scrollRestoration="manual";const s=new EventSource("\(eventsPath)?since=\(generation)");\
                s.addEventListener("reload",()=>{s.close();location.reload()})})()</script>
                """
        }
        return """
            <script>(()=>{const k="sitegen-scroll:"+location.pathname,y=sessionStorage.getItem(k);\
            if(y!==null){sessionStorage.removeItem(k);addEventListener("load",()=>scrollTo(0,+y))}\
            const s=new EventSource("\(eventsPath)?since=\(generation)");\
            s.addEventListener("reload",()=>{s.close();sessionStorage.setItem(k,scrollY);location.reload()})})()</script>
            """
    }

    /// A bar over the page listing the warnings (the first in full, the rest counted); a
    /// `<dialog>` so it closes without JavaScript.
    static func warningsBar(_ digest: DiagnosticDigest) -> String {
        let total = digest.shown.count + digest.moreWarnings
        guard total > 0 else { return "" }
        let count = total == 1 ? "1 warning" : "\(DiagnosticDigest.number(total)) warnings"
        return """
            <dialog open aria-labelledby="sitegen-warnings-title" style="position:fixed;inset:auto 0 0 0;\
            margin:0;max-width:none;width:100%;box-sizing:border-box;max-height:40vh;overflow:auto;\
            border:0;border-top:3px solid #b26b00;background:#fff8e6;color:#1a1a1a;\
            font:14px/1.4 system-ui,sans-serif;padding:.75rem 1rem;z-index:2147483647">\
            <form method="dialog" style="float:right;margin:0"><button>Dismiss</button></form>\
            <h2 id="sitegen-warnings-title" style="font-size:1rem;margin:0 0 .5rem">sitegen: \(count)</h2>\
            <pre tabindex="0" style="white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font:13px/1.4 ui-monospace,monospace">\
            \(escape(digest.text))</pre></dialog>
            """
    }

    /// The page every request gets while the content has errors: the first diagnostics as the
    /// terminal prints them, errors first, and the rest counted by kind and by file.
    static func errorOverlay(_ digest: DiagnosticDigest, generation: Int) -> String {
        let errors = digest.shown.filter { $0.severity == .error }.count + digest.moreErrors
        let warnings = digest.shown.count + digest.moreErrors + digest.moreWarnings - errors
        let summary =
            "\(DiagnosticDigest.number(errors)) error\(errors == 1 ? "" : "s"), \(DiagnosticDigest.number(warnings)) warning\(warnings == 1 ? "" : "s")"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Build failed: \(summary) — sitegen</title>
            <style>
            body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#fff;color:#1a1a1a}
            main{max-width:60rem;margin:0 auto;padding:1.5rem 1rem}
            h1{font-size:1.5rem;color:#a40000;margin:0 0 .5rem}
            h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
            ol{list-style:none;margin:0;padding:0}
            li{background:#f6f6f6;border-left:4px solid #a40000;padding:.75rem 1rem;margin:0 0 1rem}
            li.warning{border-left-color:#b26b00}
            li p,li pre{margin:0;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace}
            li p{overflow-wrap:anywhere}
            li pre{white-space:pre;overflow-x:auto;padding:.25rem 0}
            table{border-collapse:collapse;margin:0 0 1rem}
            th,td{text-align:left;padding:.2rem .75rem .2rem 0;font-size:14px;vertical-align:top}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            td code{overflow-wrap:anywhere}
            @media (prefers-color-scheme:dark){body{background:#161616;color:#eee}li{background:#222}h1{color:#ff8a80}}
            </style>
            </head>
            <body>
            <main>
            <h1>The site did not build: \(summary)</h1>
            <p>Fix the files below and save: this page reloads into the site by itself, where you were on it. The last good build is not shown while there are errors.</p>
            <ol class="diagnostics" aria-label="Diagnostics">
            \(digest.shown.map(listItem).joined(separator: "\n"))
            </ol>
            \(rest(digest))
            </main>
            \(reloadScript(generation: generation, restoresScroll: false))
            </body>
            </html>

            """
    }

    /// The diagnostics not shown, counted by kind and by file.
    static func rest(_ digest: DiagnosticDigest) -> String {
        guard !digest.isComplete else { return "" }
        func table(_ caption: String, _ counts: some Collection<DiagnosticDigest.Count>) -> String {
            "<table><caption style=\"text-align:left;font-weight:600\">\(caption)</caption>"
                + counts.map { "<tr><td><code>\(escape(DiagnosticFormatter.visible($0.name)))</code></td><td class=\"n\">\(DiagnosticDigest.number($0.count))</td></tr>" }
                .joined() + "</table>"
        }
        let listed = digest.byFile.prefix(DiagnosticDigest.filesListed)
        let others = digest.byFile.dropFirst(listed.count)
        let more =
            others.isEmpty
            ? ""
            : "<p>and \(DiagnosticDigest.number(others.count)) more files with \(DiagnosticDigest.number(others.reduce(0) { $0 + $1.count })).</p>"
        return """
            <section aria-labelledby="sitegen-more">
            <h2 id="sitegen-more">\(escape(digest.moreSummary)) not shown</h2>
            <p>The terminal counts them too; <code>sitegen check --error-limit 0</code> prints every one.</p>
            \(table("By kind", digest.byKind))
            \(table("By file (most first)", listed))
            \(more)
            </section>
            """
    }

    /// One diagnostic with the terminal's text: the message and hint lines wrap on a narrow
    /// screen, the quoted line and its caret do not (so the caret stays under its column).
    static func listItem(_ diagnostic: Diagnostic) -> String {
        var html = "<li class=\"\(diagnostic.severity.rawValue)\">"
        var quoted: [String] = []
        func flush() {
            if !quoted.isEmpty { html += "<pre tabindex=\"0\">\(escape(quoted.joined(separator: "\n")))</pre>" }
            quoted = []
        }
        for line in DiagnosticFormatter.format(diagnostic).split(separator: "\n", omittingEmptySubsequences: false)
        where !line.isEmpty {
            if line.hasPrefix("    ") {
                quoted.append(String(line))
            } else {
                flush()
                html += "<p>\(escape(String(line)))</p>"
            }
        }
        flush()
        return html + "</li>"
    }

    /// A built HTML page with the reload script (and the warnings bar) before `</body>`.
    static func inject(into page: [UInt8], _ addition: String) -> [UInt8] {
        let marker = Array("</body>".utf8)
        guard let at = lastIndex(of: marker, in: page) else { return page + Array(addition.utf8) }
        return Array(page[..<at]) + Array(addition.utf8) + Array(page[at...])
    }

    private static func lastIndex(of marker: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= marker.count else { return nil }
        var i = bytes.count - marker.count
        while i >= 0 {
            if bytes[i] == marker[0], Array(bytes[i..<i + marker.count]) == marker { return i }
            i -= 1
        }
        return nil
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
