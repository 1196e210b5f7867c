/// Whether ops record the tape: on, except inside `noGrad`.
enum GradMode {
    /// True unless a `noGrad` body is running (per task and thread).
    @TaskLocal static var isEnabled = true
}

/// Runs `body` without recording gradients, like `with torch.no_grad():`.
///
/// Results computed inside do not require grad, and parameters may be changed in place (this is
/// how optimizers update them).
public func noGrad<T>(_ body: () throws -> T) rethrows -> T {
    try GradMode.$isEnabled.withValue(false) { try body() }
}
