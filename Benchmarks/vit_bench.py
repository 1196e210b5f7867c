"""PyTorch eager CPU reference for `swift run -c release vit-bench`.

Forward pass of a depth-12, dim-192, 3-head stack of timm 1.0 ViT blocks on (8, 197, 192) in eval
mode, under torch.no_grad(), on --threads threads (default 1; compare with
`DROP_NUM_THREADS=N swift run -c release vit-bench`); prints the median of the
timed runs in milliseconds, and the GFLOPS of one product of fc1's shape, (1576, 192) @ (192, 768).

    python3 Benchmarks/vit_bench.py [--threads 1] [--runs 15]
"""
import argparse
import statistics
import time

import torch
from timm.models.vision_transformer import Block

parser = argparse.ArgumentParser()
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--runs", type=int, default=15)
args = parser.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(0)
stack = torch.nn.Sequential(*[Block(dim=192, num_heads=3) for _ in range(12)]).eval()
x = torch.randn(8, 197, 192)

with torch.no_grad():
    for _ in range(3):  # warm-up: allocator, oneDNN/MKL kernel selection
        stack(x)
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        stack(x)
        times.append((time.perf_counter() - start) * 1000)

    a, b = torch.randn(1576, 192), torch.randn(192, 768)
    for _ in range(3):
        a @ b
    products = []
    for _ in range(args.runs):
        start = time.perf_counter()
        a @ b
        products.append(time.perf_counter() - start)
    gflops = 2 * 1576 * 192 * 768 / statistics.median(products) / 1e9

print(f"torch {torch.__version__} eager CPU, {torch.get_num_threads()} thread(s): "
      f"median {statistics.median(times):.1f} ms over {args.runs} runs "
      f"(min {min(times):.1f}, max {max(times):.1f}); fc1-shaped matmul {gflops:.0f} GFLOPS")
