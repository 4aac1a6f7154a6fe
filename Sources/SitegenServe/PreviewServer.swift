import FlyingFox
import FlyingSocks
import Foundation
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

        public init(options: BuildOptions, bind: String = "127.0.0.1", port: UInt16 = 1313, hosts: [String] = [], watches: Bool = true) {
            self.options = options
            self.bind = bind
            self.port = port
            self.hosts = hosts
            self.watches = watches
        }
    }

    /// What one rebuild did, for the terminal.
    public struct Rebuild: Sendable {
        public let report: BuildSession.Report
        public let seconds: Double
    }

    public let configuration: Configuration
    private let state: PreviewState
    private let server: HTTPServer
    private let listeningPort = PortBox()

    public init(configuration: Configuration) throws {
        self.configuration = configuration
        state = PreviewState(options: configuration.options)
        let address: any SocketAddress =
            configuration.bind.contains(":")
            ? try sockaddr_in6.inet6(ip6: configuration.bind, port: configuration.port)
            : try sockaddr_in.inet(ip4: configuration.bind, port: configuration.port)
        var allowed: Set<String> = ["localhost", "127.0.0.1", "::1"]
        allowed.insert(configuration.bind.lowercased())
        for host in configuration.hosts { allowed.insert(host.lowercased()) }
        server = HTTPServer(
            address: address, timeout: 15, logger: .disabled,
            handler: PreviewHandler(allowedHosts: allowed, port: listeningPort, state: state))
    }

    /// Builds the site, starts listening and returns the port; `onRebuild` is called after the
    /// first build and every rebuild.
    public func start(onRebuild: @escaping @Sendable (Rebuild) -> Void) async throws -> UInt16 {
        let first = await state.rebuild(touched: [])
        onRebuild(first)
        let serverTask = Task { try await server.run() }
        do {
            try await server.waitUntilListening(timeout: 10)
        } catch {
            serverTask.cancel()
            _ = try? await serverTask.value
            throw error
        }
        let port: UInt16
        switch await server.listeningAddress {
        case .ip4(_, let p)?, .ip6(_, let p)?: port = p
        default: throw PreviewError(message: "the server did not report the port it listens on")
        }
        listeningPort.value.store(Int(port), ordering: .releasing)
        Self.disableNagle(onListeningPort: port)
        if configuration.watches {
            let state = self.state
            let folders = [configuration.options.contentDirectory, configuration.options.templatesDirectory]
            FileWatcher(folders: folders) { touched in
                let done = DispatchSemaphore(value: 0)
                Task {
                    onRebuild(await state.rebuild(touched: touched))
                    done.signal()
                }
                done.wait()
            }.start()
        }
        return port
    }

    /// FlyingFox writes a response's headers and body in two writes. With Nagle's algorithm the
    /// body then waits for the ACK of the headers, which the browser delays by up to 40 ms: a
    /// page's stylesheet arrived 60 ms late. FlyingFox has no option for it, so `TCP_NODELAY`
    /// is set on its listening socket (found by its port), which accepted sockets inherit.
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

    public func stop() async {
        await state.closeStreams()
        await server.stop(timeout: 1)
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

    init(options: BuildOptions) {
        session = BuildSession(options: options)
    }

    func current() -> PreviewSnapshot { snapshot }

    func rebuild(touched: Set<String>) -> PreviewServer.Rebuild {
        let clock = ContinuousClock()
        let start = clock.now
        let report = session.rebuild(touched: touched)
        let elapsed = clock.now - start
        let diagnostics = report.diagnostics.sorted
        let changed = !report.changedPaths.isEmpty || diagnostics != snapshot.diagnostics
        snapshot.diagnostics = diagnostics
        if report.succeeded { snapshot.files = session.files }
        if changed {
            snapshot.generation += 1
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
        continuation.onTermination = { _ in Task { await self.removeListener(id) } }
        return stream
    }

    private func removeListener(_ id: Int) { listeners[id] = nil }

    func closeStreams() {
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }
}

/// Turns FlyingFox requests into `PreviewRouter` answers.
struct PreviewHandler: HTTPHandler {
    let allowedHosts: Set<String>
    let port: PortBox
    let state: PreviewState

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        let snapshot = await state.current()
        let router = PreviewRouter(allowedHosts: allowedHosts, port: port.value.load(ordering: .acquiring))
        let answer = router.answer(
            method: request.method.rawValue, target: request.target.rawValue, host: request.headers[.host],
            snapshot: snapshot)
        var headers = HTTPHeaders()
        for (name, value) in answer.headers { headers[HTTPHeader(name)] = value }
        if let since = answer.eventsSince {
            let stream = await state.events(since: since)
            return HTTPResponse(
                statusCode: .ok, headers: headers,
                body: HTTPBodySequence(from: ByteChunks(stream: stream), suggestedBufferSize: 4096))
        }
        return HTTPResponse(statusCode: HTTPStatusCode(answer.status, phrase: Self.phrase(answer.status)), headers: headers, body: Data(answer.body))
    }

    static func phrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 301: "Moved Permanently"
        case 400: "Bad Request"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 500: "Internal Server Error"
        default: "Status"
        }
    }
}

/// The port the server listens on, known once it listens.
final class PortBox: Sendable {
    let value = Atomic<Int>(0)
}

/// Chunks of bytes from an `AsyncStream`, as the buffered sequence FlyingFox streams a body from.
struct ByteChunks: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let stream: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async -> UInt8? {
            await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
            while pending.isEmpty {
                guard let chunk = await base.next() else { return nil }
                pending = chunk[...]
            }
            let taken = pending.prefix(Swift.max(1, count))
            pending = pending.dropFirst(taken.count)
            return taken
        }
    }
}
