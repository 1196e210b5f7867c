"""PyTorch's side of drop-bench: the same work on the same shape, on this machine's CPU.

usage: python3 Benchmarks/torch_bench.py [repeats]
Median of repeated calls, the cases interleaved round by round; the first two rounds are warm-up. Threads as PyTorch defaults
(torch.get_num_threads(), printed); the random draws themselves are serial in PyTorch.
"""
import statistics, sys, time
import torch
import torch.nn.functional as F
from timm.layers import drop_path

repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 25
torch.manual_seed(0)
x = torch.randn(64, 197, 768)  # (B, N, D)


def article_drop_path(x, drop_prob):
    keep_prob = 1 - drop_prob
    random_tensor = (keep_prob + torch.rand(x.shape[0], 1, 1)).floor()
    return x / keep_prob * random_tensor


CASES = [
    ("x.clone()", lambda: x.clone()),
    ("timm drop_path p=0.1", lambda: drop_path(x, 0.1, training=True)),
    ("article rand+floor", lambda: article_drop_path(x, 0.1)),
    ("F.dropout p=0.1", lambda: F.dropout(x, 0.1, training=True)),
]


def median_seconds(cases):
    """Median per case; each round calls every case once, so load falls on all alike."""
    times = [[] for _ in cases]
    for i in range(repeats + 2):
        for c, (_, fn) in enumerate(cases):
            start = time.perf_counter()
            fn()
            if i >= 2:
                times[c].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, shape {tuple(x.shape)}, "
      f"median of {repeats} calls")
results = median_seconds(CASES)
print(f"{'op':22s} {'ms/call':>8s} {'x clone':>8s}")
for (name, _), s in zip(CASES, results):
    print(f"{name:22s} {s * 1e3:8.2f} {s / results[0]:8.2f}")
