"""Writes numerics.txt: real PyTorch results for Drop's printing and numerics tests.

Run by hand (needs torch): python3 Tests/DropTests/Fixtures/make_numerics_fixtures.py
Each case is a block of lines:
    case NAME
    op OP ARGS...            (the Drop call; see NumericsFixture.swift)
    a SHAPE | HEX...         (inputs as float32 bit patterns; 0 to 2 lines: a, b)
    want SHAPE | HEX...      (torch's result; absent for op print)
    print N                  (followed by N lines: torch's repr of the result)
SHAPE is space-separated extents ('' for 0-d).
"""
import math, os
import torch

torch.manual_seed(0)
cases = []


def hexs(t):
    t = t.detach().contiguous().to(torch.float32)
    return " ".join(f"{v & 0xffffffff:08x}" for v in t.view(torch.int32).reshape(-1).tolist())


def line(tag, t):
    return f"{tag} {' '.join(map(str, t.shape))} | {hexs(t)}"


def add(name, op, result, *inputs):
    cases.append((name, op, result, inputs))


def printing(name, t):
    add(name, "print", t, t)


T = torch.tensor
r = torch.randn
nan, inf = float("nan"), float("inf")

# Printing rules.
printing("randn_4d", r(3, 2, 2, 3))
printing("randn_5", r(5))
printing("common_width", T([1.5, -12.25, 100.125, 0.5]))
printing("negative_zero_not_counted", T([-0.0, 0.5, 1.25]))
printing("negative_zero_int", T([-0.0, 2.0]))
printing("all_zero", T([0.0, 0.0]))
printing("zero_d", T(0.5))
printing("zero_d_negative_zero", T(-0.0))
printing("zero_d_int", T(3.0))
printing("zero_d_sci", T(1e-7))
printing("zero_d_nan", T(nan))
printing("one_element", T([2.5]))
printing("int_mode", T([1.0, 0.0, 1.0]))
printing("int_mode_large", T([123456.0, -7.0, 100.0]))
printing("int_mode_sci_ratio", T([1.0, 2000.0]))
printing("int_mode_sci_large", T([3.0, 1e9]))
printing("int_negative_large", T([1e10, -1e10]))
printing("sci_small", T([1e-5, 1.0]))
printing("sci_small_only", T([3e-5, 5e-5]))
printing("sci_ratio", T([0.5, 600.0]))
printing("sci_large", T([1.5e8, 2.0]))
printing("no_sci_at_1e-4", T([1e-4, 0.1]))
printing("sci_just_below_1e-4", T([9.99995e-5, 0.01]))
printing("mixed_magnitudes", T([0.03125, 0.00015625]))
printing("big_fraction", T([123456.789, 0.5]))
printing("inf_nan", T([nan, 1.5, inf]))
printing("inf_nan_int", T([nan, 2.0, -inf]))
printing("only_nonfinite", T([nan, -inf, inf]))
printing("sci_with_inf", T([1e-6, inf, -2.0]))
printing("empty", torch.zeros(0))
printing("empty_2d", torch.zeros(0, 3))
printing("empty_3d", torch.zeros(2, 0, 4))
printing("wrap_40", r(40))
printing("wrap_2d", r(4, 30))
printing("wrap_3d", r(2, 2, 25))
printing("wrap_wide", r(30) * 1000)
printing("wrap_sci", r(20) * 1e-3)
printing("wrap_int", torch.arange(30.0))
printing("wrap_int_wide", torch.arange(100.0) * 1234)
printing("summary_1001", r(1001))
printing("summary_40x40", r(40, 40))
printing("summary_3x400", r(3, 400))
printing("summary_5x300", r(5, 300))
printing("summary_2x2x300", r(2, 2, 300))
printing("summary_4d", r(10, 10, 10, 10))
printing("summary_edges_set_mode", torch.cat([T([1e-6]), torch.ones(998), T([1e6]), torch.ones(3)]))
printing("not_summarized_1000", r(1000))
printing("4d_blank_lines", r(2, 3, 2, 2))
printing("5d", r(2, 1, 2, 1, 2))
printing("column", r(5, 1))
printing("dropout_like", torch.nn.functional.dropout(r(4, 6), 0.5))
printing("scaled_1000", r(2, 3) * 1000)
printing("scaled_small", r(3) * 1e-3)
printing("scaled_100", r(4) * 100)
printing("rounding_half", T([0.00005, 0.00015, 1.00005, 2.5]))
printing("mask_rows", torch.floor(torch.rand(4, 1, 1) + 0.5))

