internal import _DropKernels

/// A fully connected layer, `y = x·Wᵀ + b`, like `nn.Linear`.
///
/// The weight is `(outFeatures, inFeatures)`. Creation draws exactly what
/// `nn.Linear.reset_parameters` draws, in the same order (weight, then bias), so a layer built
/// after `manualSeed(s)` holds the values PyTorch holds after `torch.manual_seed(s)`.
public final class Linear: Module {
    /// True while training; a linear layer behaves the same in both modes.
    public var training = true
    /// The weight, `(outFeatures, inFeatures)`.
    public var weight: Tensor
    /// The bias, `(outFeatures)`, or `nil` for a layer built with `bias: false`.
    public var bias: Tensor?

    /// Creates a layer initialised like `nn.Linear(inFeatures, outFeatures, bias=bias)`.
    ///
    /// The weight follows `kaiming_uniform_(a=√5)`, i.e. `uniform_(−bound, bound)` with
    /// `bound = √3 · √(2 / (1 + a²)) / √inFeatures = 1/√inFeatures`; the bias follows
    /// `uniform_(−1/√inFeatures, 1/√inFeatures)`.
    public init(
        inFeatures: Int, outFeatures: Int, bias: Bool = true, generator: Generator = .default
    ) {
        check(
            inFeatures > 0 && outFeatures >= 0,
            "Linear needs inFeatures > 0 and outFeatures >= 0, got \(inFeatures) and \(outFeatures)")
        let fanIn = Double(inFeatures)
        // The bounds are computed in Double like PyTorch's Python code, then rounded to float.
        let gain = (2.0 / (1.0 + 5.0)).squareRoot()  // calculate_gain("leaky_relu", √5)
        let weightBound = Float(3.0.squareRoot() * (gain / fanIn.squareRoot()))
        weight = parameter(rand(
            [outFeatures, inFeatures], from: -weightBound, to: weightBound, generator: generator))
        let biasBound = Float(1 / fanIn.squareRoot())
        self.bias =
            bias ? parameter(rand([outFeatures], from: -biasBound, to: biasBound, generator: generator)) : nil
    }

    /// `weight`, then `bias` if there is one.
    public var directParameters: [(String, Tensor)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    /// Applies the layer to the last dimension of `x`: `(…, inFeatures)` → `(…, outFeatures)`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        let (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1])
        let last = x.shape.last ?? 0
        check(
            x.ndim >= 1 && last == inFeatures,
            "mat1 and mat2 shapes cannot be multiplied "
                + "(\(x.numel / Swift.max(last, 1))x\(last) and \(inFeatures)x\(outFeatures))")
        let rows = x.numel / inFeatures
        let out = freshScalars(count: rows * outFeatures) { y in
            x.withElements { px in
                weight.withElements { pw in
                    withBias { b in
                        // Wᵀ is read through strides: no transposed copy of the weight.
                        let wt = MatrixView(pw.baseAddress!, rows: outFeatures, cols: inFeatures)
                            .transposed
                        gemm(
                            MatrixView(px.baseAddress!, rows: rows, cols: inFeatures), wt,
                            plus: b, into: y, rowStride: outFeatures)
                    }
                }
            }
        }
        return Tensor(uncheckedScalars: out, shape: Size(x.shape.dims.dropLast() + [outFeatures]))
            .recordingLinear(x, weight, bias)
    }

    /// Runs `body` with the bias's floats, or with `nil` for a layer without bias.
    private func withBias(_ body: (UnsafePointer<Float>?) -> Void) {
        guard let bias else { return body(nil) }
        bias.withElements { body($0.baseAddress) }
    }
}
