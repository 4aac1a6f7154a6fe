import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTPTypes
import SitegenCore
import Synchronization

/// `sitegen serve`: builds the site in memory, serves it over HTTP, rebuilds on every save and
/// tells open pages to reload. `Public/` is never touched.
public final class PreviewServer: Sendable {
    public struct Configuration: Sendable {
        public var options: BuildOptions
        /// The address to listen on: loopback unless the editor says otherwise.
        public var bind: String
        /// 0 picks a free port.
        public var port: UInt16
        /// More names a request's `Host` may give (e.g. a machine name on the local network).
        public var hosts: [String]
        /// Watch the content and templates folders for changes.
        public var watches: Bool
        /// What one connection may cost the server.
        public var limits = Limits()
        /// Diagnostics the overlay and the warnings bar show in full; the rest are counted.
        public var errorLimit = DiagnosticDigest.defaultLimit

        public init(options: BuildOptions, bind: String = "127.0.0.1", port: UInt16 = 1313, hosts: [String] = [], watches: Bool = true) {
            self.options = options
            self.bind = bind
            self.port = port
            self.hosts = hosts
            self.watches = watches
        }
    }

    /// What one connection may cost the server, so that no web page the editor has open can
    /// stall the preview. A request's body is at most `bodyBytes`; its line and headers at most `headBytes` (SwiftNIO's
    /// parser answers 400 and closes before reading more); a connection that sends nothing for
    /// `idleSeconds` while its request is being read, or between requests, is closed (an event
    /// stream, whose request is read, is not); at most `connections` are open at once (more wait
    /// in the listen queue until one closes).
    public struct Limits: Sendable {
        public var headBytes = 16 * 1024
        public var idleSeconds: Int64 = 10
        public var connections = 256
        /// A request's body: the preview reads none, so past this many bytes the connection
        /// is closed rather than the body read to its end (another site's form can post one).
        public var bodyBytes = 64 * 1024

        public init() {}
    }

    /// What one rebuild did, for the terminal.
    public struct Rebuild: Sendable {
        public let report: BuildSession.Report
        public let seconds: Double
        /// The first build of the session.
        public var isFirst = false
    }

    /// Whether `address` can be listened on at `port` (a second server on the same port would
    /// otherwise wait 10 s and fail with a socket error); nil when it can, else the reason.
    public static func problem(listeningOn address: String, port: UInt16) -> String? {
        let isIPv6 = address.contains(":")
        let fd = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return "cannot open a socket: \(String(cString: strerror(errno)))" }
        defer { close(fd) }
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        let result: Int32
        if isIPv6 {
            var a = sockaddr_in6()
            a.sin6_family = sa_family_t(AF_INET6)
            a.sin6_port = port.bigEndian
            guard inet_pton(AF_INET6, address, &a.sin6_addr) == 1 else { return "'\(address)' is not an IPv6 address" }
            result = withUnsafePointer(to: &a) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        } else {
            var a = sockaddr_in()
            a.sin_family = sa_family_t(AF_INET)
            a.sin_port = port.bigEndian
            guard inet_pton(AF_INET, address, &a.sin_addr) == 1 else { return "'\(address)' is not an IPv4 address" }
            result = withUnsafePointer(to: &a) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        guard result != 0 else { return nil }
        if errno == EADDRINUSE { return "port \(port) is in use (another sitegen serve, or hugo server?)" }
        return "cannot listen on \(address):\(port): \(String(cString: strerror(errno)))"
    }

    public let configuration: Configuration
    private let state: PreviewState
    private let allowedHosts: Set<String>
    private let listeningPort = PortBox()
    private let running = Mutex<Task<Void, any Error>?>(nil)

    public init(configuration: Configuration) throws {
        self.configuration = configuration
        state = PreviewState(options: configuration.options, errorLimit: configuration.errorLimit)
        var allowed: Set<String> = ["localhost", "127.0.0.1", "::1"]
        allowed.insert(configuration.bind.lowercased())
        for host in configuration.hosts { allowed.insert(host.lowercased()) }
        allowedHosts = allowed
    }