# Random tensors over many magnitudes, as in the reference's verify_print.py.
gen = torch.Generator().manual_seed(1)
for k in range(150):
    nd = int(torch.randint(0, 5, (), generator=gen))
    shape = tuple(int(v) for v in torch.randint(1, 6, (nd,), generator=gen))
    t = torch.randn(shape, generator=gen) * 10 ** (float(torch.rand((), generator=gen)) * 15 - 6)
    kind = k % 5
    if kind == 1: t = torch.round(t)
    if kind == 2: t = t * (torch.rand(shape, generator=gen) > 0.5)  # zeros and negative zeros
    if kind == 3: t = torch.floor(torch.rand(shape, generator=gen) + 0.5)  # 0/1 masks
    printing(f"random_{k}", t)

# Arithmetic, with broadcasting and Python scalars on either side.
x, y = r(2, 3), r(2, 3)
add("add", "add", x + y, x, y)
add("sub", "sub", x - y, x, y)
add("mul", "mul", x * y, x, y)
add("div", "div", x / y, x, y)
a, b = r(3, 1, 4), r(2, 1)
add("broadcast_3x1x4_2x1", "add", a + b, a, b)
a, b = r(4), r(3, 1)
add("broadcast_row_col", "mul", a * b, a, b)
a, b = r(2, 3, 4), r(3, 1)
add("broadcast_inner", "sub", a - b, a, b)
a, b = r(2, 1, 4), r(1, 3, 1)
add("broadcast_both", "div", a / b, a, b)
a, b = r(2, 3), T(2.5)
add("broadcast_0d", "mul", a * b, a, b)
a, b = r(0, 3), r(3)
add("broadcast_empty", "add", a + b, a, b)
x = r(3, 4)
for s in [0.9, 0.5, 3.0, 1.0 / 3.0, 0.1, 7.3]:
    add(f"add_scalar_{s}", f"add_s {s!r}", x + s, x)
    add(f"radd_scalar_{s}", f"radd_s {s!r}", s + x, x)
    add(f"sub_scalar_{s}", f"sub_s {s!r}", x - s, x)
    add(f"rsub_scalar_{s}", f"rsub_s {s!r}", s - x, x)
    add(f"mul_scalar_{s}", f"mul_s {s!r}", x * s, x)
    add(f"rmul_scalar_{s}", f"rmul_s {s!r}", s * x, x)
    add(f"div_scalar_{s}", f"div_s {s!r}", x / s, x)
    add(f"rdiv_scalar_{s}", f"rdiv_s {s!r}", s / x, x)
x = r(64)
for keep in [0.9, 0.7, 0.5, 0.25]:
    rr = torch.floor(keep + torch.rand(64))
    add(f"keep_then_mask_{keep}", f"div_s_mul {keep!r}", (x / keep) * rr, x, rr)
add("neg", "neg", -x, x)
add("neg_zero", "neg", -T([0.0, -0.0, 1.0]), T([0.0, -0.0, 1.0]))
x = r(50) * 3
add("floor", "floor", torch.floor(x), x)
add("abs", "abs", torch.abs(x), x)
add("exp", "exp", torch.exp(x), x)
add("erf", "erf", torch.erf(x), x)
p = torch.rand(50) * 10
add("sqrt", "sqrt", torch.sqrt(p), p)
add("log", "log", torch.log(p), p)
add("log_edges", "log", torch.log(T([0.0, -1.0, 1.0, inf])), T([0.0, -1.0, 1.0, inf]))
add("gelu_erf", "gelu", torch.nn.functional.gelu(x), x)

# Reductions (compared with a tolerance).
x = r(4, 5, 6)
for op in ["sum", "mean", "var", "max", "min"]:
    add(f"{op}_all", op, getattr(torch, op)(x), x)
for d in [0, 1, 2, -1, -3]:
    for k in [False, True]:
        add(f"sum_dim{d}_{k}", f"sum_dim {d} {int(k)}", x.sum(d, keepdim=k), x)
        add(f"mean_dim{d}_{k}", f"mean_dim {d} {int(k)}", x.mean(d, keepdim=k), x)
        add(f"var_dim{d}_{k}", f"var_dim {d} {int(k)}", x.var(d, keepdim=k), x)
        add(f"max_dim{d}_{k}", f"max_dim {d} {int(k)}", x.max(d, keepdim=k).values, x)
