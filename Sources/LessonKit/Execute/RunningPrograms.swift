import Foundation
import Synchronization

/// The lesson programs running now and the temporary folders they were compiled in: what must
/// go when `lessons` is stopped (see `SignalForwarding`), and what each run removes when it ends.
///
/// Each program leads its own process group (a `should-fail` block's forked child and whatever
/// a lesson starts belong to it), so killing a program means killing its group.
enum RunningPrograms {
    private struct State {
        var groups: Set<pid_t> = []
        var folders: Set<String> = []
        var stopping = false
    }

    private static let state = Mutex(State())

    /// Records a program's process group; once `stop` has begun, kills it at once instead.
    static func add(group: pid_t) {
        let stopping = state.withLock { state in
            if !state.stopping { state.groups.insert(group) }
            return state.stopping
        }
        if stopping { killGroup(group) }
    }

    /// Kills what is left of a program's group (whatever it started in the background) and
    /// forgets it.
    static func end(group: pid_t) {
        killGroup(group)
        _ = state.withLock { $0.groups.remove(group) }
    }

    /// Creates a fresh temporary folder for one lesson's program, removed by `remove(folder:)`
    /// or by `stop`.
    static func makeFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("droplab-lesson-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let stopping = state.withLock { state in
            if !state.stopping { state.folders.insert(folder) }
            return state.stopping
        }
        if stopping {
            try? FileManager.default.removeItem(atPath: folder)
            throw CancellationError()
        }
        return folder
    }

    /// Removes a folder made by `makeFolder`.
    static func remove(folder: String) {
        try? FileManager.default.removeItem(atPath: folder)
        _ = state.withLock { $0.folders.remove(folder) }
    }

    /// Kills every program's group and removes every folder; programs and folders added later
    /// are killed and removed as they come.
    static func stop() {
        let (groups, folders) = state.withLock { state in
            state.stopping = true
            defer { state.groups = []; state.folders = [] }
            return (state.groups, state.folders)
        }
        for group in groups { killGroup(group) }
        for folder in folders { try? FileManager.default.removeItem(atPath: folder) }
    }

    private static func killGroup(_ group: pid_t) {
        _ = kill(-group, SIGKILL)
    }
}
