import ArgumentParser
import Foundation
import LessonKit

extension Lessons {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Preview the site: build it in memory, serve it, rebuild what changed and reload open pages.",
            discussion: """
                Nothing is written to disk but the result cache: Site/ is left alone. A lesson that \
                fails shows its error on its page; the others keep working. Ctrl-C stops the server \
                and every lesson program it started.
                """)
        @OptionGroup var common: Common
        @OptionGroup var course: Course
        @Option(help: "The address to listen on (loopback unless you say otherwise).") var host = "127.0.0.1"
        @Option(help: "The port to listen on (0 picks a free one).") var port = 8000
        @Flag(help: "Open the site in the default browser (xdg-open).") var open = false

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            var address = in6_addr()
            guard inet_pton(AF_INET, host, &address) == 1 || inet_pton(AF_INET6, host, &address) == 1 else {
                throw ValidationError("--host must be an IP address, such as 127.0.0.1 or ::1 (not \"\(host)\")")
            }
        }

        func run() async throws {
            let session: PreviewSession
            let watcher: FileWatcher
            do {
                session = PreviewSession(builder: try course.builder(common))
                watcher = try FileWatcher(directory: course.lessons, suffix: ".md")
            } catch {
                throw Lessons.report([error])
            }
            let debouncer = Debouncer()
            watcher.start { debouncer.add($0) }
            Lessons.say(await session.rebuild().report)
            let (host, port, open) = (host, UInt16(port), open)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await session.watch(debouncer) { Lessons.say($0) } }
                group.addTask {
                    do {
                        try await PreviewHTTP.serve(session, host: host, port: port) { url in
                            Lessons.say("serving \(url) (Ctrl-C stops)")
                            if open { Serve.openBrowser(at: url) }
                        }
                    } catch {
                        FileHandle.standardError.write(Data("error: cannot serve on \(host) port \(port): \(error)\n".utf8))
                        throw ExitCode.failure
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        }

        /// Best effort: the URL is printed whether or not a browser opens.
        static func openBrowser(at url: String) {
            let opener = Process()
            opener.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            opener.arguments = ["xdg-open", url]
            opener.standardOutput = FileHandle.nullDevice
            opener.standardError = FileHandle.nullDevice
            do { try opener.run() } catch { Lessons.say("could not open a browser (\(error)); open \(url)") }
        }
    }
}
