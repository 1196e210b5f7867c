"""Writes speed.json: PyTorch's float32 results of the elementwise, broadcasting and comparison ops
(every operator, with a tensor or a scalar on either side, and relu; not sqrt, which PyTorch
rounds correctly on some CPUs and not on others, and `FastPathTests` checks against Double),
whole-tensor max and min, and of randn, uniform_ and linspace at sizes straddling each SIMD width
and the thread split (1, 7, 8, 9, 1023, 1024, 1025, 2**20 + 3), as digests
(see make_random_fixtures.py). Run by hand with PyTorch 2.x:

    python3 Tests/DropTests/Fixtures/make_speed_fixtures.py

Inputs are x = torch.randn(shape) and y = torch.rand(shape) (then the other operand's shape)
from torch.Generator().manual_seed(seed), which Drop reproduces bit for bit.
"""
import json
import os

import numpy as np
import torch

DIGEST_MULTIPLIER = 0x100000001B3


def digest(t):
    b = t.contiguous().numpy().astype(np.float32).view(np.uint32).reshape(-1).astype(np.uint64)
    powers = np.ones(b.size, dtype=np.uint64)
    if b.size > 1:
        powers[:-1] = np.cumprod(np.full(b.size - 1, DIGEST_MULTIPLIER, dtype=np.uint64))[::-1]
    with np.errstate(over="ignore"):
        return str(int(np.sum(b * powers, dtype=np.uint64)))


SIZES = [1, 7, 8, 9, 1023, 1024, 1025, 2**20 + 3]
# (x's shape, the other operand's shape): same shape, a value per sample, a bias, and mixed.
PAIRS = [([n], [n]) for n in SIZES] + [
    ([n], [1]) for n in (7, 1025, 2**20 + 3)] + [
    ([2, 3, 9], [2, 1, 1]), ([3, 11, 31], [31]), ([4, 16, 16], [4, 1, 16]),
    ([5, 5, 41], [1, 5, 1]), ([17, 241, 257], [17, 1, 1]), ([17, 241, 257], [257]),
    ([17, 241, 257], [1, 241, 1]), ([9, 1, 7], [1, 8, 1]), ([1025, 1024], [1025, 1]),
]
BINARY = {
    "add": lambda x, y: x + y, "sub": lambda x, y: x - y, "mul": lambda x, y: x * y,
    "div": lambda x, y: x / y, "lt": lambda x, y: (x < y).float(),
    "ge": lambda x, y: (x >= y).float(), "eq": lambda x, y: (x.floor() == y.floor()).float(),
    "scaled_mul": lambda x, y: x / 0.9 * y,
    "gt": lambda x, y: (x > y).float(), "le": lambda x, y: (x <= y).float(),
    "ne": lambda x, y: (x.floor() != y.floor()).float(),
}
UNARY = {
    "add_scalar": lambda x: x + 1.5, "mul_scalar": lambda x: x * 0.9,
    "div_scalar": lambda x: x / 0.9, "rdiv_scalar": lambda x: 2 / x, "neg": lambda x: -x,
    "lt_scalar": lambda x: (x < 0.5).float(),
    "floor": lambda x: x.floor(), "abs": lambda x: x.abs(),
    "max": lambda x: x.max(), "min": lambda x: x.min(),
    "sub_scalar": lambda x: x - 1.5, "rsub_scalar": lambda x: 1.5 - x,
    "radd_scalar": lambda x: 1.5 + x, "rmul_scalar": lambda x: 0.9 * x,
    "relu": lambda x: x.relu(),
    "gt_scalar": lambda x: (x > 0.5).float(), "le_scalar": lambda x: (x <= 0.5).float(),
    "ge_scalar": lambda x: (x >= 0.5).float(), "eq_scalar": lambda x: (x.floor() == 0).float(),
    "ne_scalar": lambda x: (x.floor() != 0).float(),
}

cases = []
for seed, (xs, ys) in enumerate(PAIRS):
    g = torch.Generator().manual_seed(seed)
    x, y = torch.randn(xs, generator=g), torch.rand(ys, generator=g)
    for op, f in BINARY.items():
        cases.append({"op": op, "seed": seed, "x": xs, "y": ys, "digest": digest(f(x, y))})
    if xs == ys:
        for op, f in UNARY.items():
            cases.append({"op": op, "seed": seed, "x": xs, "y": ys, "digest": digest(f(x))})
for seed, n in enumerate(SIZES):
    g = torch.Generator().manual_seed(100 + seed)
    cases.append({"op": "randn", "seed": 100 + seed, "x": [n], "y": [],
                  "digest": digest(torch.randn(n, generator=g))})
    g = torch.Generator().manual_seed(100 + seed)
    cases.append({"op": "randn_mean_std", "seed": 100 + seed, "x": [n], "y": [],
                  "digest": digest(torch.empty(n).normal_(0.5, 2.5, generator=g))})
for seed, n in enumerate(SIZES):
    g = torch.Generator().manual_seed(200 + seed)
    cases.append({"op": "uniform", "seed": 200 + seed, "x": [n], "y": [],
                  "digest": digest(torch.empty(n).uniform_(-2, 3, generator=g))})
    cases.append({"op": "linspace", "seed": 0, "x": [n], "y": [],
                  "digest": digest(torch.linspace(-3, 5, n))})

meta = {"torch": torch.__version__}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "speed.json")
with open(path, "w") as f:
    json.dump({"meta": meta, "cases": cases}, f, indent=0)
print(f"wrote {len(cases)} cases to {path}")