big = r(64, 197, 2) + 3
add("mean_large", "mean", big.mean(), big)
add("var_large", "var", big.var(), big)
add("var_one", "var", T([2.0]).var(), T([2.0]))

# Shapes.
x = r(2, 3, 4)
for d0, d1 in [(0, 1), (1, 2), (0, 2), (-1, -2)]:
    add(f"transpose_{d0}_{d1}", f"transpose {d0} {d1}", x.transpose(d0, d1).contiguous(), x)
for perm in [(2, 0, 1), (1, 0, 2), (0, 2, 1)]:
    add(f"permute_{perm}", "permute " + " ".join(map(str, perm)), x.permute(*perm).contiguous(), x)
for d in [0, 1, 3, -1]:
    add(f"unsqueeze_{d}", f"unsqueeze {d}", x.unsqueeze(d), x)
s = r(1, 3, 1, 2)
add("squeeze_all", "squeeze", s.squeeze(), s)
add("squeeze_dim", "squeeze_dim 2", s.squeeze(2), s)
add("squeeze_dim_noop", "squeeze_dim 1", s.squeeze(1), s)
add("flatten", "flatten", x.flatten(), x)
add("flatten_1", "flatten_from 1", x.flatten(1), x)
for d in [0, 1, -1]:
    add(f"softmax_{d}", f"softmax {d}", torch.softmax(x, d), x)
w = r(3, 10) * 20
add("softmax_wide", "softmax -1", torch.softmax(w, -1), w)

# Comparisons as 0/1 float masks.
x, y = T([1.0, 2.0, 3.0, nan]), T([2.0, 2.0, 2.0, 2.0])
for op in ["lt", "le", "gt", "ge", "eq", "ne"]:
    add(f"{op}_tensor", op, getattr(torch, op)(x, y).float(), x, y)
    add(f"{op}_scalar", f"{op}_s 2.0", getattr(torch, op)(x, 2.0).float(), x)
add("rlt_scalar", "rlt_s 2.0", (2.0 < x).float(), x)
add("rge_scalar", "rge_s 2.0", (2.0 >= x).float(), x)
a, b = r(3, 1), r(4)
add("gt_broadcast", "gt", (a > b).float(), a, b)

# Factories.
add("zeros", "zeros 2 3", torch.zeros(2, 3))
add("ones", "ones 4", torch.ones(4))
add("full", "full 2.5 2 2", torch.full((2, 2), 2.5))
for args in [(5.0,), (12.0,), (0.0, 1.0, 0.1), (-3.0, 3.0, 0.07), (0.0, 10.0, 0.1), (1.0, 2.5, 0.5),
             (0.0, 40.0, 0.3), (5.0, 0.0, -0.5), (0.0, 1.0, 1 / 3)]:
    f32 = [float(torch.tensor(v, dtype=torch.float32)) for v in args]
    add("arange_" + "_".join(map(str, args)), "arange " + " ".join(map(repr, f32)), torch.arange(*f32))
for start, end, steps in [(0, 0.1, 12), (0, 1, 5), (0, 0.1, 2), (0, 0.5, 1), (0, 1, 0), (-1, 1, 7),
                          (0, 0.3, 11), (0.1, 0.9, 13), (0, 0.2, 24), (2, -3, 100)]:
    add(f"linspace_{start}_{end}_{steps}", f"linspace {start!r} {end!r} {steps}",
        torch.linspace(start, end, steps))

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "numerics.txt"), "w") as f:
    f.write(f"# torch {torch.__version__} {torch.backends.cpu.get_cpu_capability()}; "
            "made by make_numerics_fixtures.py\n")
    for name, op, result, inputs in cases:
        f.write(f"case {name}\nop {op}\n")
        for tag, t in zip("ab", inputs):
            f.write(line(tag, t) + "\n")
        if op != "print":  # a printed tensor is its own input
            f.write(line("want", result) + "\n")
        printed = repr(result).split("\n")
        f.write(f"print {len(printed)}\n" + "\n".join(printed) + "\n")
print(len(cases), "cases")
