import SitegenCore

/// What the preview server knows of the site at one moment: the last good build's files and
/// the last rebuild's diagnostics.
struct PreviewSnapshot: Sendable {
    var files: [String: [UInt8]] = [:]
    var diagnostics: [Diagnostic] = []
    /// The page shown instead of every page while there are errors, and the bar over every
    /// page while there are warnings: made at each rebuild, not at each request.
    var overlay: [UInt8] = []
    var warningsBar = ""
    /// Counts rebuilds that changed what is served; pages reload when it moves on.
    var generation = 0
    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The answer to one request, before it becomes an HTTP response.
struct PreviewAnswer: Sendable, Equatable {
    var status: Int
    var headers: [String: String]
    var body: [UInt8]
    /// The request is for the rebuild events: stream them, starting after this generation.
    var eventsSince: Int?
    /// The body is a stream of unknown length (the events): a HEAD answer says no length either.
    var streams = false
}

/// Decides what each request gets. Safe by default: only GET and HEAD; only requests whose
/// `Host` is the address served or a name allowed with `--host` (against DNS rebinding); only
/// paths that stay inside the site (no `..`, encoded slashes or dots, backslashes, NUL); no
/// directory listings; `Cache-Control: no-store` on everything.
struct PreviewRouter: Sendable {
    /// Host names (without port) a request may name: the bound address, `localhost`, `--host`.
    let allowedHosts: Set<String>
    let port: Int

    /// `fetchSite` is the request's `Sec-Fetch-Site`: browsers say `cross-site` when another
    /// site's page asks, which the preview never needs (and a page of another site could use it
    /// to tie up the server's connections).
    func answer(
        method: String, target: String, host: String?, snapshot: PreviewSnapshot, fetchSite: String? = nil
    ) -> PreviewAnswer {
        guard method == "GET" || method == "HEAD" else {
            return plain(405, "Only GET and HEAD are served.\n", extra: ["Allow": "GET, HEAD"], method: method)
        }
        guard let host, isAllowed(host: host) else {
            return plain(
                403,
                "Host '\(host ?? "")' is not served here: open http://127.0.0.1:\(port)/, or start serve with --host NAME.\n",
                method: method)
        }
        if fetchSite?.lowercased() == "cross-site" {
            return plain(403, "The preview answers only its own pages, not other sites' requests.\n", method: method)
        }
        let path = String(target.prefix { $0 != "?" && $0 != "#" })
        let query = target.drop { $0 != "?" }.dropFirst()
        guard let relative = Self.sitePath(path) else {
            return plain(400, "This path is not part of the site.\n", method: method)
        }
        if path == PreviewPages.eventsPath {
            let since = query.split(separator: "&").first { $0.hasPrefix("since=") }.flatMap {
                Int($0.dropFirst("since=".count))
            }
            var answer = PreviewAnswer(
                status: 200,
                headers: ["Content-Type": "text/event-stream", "Cache-Control": "no-store"],
                body: [])
            // HEAD gets the headers only, not a stream that never ends.
            answer.eventsSince = method == "HEAD" ? nil : since ?? snapshot.generation
            answer.streams = true
            return answer
        }
        if snapshot.hasErrors && (relative.isEmpty || relative.hasSuffix("/") || relative.hasSuffix(".html")) {
            return html(500, snapshot.overlay, method: method)
        }
        let candidates = relative.isEmpty || relative.hasSuffix("/") ? [relative + "index.html"] : [relative]
        for file in candidates {
            if let bytes = snapshot.files[file] {
                return page(file, bytes, status: 200, snapshot: snapshot, method: method)
            }
        }
        if !relative.isEmpty, !relative.hasSuffix("/"), snapshot.files[relative + "/index.html"] != nil {
            let query = target.drop { $0 != "?" }
            return PreviewAnswer(
                status: 301, headers: ["Location": path + "/" + query, "Cache-Control": "no-store"], body: [])
        }
        if let notFound = snapshot.files["404.html"] {
            return page("404.html", notFound, status: 404, snapshot: snapshot, method: method)
        }
        return plain(404, "Not found.\n", method: method)
    }