    /// Builds the site, starts listening and returns the port; `onRebuild` is called after the
    /// first build and every rebuild.
    public func start(onRebuild: @escaping @Sendable (Rebuild) -> Void) async throws -> UInt16 {
        Self.raiseOpenFileLimit()
        var first = await state.rebuild(touched: [])
        first.isFirst = true
        onRebuild(first)
        let quiet = Logger(label: "sitegen-serve", factory: { _ in SwiftLogNoOpLogHandler() })
        let (ports, portsContinuation) = AsyncStream<Int>.makeStream()
        let limits = configuration.limits
        let app = Application(
            responder: PreviewResponder(allowedHosts: allowedHosts, port: listeningPort, state: state),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [BodyLimit(bytes: limits.bodyBytes)],
                    idleTimeout: .seconds(limits.idleSeconds),
                    httpDecoderConfiguration: .init(
                        maxHeaderFieldSize: limits.headBytes, maxHeaderListSize: limits.headBytes, maxHeaderFieldCount: 100))),
            configuration: .init(
                address: .hostname(configuration.bind, port: Int(configuration.port)),
                availableConnectionsDelegate: MaximumAvailableConnections(limits.connections, logger: quiet)),
            onServerRunning: { channel in
                portsContinuation.yield(channel.localAddress?.port ?? 0)
                portsContinuation.finish()
            },
            logger: quiet)
        let serverTask = Task {
            do {
                try await app.run()
            } catch {
                portsContinuation.finish()
                throw error
            }
        }
        running.withLock { $0 = serverTask }
        await state.startHeartbeat()
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next(), let port = UInt16(exactly: bound), port != 0 else {
            // The server stopped before it listened: its error, if it has one.
            serverTask.cancel()
            try await serverTask.value
            throw PreviewError(message: "the server did not report the port it listens on")
        }
        listeningPort.value.store(Int(port), ordering: .releasing)
        Self.disableNagle(onListeningPort: port)
        if configuration.watches {
            let state = self.state
            let folders = [configuration.options.contentDirectory, configuration.options.templatesDirectory]
            FileWatcher(folders: folders) { touched in
                let done = DispatchSemaphore(value: 0)
                Task {
                    // The watcher's list is every path that changed.
                    onRebuild(await state.rebuild(touched: touched, complete: true))
                    done.signal()
                }
                done.wait()
            }.start()
        }
        return port
    }

    /// A response written in more than one write (an event stream, a head then a body) would
    /// wait with Nagle's algorithm for the ACK of the first, which the browser delays by up to
    /// 40 ms (a page's stylesheet once arrived 60 ms late). Hummingbird has no option for it, so
    /// `TCP_NODELAY` is set on its listening socket (found by its port), which accepted sockets
    /// inherit.
    private static func disableNagle(onListeningPort port: UInt16) {
        for fd in Int32(0)..<Int32(4096) {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let named = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            guard named == 0 else { continue }
            let boundPort: UInt16
            switch Int32(storage.ss_family) {
            case AF_INET:
                boundPort = withUnsafePointer(to: &storage) {
                    $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
                }
            case AF_INET6:
                boundPort = withUnsafePointer(to: &storage) {
                    $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
                }
            default: continue
            }
            var listening: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            guard boundPort == port, getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) == 0, listening != 0
            else { continue }
            var on: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    /// Rebuilds now, as a save would (for tests and benchmarks that edit files themselves).
    public func rebuild(touched: Set<String>) async -> Rebuild {
        await state.rebuild(touched: touched)
    }

    /// Waits while the server runs; returns (or throws its error) only when it stopped, which
    /// it should not do by itself: the command line then says so and exits.
    public func waitUntilStopped() async throws {
        guard let task = running.withLock({ $0 }) else { return }
        try await task.value
    }

    /// A server holds a file for every connection; 1,024 (the usual soft limit) is soon spent
    /// by open pages and their event streams, so the soft limit goes up to the hard one.
    private static func raiseOpenFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        let wanted = min(limit.rlim_max, 65_536)
        if limit.rlim_cur < wanted {
            limit.rlim_cur = wanted
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
    }

    public func stop() async {
        await state.closeStreams()
        guard let task = running.withLock({ $0 }) else { return }
        task.cancel()
        _ = try? await task.value
    }
}

