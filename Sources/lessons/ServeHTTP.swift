import FlyingFox
import FlyingSocks
import Foundation
import LessonKit

/// The preview's HTTP side, on FlyingFox: every GET goes to the `PreviewSession`, and the
/// events path streams its rebuilds as server-sent events. The only file that knows HTTP.
struct PreviewHTTP: HTTPHandler {
    let session: PreviewSession

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: HTTPHeaders([HTTPHeader("Allow"): "GET, HEAD"]))
        }
        let target = request.target.path(percentEncoded: true)
        if target == PreviewSession.eventsPath {
            let since = request.query.first { $0.name == "since" }.flatMap { Int($0.value) } ?? -1
            let events = EventBytes(generations: await session.events(since: since))
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: HTTPBodySequence(from: events))
        }
        let answer = await session.response(to: request.target.rawValue)
        return HTTPResponse(
            statusCode: HTTPStatusCode(answer.status, phrase: answer.status == 200 ? "OK" : "Not Found"),
            headers: [
                .contentType: answer.contentType, .cacheControl: "no-store",
                HTTPHeader("X-Content-Type-Options"): "nosniff",
            ],
            body: Data(answer.body))
    }

    /// Serves `session` on `host`:`port` (port 0 picks a free one); `listening` receives the
    /// address once the socket is bound. Returns when the server stops.
    static func serve(
        _ session: PreviewSession, host: String, port: UInt16, listening: @escaping @Sendable (String) -> Void
    ) async throws {
        let handler = PreviewHTTP(session: session)
        let server: HTTPServer
        if host.contains(":") {
            server = HTTPServer(address: try .inet6(ip6: host, port: port), logger: .disabled, handler: handler)
        } else {
            server = HTTPServer(address: try .inet(ip4: host, port: port), logger: .disabled, handler: handler)
        }
        // The server's failure to bind (a port in use) ends the group at once, not after the wait.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask {
                try await server.waitUntilListening(timeout: 60)
                switch await server.listeningAddress {
                case .ip4(let address, let port): listening("http://\(address):\(port)/")
                case .ip6(let address, let port): listening("http://[\(address)]:\(port)/")
                default: listening("http://\(host):\(port)/")
                }
            }
            while try await group.next() != nil {}
        }
    }
}

/// A stream of rebuild generations as server-sent-event bytes (`data: 3\n\n`), in the shape
/// FlyingFox streams a body from.
struct EventBytes: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8
    let generations: AsyncStream<Int>

    func makeAsyncIterator() -> Iterator { Iterator(generations: generations.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var generations: AsyncStream<Int>.Iterator
        var pending: [UInt8] = Array(": connected\n\n".utf8)

        mutating func next() async -> UInt8? {
            guard let buffer = await nextBuffer(suggested: 1) else { return nil }
            pending.insert(contentsOf: buffer.dropFirst(), at: 0)
            return buffer.first
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if pending.isEmpty {
                guard let generation = await generations.next() else { return nil }
                pending = Array("data: \(generation)\n\n".utf8)
            }
            let chunk = Array(pending.prefix(count))
            pending.removeFirst(chunk.count)
            return chunk
        }
    }
}
