/// What executing one lesson gave: its block results, or the failure that stopped it.
public struct LessonRun: Sendable {
    /// The lesson that ran.
    public var lesson: Lesson
    /// The results of the blocks that started, in order: all of them unless `failure` is set,
    /// in which case the last one is the block that failed (with what it printed first).
    public var results: [BlockResult]
    /// Why the lesson failed, if it did.
    public var failure: LessonError?
    /// Seconds spent compiling (0 when cached).
    public var compileSeconds: Double = 0
    /// Seconds spent running the program (0 when cached).
    public var runSeconds: Double = 0
    /// The results came from the cache: nothing was compiled or run.
    public var cached = false

    /// The lesson paired with its results, when it succeeded.
    public var executed: ExecutedLesson? {
        failure == nil ? ExecutedLesson(lesson: lesson, results: results) : nil
    }
}

/// How lessons are executed.
public struct ExecutionSettings: Sendable, Hashable {
    /// The global seed every block's seed derives from.
    public var seed: UInt64
    /// The time limit of each run block in seconds, counted from the block's start (compiling
    /// is not counted), for every block without a `timeout=` of its own; `--timeout` sets it.
    public var timeout: Double
    /// Bytes one block may print to each of stdout and stderr.
    public var outputCap: Int

    /// Settings with the defaults of `lessons build`: seed 0, 60 s, 1 MiB.
    public init(seed: UInt64 = 0, timeout: Double = 60, outputCap: Int = 1 << 20) {
        self.seed = seed
        self.timeout = timeout
        self.outputCap = outputCap
    }
}