struct PreviewError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// The session and what the server shows, changed only by rebuilds, one at a time.
actor PreviewState {
    private let session: BuildSession
    private var snapshot = PreviewSnapshot()
    private var listeners: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
    private var nextListener = 0
    private let errorLimit: Int

    init(options: BuildOptions, errorLimit: Int = DiagnosticDigest.defaultLimit) {
        session = BuildSession(options: options)
        self.errorLimit = errorLimit
    }

    /// Open event streams at most; past it the oldest is closed (its page reconnects).
    static let maximumListeners = 64
    private var heartbeat: Task<Void, Never>?

    func current() -> PreviewSnapshot { snapshot }

    /// A comment line to every event stream every 15 s: a stream whose page is gone fails to
    /// write and is released, instead of holding its connection until the next rebuild.
    func startHeartbeat() {
        guard heartbeat == nil else { return }
        heartbeat = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                await self?.beat()
            }
        }
    }

    private func beat() {
        let ping = Array(": ping\n\n".utf8)
        for listener in listeners.values { listener.yield(ping) }
    }

    func rebuild(touched: Set<String>, complete: Bool = false) -> PreviewServer.Rebuild {
        let clock = ContinuousClock()
        let start = clock.now
        let report = session.rebuild(touched: touched, complete: complete)
        let elapsed = clock.now - start
        let diagnostics = report.diagnostics.sorted
        let changed = !report.changedPaths.isEmpty || diagnostics != snapshot.diagnostics
        snapshot.diagnostics = diagnostics
        if report.succeeded { snapshot.files = session.files }
        if changed {
            snapshot.generation += 1
            // The overlay and the warnings bar, made once for every request until the next rebuild.
            snapshot.overlay =
                snapshot.hasErrors
                ? Array(
                    PreviewPages.errorOverlay(DiagnosticDigest(diagnostics, limit: errorLimit), generation: snapshot.generation)
                        .utf8) : []
            snapshot.warningsBar = PreviewPages.warningsBar(
                DiagnosticDigest(diagnostics.filter { $0.severity == .warning }, limit: errorLimit))
            let event = Array("event: reload\ndata: \(snapshot.generation)\n\n".utf8)
            for listener in listeners.values { listener.yield(event) }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return PreviewServer.Rebuild(report: report, seconds: seconds)
    }

    /// A stream of rebuild events; the first is sent at once when a rebuild after `since` happened.
    func events(since: Int) -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream()
        continuation.yield(Array("retry: 500\n\n".utf8))
        if since != snapshot.generation {
            continuation.yield(Array("event: reload\ndata: \(snapshot.generation)\n\n".utf8))
        }
        let id = nextListener
        nextListener += 1
        listeners[id] = continuation
        if listeners.count > Self.maximumListeners, let oldest = listeners.keys.min() {
            listeners.removeValue(forKey: oldest)?.finish()
        }
        continuation.onTermination = { _ in Task { await self.removeListener(id) } }
        return stream
    }

    private func removeListener(_ id: Int) { listeners[id] = nil }

    func closeStreams() {
        heartbeat?.cancel()
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }
}

/// Turns Hummingbird's requests into `PreviewRouter` answers.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let allowedHosts: Set<String>
    let port: PortBox
    let state: PreviewState

    func respond(to request: Request, context: Context) async throws -> Response {
        let snapshot = await state.current()
        let router = PreviewRouter(allowedHosts: allowedHosts, port: port.value.load(ordering: .acquiring))
        // A second Host (kept as a field when the first became the authority) makes the
        // request mean two things: refused, as RFC 9112 asks.
        if let host = HTTPField.Name("Host"), !request.headers[values: host].isEmpty {
            return Response(
                status: .badRequest, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "One Host header, please.\n")))
        }
        // HTTP/1.1's `Host` is the request's authority in Swift HTTP Types.
        let answer = router.answer(
            method: request.method.rawValue, target: request.head.path ?? "", host: request.head.authority,
            snapshot: snapshot, fetchSite: HTTPField.Name("Sec-Fetch-Site").flatMap { request.headers[$0] })
        var headers = HTTPFields()
        for (name, value) in answer.headers.sorted(by: { $0.key < $1.key }) {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        let status = HTTPResponse.Status(code: answer.status)
        if let since = answer.eventsSince {
            let stream = await state.events(since: since)
            return Response(
                status: status, headers: headers,
                body: ResponseBody { writer in
                    for await chunk in stream { try await writer.write(ByteBuffer(bytes: chunk)) }
                    try await writer.finish(nil)
                })
        }
        if answer.streams {
            // HEAD of a stream: its headers, with no length (the GET's has none), and no body.
            return Response(status: status, headers: headers, body: ResponseBody { writer in try await writer.finish(nil) })
        }
        // A HEAD answer has no body but the length of the GET's (`PreviewRouter` says it).
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

/// The port the server listens on, known once it listens.
final class PortBox: Sendable {
    let value = Atomic<Int>(0)
}

/// Closes a connection whose request body passes `bytes`: the preview reads no body, and
/// Hummingbird would otherwise read one to its end after answering (about 0.8 s of CPU per GB).
final class BodyLimit: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    private let bytes: Int
    private var seen = 0

    init(bytes: Int) {
        self.bytes = bytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: seen = 0
        case .body(let buffer):
            seen += buffer.readableBytes
            if seen > bytes {
                context.close(promise: nil)
                return
            }
        case .end: break
        }
        context.fireChannelRead(data)
    }
}