    /// The path below the site root a request path names, or nil when it would leave the site
    /// or could mean something else on another server: `..` or `.` segments (also encoded),
    /// encoded slashes and backslashes, backslashes, NUL and other control characters.
    static func sitePath(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return nil }
        var decoded: [UInt8] = []
        var bytes = Array(path.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard bytes.count >= 2, let value = UInt8(String(decoding: bytes.prefix(2), as: UTF8.self), radix: 16)
                else { return nil }
                bytes = bytes.dropFirst(2)
                // An encoded slash or backslash would be one segment here and two elsewhere.
                if value == UInt8(ascii: "/") || value == UInt8(ascii: "\\") { return nil }
                decoded.append(value)
            } else {
                decoded.append(byte)
            }
        }
        guard !decoded.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == UInt8(ascii: "\\") }),
            let text = String(validating: decoded, as: UTF8.self)
        else { return nil }
        let segments = text.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        for (i, segment) in segments.enumerated() {
            if segment == "." || segment == ".." { return nil }
            if segment.isEmpty && i != segments.count - 1 { return nil }
        }
        return String(text.dropFirst())
    }

    func isAllowed(host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("[") {
            // Brackets hold an IPv6 address, nothing else (`[localhost]` is not a host).
            guard let end = name.firstIndex(of: "]") else { return false }
            let rest = name[name.index(after: end)...]
            guard rest.isEmpty || rest == ":\(port)" else { return false }
            name = String(name[name.index(after: name.startIndex)..<end])
            guard name.contains(":") else { return false }
        } else if name.filter({ $0 == ":" }).count > 1 {
            return false
        } else if let colon = name.lastIndex(of: ":") {
            guard name[name.index(after: colon)...] == "\(port)" else { return false }
            name = String(name[..<colon])
        }
        return allowedHosts.contains(name)
    }

    static func contentType(_ path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return switch ext {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml" where path.hasSuffix("feed.xml"): "application/atom+xml"
        case "xml": "application/xml"
        case "txt": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "avif": "image/avif"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "woff": "font/woff"
        case "pdf": "application/pdf"
        case "ics": "text/calendar; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    private func page(
        _ file: String, _ bytes: [UInt8], status: Int, snapshot: PreviewSnapshot, method: String
    ) -> PreviewAnswer {
        guard file.hasSuffix(".html") else {
            return Self.sized(PreviewAnswer(status: status, headers: headers(Self.contentType(file)), body: bytes), method: method)
        }
        let addition =
            snapshot.warningsBar
            + PreviewPages.reloadScript(generation: snapshot.generation, restoresScroll: status == 200)
        return html(status, PreviewPages.inject(into: bytes, addition), method: method)
    }

    private func html(_ status: Int, _ bytes: [UInt8], method: String) -> PreviewAnswer {
        Self.sized(PreviewAnswer(status: status, headers: headers("text/html; charset=utf-8"), body: bytes), method: method)
    }

    private func plain(_ status: Int, _ text: String, extra: [String: String] = [:], method: String) -> PreviewAnswer {
        Self.sized(
            PreviewAnswer(
                status: status, headers: headers("text/plain; charset=utf-8").merging(extra) { $1 }, body: Array(text.utf8)),
            method: method)
    }

    /// An answer to HEAD is the GET's without its body, and says the body's length.
    static func sized(_ answer: PreviewAnswer, method: String) -> PreviewAnswer {
        guard method == "HEAD" else { return answer }
        var head = answer
        head.headers["Content-Length"] = String(answer.body.count)
        head.body = []
        return head
    }

    private func headers(_ type: String) -> [String: String] {
        ["Content-Type": type, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"]
    }
}
