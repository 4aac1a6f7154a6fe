import Foundation
import SitegenServe
import Testing

@testable import SitegenCore

/// A request sent byte for byte over a socket, so paths reach the server exactly as written
/// (URLSession would normalise `..` and encodings away).
struct RawResponse {
    let status: Int
    let headers: [String: String]
    let body: String
}

/// A socket connected to the server on 127.0.0.1 that has been sent `text`; its reads time out
/// after 30 s.
func connection(port: UInt16, sending text: String) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw CocoaError(.fileReadUnknown) }
    // Generous: on 2 cores the other suites' builds run beside these requests (the first
    // request waited over 5 s in 3 of 6 CI runs); a timeout only stops a hung test.
    var timeout = timeval(tv_sec: 30, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard connected == 0 else {
        close(fd)
        throw CocoaError(.fileReadUnknown)
    }
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    return fd
}

func send(_ request: String, port: UInt16, readUntil marker: String? = nil) throws -> RawResponse {
    let fd = try connection(port: port, sending: request)
    defer { close(fd) }
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n <= 0 { break }
        received += buffer[..<n]
        if let marker, String(decoding: received, as: UTF8.self).contains(marker) { break }
    }
    let text = String(decoding: received, as: UTF8.self)
    let parts = text.components(separatedBy: "\r\n\r\n")
    let head = parts.first?.components(separatedBy: "\r\n") ?? []
    let status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return RawResponse(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
}

func get(_ path: String, port: UInt16, host: String? = nil, method: String = "GET") throws -> RawResponse {
    try send("\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n", port: port)
}

@Suite("sitegen serve, over real HTTP requests", .serialized, .tags(.slow), .enabled(if: SlowTests.enabled, "slow: run with SITEGEN_SLOW_TESTS=1"))
struct ServeTests {
    final class Served {
        let site: BuildSessionTests.Site
        let server: PreviewServer
        let port: UInt16

        init(watches: Bool = false, limits: PreviewServer.Limits = .init()) async throws {
            site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
            var configuration = PreviewServer.Configuration(options: site.options(), port: 0, hosts: ["preview.test"], watches: watches)
            configuration.limits = limits
            server = try PreviewServer(configuration: configuration)
            port = try await server.start { _ in }
        }
    }

