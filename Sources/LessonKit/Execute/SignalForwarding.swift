import Dispatch
import Foundation

/// Makes Ctrl-C and `SIGTERM` stop the lesson programs too.
///
/// A lesson program runs in its own process group, so the terminal's `SIGINT` never reaches
/// it: left alone, a looping lesson would keep running after `lessons` exits, and its
/// temporary folder would stay. (`SIGKILL` cannot be caught; the program's watchdog, see
/// LessonRuntime's `Watchdog`, covers that case.)
public enum SignalForwarding {
    /// Installs the handlers: on `SIGINT` or `SIGTERM`, every lesson program's group is killed,
    /// every temporary folder removed, and the process exits with 128 + the signal number
    /// (130, 143), as a shell reports a command a signal stopped.
    public static func install() {
        for signal in [SIGINT, SIGTERM] {
            // Dispatch runs the handler on an ordinary thread, where killing, removing folders
            // and exiting are all safe; the default action is turned off for that.
            _ = Glibc.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler {
                RunningPrograms.stop()
                _exit(128 + signal)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The signal sources, kept alive for the life of the process; only `install` touches it,
    /// once, as the command starts.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
}
