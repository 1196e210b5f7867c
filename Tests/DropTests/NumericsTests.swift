import Testing
@testable import Drop

/// Drop's result for a fixture case: the call the case names, on its inputs.
private func run(_ c: NumericsCase) -> Tensor {
    let x = c.inputs.first ?? Tensor(0)
    let y = c.inputs.count > 1 ? c.inputs[1] : x
    switch c.op[0] {
    case "add": return x + y
    case "sub": return x - y
    case "mul": return x * y
    case "div": return x / y
    case "add_s": return x + c.float(0)
    case "radd_s": return c.float(0) + x
    case "sub_s": return x - c.float(0)
    case "rsub_s": return c.float(0) - x
    case "mul_s": return x * c.float(0)
    case "rmul_s": return c.float(0) * x
    case "div_s": return x / c.float(0)
    case "rdiv_s": return c.float(0) / x
    case "div_s_mul": return (x / c.float(0)) * y
    case "neg": return -x
    case "floor": return x.floor()
    case "abs": return x.abs()
    case "exp": return x.exp()
    case "erf": return x.erf()
    case "sqrt": return x.sqrt()
    case "log": return x.log()
    // PyTorch's SIMD erf differs from erff in the last bits.
    case "gelu": return GELU()(x)
    case "sum": return x.sum()
    case "mean": return x.mean()
    case "var": return x.var()
    case "max": return x.max()
    case "min": return x.min()
    case "sum_dim": return x.sum(dim: c.int(0), keepdim: c.int(1) == 1)
    case "mean_dim": return x.mean(dim: c.int(0), keepdim: c.int(1) == 1)
    case "var_dim": return x.var(dim: c.int(0), keepdim: c.int(1) == 1)
    case "max_dim": return x.max(dim: c.int(0), keepdim: c.int(1) == 1)
    case "transpose": return x.transpose(c.int(0), c.int(1))
    case "permute": return x.permute(c.op.dropFirst().map { Int($0)! })
    case "unsqueeze": return x.unsqueeze(c.int(0))
    case "squeeze": return x.squeeze()
    case "squeeze_dim": return x.squeeze(c.int(0))
    case "flatten": return x.flatten()
    case "flatten_from": return x.flatten(c.int(0))
    case "softmax": return x.softmax(dim: c.int(0))
    case "lt": return x < y
    case "le": return x <= y
    case "gt": return x > y
    case "ge": return x >= y
    case "eq": return x .== y
    case "ne": return x .!= y
    case "lt_s": return x < c.float(0)
    case "le_s": return x <= c.float(0)
    case "gt_s": return x > c.float(0)
    case "ge_s": return x >= c.float(0)
    case "eq_s": return x .== c.float(0)
    case "ne_s": return x .!= c.float(0)
    case "rlt_s": return c.float(0) < x
    case "rge_s": return c.float(0) >= x
    case "zeros": return zeros(c.op.dropFirst().map { Int($0)! })
    case "ones": return ones(c.op.dropFirst().map { Int($0)! })
    case "full": return full(c.op.dropFirst(2).map { Int($0)! }, c.float(0))
    case "arange" where c.op.count == 2: return arange(c.float(0))
    case "arange": return arange(c.float(0), c.float(1), c.float(2))
    case "linspace": return linspace(c.float(0), c.float(1), c.int(2))
    default: fatalError("unknown fixture op \(c.op)")
    }
}

/// Ops whose float32 results PyTorch specifies bit for bit (one IEEE operation per element).
private let exactOps: Set<String> = [
    "add", "sub", "mul", "div", "add_s", "radd_s", "sub_s", "rsub_s", "mul_s", "rmul_s", "div_s",
    "rdiv_s", "div_s_mul", "neg", "floor", "abs", "sqrt", "transpose", "permute", "unsqueeze",
    "squeeze", "squeeze_dim", "flatten", "flatten_from", "lt", "le", "gt", "ge", "eq", "ne", "lt_s",
    "le_s", "gt_s", "ge_s", "eq_s", "ne_s", "rlt_s", "rge_s", "zeros", "ones", "full", "arange",
    "linspace",
]

/// Ops computed by different (but equally accurate) algorithms than PyTorch's SIMD kernels:
/// transcendental approximations and summation order differ in the last bits.
private let approximateOps: Set<String> = [
    "exp", "log", "erf", "gelu", "sum", "mean", "var", "max", "min", "sum_dim", "mean_dim",
    "var_dim", "max_dim", "softmax",
]

@Suite struct NumericsTests {
    @Test("Bit-exact like PyTorch, and prints the same", arguments: NumericsCase.with(ops: exactOps))
    func exactLikePyTorch(_ c: NumericsCase) {
        let got = run(c)
        #expect(sameBits(got, c.want))
        #expect(got.description == c.printed)
    }

    /// A few float32 ulps: 1e-6 relative, plus 1e-6 absolute for values near zero.
    @Test("Within 1e-6 of PyTorch", arguments: NumericsCase.with(ops: approximateOps))
    func closeToPyTorch(_ c: NumericsCase) {
        let got = run(c)
        #expect(got.shape == c.want.shape)
        let close = zip(got.scalars, c.want.scalars).allSatisfy { a, b in
            (a.isNaN && b.isNaN) || Tensor(a).allClose(Tensor(b), atol: 1e-6, rtol: 1e-6)
        }
        #expect(close, "\(got) vs \(c.want)")
    }
}
