import Foundation
import Testing

@testable import LessonKit

/// `lessons serve` as a process: what it answers over real HTTP, and that Ctrl-C leaves no
/// lesson program and no temporary folder behind.
@Suite struct ServeCommandTests {
    /// Starts `lessons serve` on a free port over `lessons`; its pid, scratch folder and URL.
    private func startServe(_ lessons: [String: String], environment: [String: String] = [:], waitForURL: Bool = true)
        async throws -> (pid: pid_t, scratch: String, port: UInt16?)
    {
        let folder = try ServeFixtures.folder(lessons)
        let scratch = try EngineFixtures.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: scratch + "/tmp", withIntermediateDirectories: true)
        let pid = try ChannelFixtures.startLessons(
            ["serve", "--lessons", folder, "--port", "0"],
            environment: environment.merging(["TMPDIR": scratch + "/tmp"]) { $1 }, directory: scratch)
        guard waitForURL else { return (pid, scratch, nil) }
        var port: UInt16?
        _ = await ChannelFixtures.eventually(within: 120) {
            let out = (try? String(contentsOfFile: scratch + "/stdout", encoding: .utf8)) ?? ""
            guard let range = out.range(of: "serving http://127.0.0.1:") else { return false }
            port = UInt16(out[range.upperBound...].prefix { $0.isNumber })
            return port != nil
        }
        #expect(port != nil, "serve printed its URL")
        return (pid, scratch, port)
    }

    /// Sends `SIGINT` to the serve's process group, as a terminal's Ctrl-C does; checks that
    /// nothing is left.
    private func interrupt(_ pid: pid_t, scratch: String) async throws {
        kill(-pid, SIGINT)
        #expect(ChannelFixtures.exitCode(of: pid) == 130)
        #expect(await ChannelFixtures.eventually(within: 10) { kill(-pid, 0) != 0 }, "no process of its group left")
        // `swiftc --version` (the toolchain's fingerprint, run once per compiler) leaves an empty
        // `TemporaryDirectory.*` of the driver's; everything else would be ours.
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch + "/tmp")
            .filter { !$0.hasPrefix("TemporaryDirectory.") }
        #expect(left.isEmpty, "no temporary folder left: \(left)")
    }

    @Test func servesTheSiteOverHTTPOnLoopbackAndNothingOutsideIt() async throws {
        let (pid, scratch, listening) = try await startServe(["a.md": ServeFixtures.lesson("Alpha", prose: "Alpha prose.")])
        let port = try #require(listening)
        let page = try RawHTTP.get("/a.html", port: port)
        #expect(page.status == 200 && page.headers.contains("Content-Type: text/html; charset=utf-8"))
        #expect(page.body.contains("Alpha prose.") && page.body.contains("/__droplab/events"))
        #expect(try RawHTTP.get("/style.css", port: port).headers.contains("Content-Type: text/css; charset=utf-8"))
        #expect(try RawHTTP.get("/", port: port).status == 200)
        for target in ["/../Package.swift", "/%2e%2e/Package.swift", "/%2e%2e%2fPackage.swift", "//etc/passwd", "/etc/passwd"] {
            #expect(try RawHTTP.get(target, port: port).status == 404, "\(target)")
        }
        let stdout = try String(contentsOfFile: scratch + "/stdout", encoding: .utf8)
        #expect(stdout.hasPrefix("rebuild 1: parse "), "one line for the first build: \(stdout)")
        try await interrupt(pid, scratch: scratch)
    }

    @Test func ctrlCStopsALessonProgramMidRunAndLeavesNoTemporaryFolder() async throws {
        let loop = try String(
            contentsOf: ChannelFixtures.directory.appendingPathComponent("loop.md"), encoding: .utf8)
        let started = try EngineFixtures.temporaryDirectory() + "/started"
        let (pid, scratch, _) = try await startServe(
            ["loop.md": loop], environment: ["DROPLAB_TEST_STARTED": started], waitForURL: false)
        let program = try #require(await ChannelFixtures.number(in: started), "the lesson started")
        #expect(!ChannelFixtures.isGone(program), "\(ChannelFixtures.report(scratch, program: program))")
        try await interrupt(pid, scratch: scratch)
        #expect(
            await ChannelFixtures.eventually { ChannelFixtures.isGone(program) },
            "no program left: \(ChannelFixtures.report(scratch, program: program))")
    }
}

/// A client that sends the request target exactly as written (URLSession would normalise
/// `/../`), and reads one response.
enum RawHTTP {
    static func get(_ target: String, port: UInt16) throws -> (status: Int, headers: String, body: String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
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
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let request = Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += buffer[..<count]
            let text = String(decoding: received, as: UTF8.self)
            if let end = text.range(of: "\r\n\r\n"),
                let length = text[..<end.lowerBound].split(separator: "\r\n")
                    .first(where: { $0.lowercased().hasPrefix("content-length:") })
                    .flatMap({ Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }),
                received.count >= text[..<end.upperBound].utf8.count + length
            { break }
        }
        let text = String(decoding: received, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        let status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, head, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}