    @Test func servesTheBuiltPagesWithTheReloadScriptAndNothingElse() async throws {
        let served = try await Served()
        let full = BuildSessionTests().fullBuild(served.site)!
        for (path, url) in [("index.html", "/"), ("briefs/alpha/index.html", "/briefs/alpha/")] {
            let response = try get(url, port: served.port)
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "text/html; charset=utf-8")
            #expect(response.headers["cache-control"] == "no-store")
            let script = try #require(response.body.range(of: "<script>"))
            let end = try #require(response.body.range(of: "</script>", range: script.upperBound..<response.body.endIndex))
            #expect(response.body[script.lowerBound..<end.upperBound].utf8.count <= 1024)
            var withoutScript = response.body
            withoutScript.removeSubrange(script.lowerBound..<end.upperBound)
            #expect(withoutScript == full[path])
        }
        #expect(try get("/", port: served.port).body.contains("EventSource(\"/_sitegen/events?since=1\")"))
        #expect(!full.values.contains { $0.contains("_sitegen") })
        await served.server.stop()
    }

    @Test func contentTypesRedirectsAndMissingPages() async throws {
        let served = try await Served()
        let port = served.port
        #expect(try get("/assets/style.css", port: port).headers["content-type"] == "text/css; charset=utf-8")
        #expect(try get("/feed.xml", port: port).headers["content-type"] == "application/atom+xml")
        #expect(try get("/sitemap.xml", port: port).headers["content-type"] == "application/xml")
        #expect(try get("/robots.txt", port: port).headers["content-type"] == "text/plain; charset=utf-8")
        let redirect = try get("/briefs", port: port)
        #expect(redirect.status == 301)
        #expect(redirect.headers["location"] == "/briefs/")
        #expect(try get("/briefs?x=1", port: port).headers["location"] == "/briefs/?x=1")
        #expect(try get("/..", port: port, method: "HEAD").body.isEmpty)
        let events = try get("/_sitegen/events", port: port, method: "HEAD")
        #expect(events.status == 200)
        #expect(events.headers["content-type"] == "text/event-stream")
        // A stream has no length: HEAD says none either.
        #expect(events.headers["content-length"] == nil)
        let missing = try get("/no-such-page/", port: port)
        #expect(missing.status == 404)
        #expect(missing.body.contains("Page not found"))
        // No directory listings: a folder without an index page is not found.
        #expect(try get("/assets/", port: port).status == 404)
        #expect(try get("/events/", port: port).status == 404)
        let head = try get("/", port: port, method: "HEAD")
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        await served.server.stop()
    }

    @Test(arguments: ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"])
    func onlyGetAndHead(method: String) async throws {
        let served = try await Served()
        let response = try get("/", port: served.port, method: method)
        #expect(response.status == 405)
        #expect(response.headers["allow"] == "GET, HEAD")
        await served.server.stop()
    }

    @Test func headSaysTheLengthOfTheBodyItLeavesOut() async throws {
        let served = try await Served()
        for path in ["/briefs/alpha/", "/assets/style.css", "/no-such-page/"] {
            let full = try get(path, port: served.port)
            let head = try get(path, port: served.port, method: "HEAD")
            #expect(head.status == full.status)
            #expect(head.body.isEmpty)
            #expect(head.headers["content-length"] == String(full.body.utf8.count))
            #expect(head.headers["content-type"] == full.headers["content-type"])
        }
        // A token that is no HTTP method is refused by the parser.
        #expect(try get("/", port: served.port, method: "BREW").status == 400)
        await served.server.stop()
    }

    /// A connection made and left: nothing, or the start of a request.
    final class Abandoned {
        let fd: Int32
        init(port: UInt16, sending text: String) throws {
            fd = try connection(port: port, sending: text)
        }
        deinit { close(fd) }

        /// Whether the server has closed it, without waiting.
        var isClosedByServer: Bool {
            var byte: UInt8 = 0
            return recv(fd, &byte, 1, Int32(MSG_DONTWAIT)) == 0
        }

        /// What the server sends until `marker` (or it closes the connection, or 30 s pass).
        func readUntil(_ marker: String) -> String {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !String(decoding: received, as: UTF8.self).contains(marker) {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                received += buffer[..<n]
            }
            return String(decoding: received, as: UTF8.self)
        }

        /// What the server sends until it closes the connection (or 30 s pass).
        func readToEnd() -> String {
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                received += buffer[..<n]
            }
            return String(decoding: received, as: UTF8.self)
        }
    }

    /// A request line or headers past the limit get 400 and the connection closed, whatever
    /// follows; requests begun and left, and connections that send nothing, are closed after
    /// the idle time, and a page asked for meanwhile is served.
    @Test func oversizedAndAbandonedRequestsAreClosed() async throws {
        var limits = PreviewServer.Limits()
        limits.idleSeconds = 1
        let served = try await Served(limits: limits)
        let port = served.port
        let long = "GET /" + String(repeating: "a", count: 128 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n"
        #expect(try send(long, port: port).status == 400)
        let manyHeaders = "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n" + String(repeating: "X-Filler: " + String(repeating: "b", count: 1000) + "\r\n", count: 20) + "\r\n"
        #expect(try send(manyHeaders, port: port).status == 400)
        // Four large requests begun and never finished (the browser's URL of a page the editor
        // has open), and one connection that sends nothing.
        let begun = try (0..<4).map { _ in try Abandoned(port: port, sending: "GET /" + String(repeating: "c", count: 8 * 1024)) }
        let silent = try Abandoned(port: port, sending: "")
        #expect(try get("/", port: port).status == 200)
        for connection in begun + [silent] { #expect(connection.readToEnd().isEmpty) }
        await served.server.stop()
    }

    /// A request body past the limit closes the connection: the server does not read another
    /// site's gigabyte to its end. A small one still gets its 405.
    @Test func aLargeRequestBodyClosesTheConnection() async throws {
        let served = try await Served()
        let port = served.port
        let fd = try connection(
            port: port, sending: "POST / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 100000000\r\n\r\n")
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0x61, count: 65_536)
        var sent = 0
        while sent < 64 << 20 {
            let n = chunk.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            sent += n
        }
        #expect(sent < 64 << 20, "the server read \(sent) bytes of a body it never uses")
        let small = try send(
            "POST / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello", port: port)
        #expect(small.status == 405)
        await served.server.stop()
    }

    /// At most `connections` are open at once: with one allowed, held by a connection that
    /// was answered and then sends nothing, a second is answered only once the server has
    /// closed the first.
    @Test func connectionsAreBounded() async throws {
        var limits = PreviewServer.Limits()
        limits.idleSeconds = 1
        limits.connections = 1
        let served = try await Served(limits: limits)
        let held = try Abandoned(port: served.port, sending: "GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1:\(served.port)\r\n\r\n")
        #expect(held.readUntil("Allow: /").hasPrefix("HTTP/1.1 200"))
        #expect(!held.isClosedByServer)
        #expect(try get("/", port: served.port).status == 200)
        #expect(held.isClosedByServer)
        await served.server.stop()
    }

    @Test func hostsOtherThanTheServedAddressAreRefused() async throws {
        let served = try await Served()
        let port = served.port
        #expect(try get("/", port: port, host: "evil.example").status == 403)
        #expect(try get("/", port: port, host: "evil.example:\(port)").status == 403)
        #expect(try get("/", port: port, host: "127.0.0.1:\(port + 1)").status == 403)
        #expect(try send("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", port: port).status == 403)
        #expect(try get("/", port: port, host: "localhost:\(port)").status == 200)
        #expect(try get("/", port: port, host: "LOCALHOST:\(port)").status == 200)
        #expect(try get("/", port: port, host: "preview.test:\(port)").status == 200)
        #expect(try get("/", port: port, host: "[localhost]:\(port)").status == 403)
        #expect(try get("/", port: port, host: "::1:\(port)").status == 403)
        #expect(try get("/", port: port, host: "[::1]:\(port)").status == 200)
        // Two Host headers, the first allowed: the request means two things, and is refused.
        #expect(
            try send("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nHost: evil.example\r\nConnection: close\r\n\r\n", port: port).status
                == 400)
        // Another site's page asking the preview (to tie up its connections) is refused.
        let crossSite = try send(
            "GET /_sitegen/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nSec-Fetch-Site: cross-site\r\nConnection: close\r\n\r\n",
            port: port)
        #expect(crossSite.status == 403)
        await served.server.stop()
    }

    @Test(arguments: [
        "/../Package.swift", "/briefs/../../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E%2Fetc%2Fpasswd",
        "/briefs%2falpha/", "/briefs%5calpha/", "/briefs\\alpha/", "/%00", "/index.html%00.css", "/./index.html",
        "/briefs//alpha/", "/%zz", "/%",
    ])
    func pathsThatLeaveTheSiteAreRefused(path: String) async throws {
        let served = try await Served()
        let response = try get(path, port: served.port)
        #expect(response.status == 400)
        #expect(!response.body.contains("swift-tools-version"))
        await served.server.stop()
    }

    @Test func symlinksAreNotServed() async throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try FileManager.default.createSymbolicLink(
            atPath: site.templates + "/assets/passwd", withDestinationPath: "/etc/passwd")
        let server = try PreviewServer(configuration: .init(options: site.options(), port: 0, watches: false))
        let port = try await server.start { _ in }
        let response = try get("/assets/passwd", port: port)
        #expect(response.status == 404)
        #expect(!response.body.contains("root:"))
        let rebuild = await server.rebuild(touched: [])
        #expect(rebuild.report.diagnostics.warnings.map(\.code) == ["assets.symlink"])
        await server.stop()
    }

    @Test func errorsShowOnEveryPageUntilFixed() async throws {
        let served = try await Served()
        let path = served.site.content + "/events/day-event.md"
        let original = try served.site.text(path)
        try served.site.write(path, original.replacingOccurrences(of: "date: 2025-08-27", with: "date: 2025-08-47"))
        let failed = await served.server.rebuild(touched: [path])
        #expect(!failed.report.succeeded)
        for url in ["/", "/briefs/alpha/", "/no-such-page/"] {
            let response = try get(url, port: served.port)
            #expect(response.status == 500)
            #expect(response.body.contains("events/day-event.md:3:7: error: invalid date"))
            #expect(response.body.contains("    3 | date: 2025-08-47\n      |       ^"))
            #expect(response.body.contains("<html lang=\"en\">"))
            #expect(response.body.contains("EventSource"))
            // The overlay keeps the page's scroll position for when the page comes back.
            #expect(!response.body.contains("sessionStorage"))
        }
        try served.site.write(path, original)
        #expect(await served.server.rebuild(touched: [path]).report.succeeded)
        #expect(try get("/", port: served.port).status == 200)
        await served.server.stop()
    }

    /// Past the limit, the overlay shows the first errors in full and counts the rest by kind
    /// and by file; so does the warnings bar for warnings.
    @Test func manyErrorsAreCountedNotListed() async throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        var configuration = PreviewServer.Configuration(options: site.options(), port: 0, watches: false)
        configuration.errorLimit = 3
        let server = try PreviewServer(configuration: configuration)
        let port = try await server.start { _ in }
        for name in ["alpha", "beta", "gamma"] {
            let path = site.content + "/briefs/\(name).md"
            try site.write(path, try site.text(path).replacingOccurrences(of: "title: ", with: "colour: red\nsize: big\ntitle: "))
        }
        #expect(await server.rebuild(touched: []).report.diagnostics.errors.count == 6)
        let overlay = try get("/", port: port)
        #expect(overlay.status == 500)
        #expect(overlay.body.components(separatedBy: "<li class=\"error\">").count - 1 == 3)
        #expect(overlay.body.contains("<h2 id=\"sitegen-more\">3 more errors not shown</h2>"))
        #expect(overlay.body.contains("<tr><td><code>frontmatter.unknown-key</code></td><td class=\"n\">3</td></tr>"))
        #expect(overlay.body.contains("/briefs/gamma.md</code></td><td class=\"n\">2</td></tr>"))
        await server.stop()
    }

    @Test func warningsShowAsADismissibleBar() async throws {
        let served = try await Served()
        let path = served.site.content + "/pages/about.md"
        try served.site.write(path, try served.site.text(path) + "\n<b>raw</b>\n")
        #expect(await !served.server.rebuild(touched: [path]).report.diagnostics.warnings.isEmpty)
        let body = try get("/", port: served.port).body
        #expect(body.contains("<dialog open"))
        #expect(body.contains("<button>Dismiss</button></form>"))
        #expect(body.contains("pages/about.md:"))
        await served.server.stop()
    }

    @Test func aSaveSendsAReloadEvent() async throws {
        let served = try await Served(watches: true)
        // An event stream opened before the save hears of the rebuild the watcher starts.
        let port = served.port
        let listening = Task.detached {
            try send(
                "GET /_sitegen/events?since=1 HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n", port: port,
                readUntil: "event: reload")
        }
        try await Task.sleep(for: .milliseconds(300))
        let path = served.site.content + "/briefs/beta.md"
        try served.site.write(path, try served.site.text(path) + "\nSaved.\n")
        let events = try await listening.value
        #expect(events.status == 200)
        #expect(events.headers["content-type"] == "text/event-stream")
        #expect(events.body.contains("event: reload\ndata: 2"))
        #expect(try get("/briefs/beta/", port: port).body.contains("Saved."))
        await served.server.stop()
    }

    @Test func aStaleGenerationReloadsAtOnce() async throws {
        let served = try await Served()
        let events = try send(
            "GET /_sitegen/events?since=0 HTTP/1.1\r\nHost: 127.0.0.1:\(served.port)\r\n\r\n", port: served.port,
            readUntil: "event: reload")
        #expect(events.body.contains("event: reload\ndata: 1"))
        await served.server.stop()
    }
}
