"""PyTorch eager CPU twin of `ops-bench`: the same cases, sizes and timing, on 2 threads.

Every case is timed under torch.no_grad(), as `ops-bench` times Drop's under `noGrad`. Views (`reshape`, `x[i]`,
`flatten`, `unsqueeze`) are timed as views; `transpose` and `permute` as view + `.contiguous()`,
since Drop's results are contiguous copies. Comparisons return PyTorch's bool tensors.

    python3 Benchmarks/ops_bench.py [rounds] [op ...]   # prints `size<TAB>op<TAB>median seconds per call`

With ops named, only those cases run (interleaved in the full list's order), as in `ops-bench`.
"""
import sys
import time

import timm
import torch
import torch.nn.functional as F
from timm.layers import Mlp
from timm.models.vision_transformer import Attention, Block
from torchvision.ops import stochastic_depth

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
only = set(sys.argv[2:]) or None
torch.set_num_threads(2)


def cases(large):
    shape = (64, 197, 768) if large else (4, 8, 32)  # (B, N, D)
    b, d = shape[0], shape[2]
    g = torch.Generator().manual_seed(0)
    x = torch.randn(shape, generator=g)
    y = torch.rand(shape, generator=g)
    r = torch.rand(b, 1, 1, generator=g)
    bias = torch.randn(d, generator=g)
    m, k = (1576, 768) if large else (32, 32)
    a, w = torch.randn(m, k, generator=g), torch.randn(k, k, generator=g)
    n = x.numel()
    tokens = torch.randn(8, 197, 768) if large else torch.randn(1, 4, 256)
    dim = tokens.shape[2]
    linear, norm, gelu = torch.nn.Linear(dim, dim), torch.nn.LayerNorm(dim), torch.nn.GELU()
    heads = 12 if large else 4
    attention, mlp = Attention(dim, num_heads=heads), Mlp(dim, 4 * dim)
    block = Block(dim=dim, num_heads=heads, drop_path=0.1).train()
    rows, classes = (1024, 1024) if large else (8, 128)
    logits = torch.randn(rows, classes, generator=g)
    targets = torch.tensor([i * 7919 % classes for i in range(rows)])
    maps = torch.randn((16, 64, 32, 32) if large else (1, 4, 16, 16), generator=g)
    features = torch.randn((1024, 1024) if large else (32, 32), generator=g)
    batch_norm = torch.nn.BatchNorm1d(features.shape[1]).train()
    unsqueezed = x.unsqueeze(1)

    def add_in_place():
        z = x.clone()
        z += y
        return z

    return [
        ("zeros", lambda: torch.zeros(shape)),
        ("full", lambda: torch.full(shape, 0.5)),
        ("ones", lambda: torch.ones(shape)),
        ("arange", lambda: torch.arange(float(n))),
        ("linspace", lambda: torch.linspace(0, 1, n)),
        ("rand", lambda: torch.rand(shape, generator=g)),
        ("rand_from_to", lambda: torch.empty(shape).uniform_(-1, 1, generator=g)),
        ("randn", lambda: torch.randn(shape, generator=g)),
        ("bernoulli_p", lambda: torch.empty(shape).bernoulli_(0.9, generator=g)),
        ("bernoulli_probs", lambda: torch.bernoulli(y, generator=g)),
        ("x+x", lambda: x + x),
        ("x-y", lambda: x - y),
        ("x*y", lambda: x * y),
        ("x/y", lambda: x / y),
        ("x+1.5", lambda: x + 1.5),
        ("x*0.9", lambda: x * 0.9),
        ("x/0.9", lambda: x / 0.9),
        ("2/y", lambda: 2 / y),
        ("-x", lambda: -x),
        ("x*r(B,1,1)", lambda: x * r),
        ("x/0.9*r", lambda: x / 0.9 * r),
        ("x+bias(D)", lambda: x + bias),
        ("x<y", lambda: x < y),
        ("x<0.5", lambda: x < 0.5),
        ("x+=y", add_in_place),
        ("exp", lambda: x.exp()),
        ("log", lambda: y.log()),
        ("sqrt", lambda: y.sqrt()),
        ("abs", lambda: x.abs()),
        ("floor", lambda: x.floor()),
        ("relu", lambda: torch.relu(x)),
        ("erf", lambda: x.erf()),
        ("sum", lambda: x.sum()),
        ("sum(dim:2)", lambda: x.sum(dim=2)),
        ("sum(dim:0)", lambda: x.sum(dim=0)),
        ("mean(dim:2,keepdim)", lambda: x.mean(dim=2, keepdim=True)),
        ("mean", lambda: x.mean()),
        ("var(dim:2)", lambda: x.var(dim=2)),
        ("var", lambda: x.var()),
        ("max", lambda: x.max()),
        ("max(dim:2)", lambda: x.amax(dim=2)),
        ("min", lambda: x.min()),
        ("softmax(dim:2)", lambda: x.softmax(dim=2)),
        ("softmax(dim:1)", lambda: x.softmax(dim=1)),
        ("logSoftmax(dim:2)", lambda: F.log_softmax(x, dim=2)),
        ("matmul", lambda: a @ w),
        ("reshape", lambda: x.reshape(-1, d)),
        ("x[i]", lambda: x[1]),
        ("transpose(1,2)", lambda: x.transpose(1, 2).contiguous()),
        ("permute(2,0,1)", lambda: x.permute(2, 0, 1).contiguous()),
        ("flatten", lambda: x.flatten()),
        ("unsqueeze", lambda: x.unsqueeze(0)),
        ("squeeze", lambda: unsqueezed.squeeze(1)),
        ("dropout", lambda: F.dropout(x, 0.1, training=True)),
        ("dropPath", lambda: timm.layers.drop_path(x, 0.1, training=True)),
        ("dropout2d", lambda: F.dropout2d(x, 0.1, training=True)),
        ("stochasticDepth", lambda: stochastic_depth(x, 0.1, "row", training=True)),
        ("dropBlock2d", lambda: timm.layers.drop_block_2d(maps, 0.1, 7)),
        ("crossEntropy", lambda: F.cross_entropy(logits, targets)),
        ("mseLoss", lambda: F.mse_loss(x, y)),
        ("BatchNorm1d", lambda: batch_norm(features)),
        ("Linear", lambda: linear(tokens)),
        ("LayerNorm", lambda: norm(tokens)),
        ("GELU", lambda: gelu(tokens)),
        ("Attention", lambda: attention(tokens)),
        ("Mlp", lambda: mlp(tokens)),
        ("Block", lambda: block(tokens)),
    ]


def medians(all_cases, calls):
    """Median seconds per call over `rounds` rounds after one warm-up, cases interleaved."""
    times = [[] for _ in all_cases]
    for round_ in range(rounds + 1):
        for i, (_, call) in enumerate(all_cases):
            start = time.perf_counter()
            for _ in range(calls):
                call()
            if round_ > 0:
                times[i].append((time.perf_counter() - start) / calls)
    return [sorted(t)[len(t) // 2] for t in times]


with torch.no_grad():
    for large in (False, True):
        all_cases = [c for c in cases(large) if only is None or c[0] in only]
        for (name, _), seconds in zip(all_cases, medians(all_cases, 1 if large else 200)):
            print(f"{'large' if large else 'small'}\t{name}\t{seconds}")
