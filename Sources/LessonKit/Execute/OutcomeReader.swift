/// Reads a finished lesson program's captured streams and exit into block results and, if the
/// lesson failed, the error that says where and why.
struct OutcomeReader {
    var lesson: Lesson
    var seeds: [UInt64]
    /// Compile diagnostics of the `should-fail` blocks left out of the program.
    var compileFailures: [Int: String]
    var outcome: ProgramRun
    /// Each block's time limit, in seconds.
    var limits: [Double]
    var cap: Int

    /// One result per block that started, in order.
    func results() -> [BlockResult] {
        let started = outcome.lastBlock.map { $0 + 1 } ?? 0
        return lesson.blocks.prefix(started).map(result)
    }

    private func result(_ block: RunBlock) -> BlockResult {
        let i = block.index
        var items: [OutputItem] = outcome.stdout.pieces[i, default: []].map {
            switch $0 {
            case .text(let bytes): .stdout(String(decoding: bytes, as: UTF8.self))
            case .svg(let bytes): .svg(String(decoding: bytes, as: UTF8.self))
            }
        }
        let errors = stderrText(of: i)
        guard block.options.shouldFail else {
            if !errors.isEmpty { items.append(.stderr(errors)) }
            return BlockResult(seed: seeds[i], items: items)
        }
        if let diagnostics = compileFailures[i] {
            return BlockResult(seed: seeds[i], items: [], expectedFailure: diagnostics)
        }
        guard case .failed(let why)? = outcome.stderr.outcomes[i] else {
            return BlockResult(seed: seeds[i], items: items)
        }
        return BlockResult(
            seed: seeds[i], items: items,
            expectedFailure: errors.isEmpty ? "terminated: \(why)" : errors)
    }

    /// Why the lesson failed, if it did.
    func failure() -> LessonError? {
        let last = outcome.lastBlock
        if let violation = outcome.stdout.violation ?? outcome.stderr.violation {
            return error(in: nil, violation + "; the program was stopped")
        }
        if outcome.timedOut {
            let limit = last.map { limits[$0] } ?? ProgramRunner.compileAllowance.seconds
            return error(
                in: last,
                "timed out after \(limit.formatted) s; the program was killed "
                    + "(timeout=SECONDS on a block sets its limit, --timeout the default)")
        }
        if let block = outcome.stdout.overflowedBlock ?? outcome.stderr.overflowedBlock {
            return error(in: block, "printed more than \(cap) bytes; its output is truncated")
        }
        if let descriptor = outcome.stderr.lostDescriptor {
            let name = descriptor == 1 ? "standard output" : "standard error"
            return error(
                in: last,
                "the block closed or replaced its \(name) (file descriptor \(descriptor)), "
                    + "so the output of the blocks after it would be lost")
        }
        let ending: String
        switch outcome.status {
        case .exited(0): ending = ""
        case .exited(let code): ending = "the program exited with code \(code)"
        case .signaled(let signal): ending = "the program was killed by signal \(signal)"
        }
        if !ending.isEmpty {
            return error(in: last, trapText(last).map { $0 + "\n" + ending } ?? ending)
        }
        if let block = lesson.blocks.first(where: {
            $0.options.shouldFail && compileFailures[$0.index] == nil && !childFailed($0.index)
        }) {
            return error(
                in: block.index, "the block is marked should-fail but ran without failing")
        }
        if (last ?? -1) + 1 < lesson.blocks.count {
            return error(in: last, "the program exited before the blocks after this one ran")
        }
        return nil
    }

    private func childFailed(_ block: Int) -> Bool {
        if case .failed? = outcome.stderr.outcomes[block] { true } else { false }
    }

    /// What the program printed on stderr before it failed, without its last newline.
    private func trapText(_ block: Int?) -> String? {
        let text = block.map(stderrText) ?? String(decoding: outcome.stderr.preamble, as: UTF8.self)
        return text.isEmpty ? nil : text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    /// A block's stderr, without the stack traces a crash adds (addresses and paths of this
    /// machine, not lesson lines): the Swift runtime's and the compiler's.
    private func stderrText(of block: Int) -> String {
        var text = ""
        for case .text(let bytes) in outcome.stderr.pieces[block, default: []] {
            text += String(decoding: bytes, as: UTF8.self)
        }
        for marker in ["Current stack trace:\n", "Stack dump:\n"] {
            if let trace = text.firstRange(of: marker) { text = String(text[..<trace.lowerBound]) }
        }
        return text
    }

    /// An error blamed on `block`: at the lesson line a trap message names (Swift prints
    /// `FILE:LINE: Fatal error: …` for `fatalError`, `precondition` and `!` in lesson code,
    /// FILE being the lesson's path or its `#fileID`), else at the block's first line.
    private func error(in block: Int?, _ message: String) -> LessonError {
        guard let block else {
            return LessonError(stage: .execute, path: lesson.path, message: message)
        }
        let code = lesson.blocks[block]
        let fileID = ProgramRunner.moduleName + "/" + (lesson.path.split(separator: "/").last ?? "")
        let named = message.split(separator: "\n").lazy.compactMap { line -> Int? in
            guard let prefix = [lesson.path + ":", fileID + ":"].first(where: line.hasPrefix),
                let colon = line.dropFirst(prefix.count).firstIndex(of: ":")
            else { return nil }
            return Int(line[line.index(line.startIndex, offsetBy: prefix.count)..<colon])
        }.first { lesson.block(atLine: $0)?.index == block }
        return LessonError(
            stage: .execute, path: lesson.path, line: named ?? code.codeLine, block: block,
            message: message.hasSuffix("\n") ? String(message.dropLast()) : message)
    }
}

extension Double {
    /// `60` rather than `60.0`; fractions as written.
    var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
