import Glibc

/// The tape entry of the exact GELU: `∂x = g · (Φ(x) + x·φ(x))`, computed in Double.
extension Tensor {
    /// `self` = `GELU(x)`, recorded.
    func recordingGELU(of x: Tensor) -> Tensor {
        guard Tensor.recordsGradient(x) else { return self }
        let saved = SavedTensor(x)
        return recording("GeluBackward0", [x]) { g in
            let slope = saved.unpack().map { v in
                let x = Double(v)
                let cdf = 0.5 * (1 + Glibc.erf(x / 2.0.squareRoot()))
                let pdf = Glibc.exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
                return Float(cdf + x * pdf)
            }
            return [g * slope]
        }
    }
}
