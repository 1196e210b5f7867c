import Foundation
import Glibc
import Synchronization

/// Tells when the files of one directory change, through Linux's inotify: the only file of
/// the preview that talks to the kernel's file events.
///
/// The directory itself is watched, not each file, so that editors which save by writing a
/// new file and renaming it over the old one (vim, most IDEs) are seen as well as those that
/// write in place.
public final class FileWatcher: Sendable {
    /// The directory watched.
    public let directory: String
    /// Only names ending so are reported (`.md`: an editor's swap and backup files are not).
    public let suffix: String
    private let descriptor: Int32
    private let stopped = Atomic<Bool>(false)

    /// Starts watching `directory` for files whose names end with `suffix`; an error in words
    /// if inotify cannot.
    public init(directory: String, suffix: String = "") throws(LessonError) {
        self.directory = directory
        self.suffix = suffix
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else {
            throw LessonError(stage: .parse, path: directory, message: "cannot watch it: \(String(cString: strerror(errno)))")
        }
        // A file is looked at once its writer closes it (or renames it into place), never
        // half-written: creation and each write are not events here.
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE)
        guard inotify_add_watch(descriptor, directory, mask) >= 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw LessonError(stage: .parse, path: directory, message: "cannot watch it: \(reason)")
        }
    }

    deinit { close(descriptor) }

    /// Calls `changed` with the names of the files that changed, from a thread of its own,
    /// until `stop()`. Events that arrive together come in one call.
    public func start(_ changed: @escaping @Sendable ([String]) -> Void) {
        let thread = Thread { [self] in
            while !stopped.load(ordering: .relaxed) {
                let names = waitForEvents(milliseconds: 100)
                if !names.isEmpty { changed(names) }
            }
        }
        thread.name = "droplab-file-watcher"
        thread.start()
    }

    /// Ends the watching thread within a tenth of a second.
    public func stop() {
        stopped.store(true, ordering: .relaxed)
    }

    /// The names in the events that arrive within `milliseconds` (none if none do).
    private func waitForEvents(milliseconds: Int32) -> [String] {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, milliseconds) > 0 else { return [] }
        var names: [String] = []
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, size)
            guard count > 0 else { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = buffer + offset + MemoryLayout<inotify_event>.size
                let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                if !name.isEmpty, name.hasSuffix(suffix) { names.append(name) }
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
            }
        }
        return names
    }
}
