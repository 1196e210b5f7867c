"""PyTorch eager CPU reference for `swift run -c release vit-bench`.

Forward pass of a depth-12, dim-192, 3-head stack of timm 1.0 ViT blocks on (8, 197, 192) in eval
mode, under torch.no_grad(), single-threaded like the Swift benchmark; prints the median of the
timed runs in milliseconds.

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

print(f"torch {torch.__version__} eager CPU, {torch.get_num_threads()} thread(s): "
      f"median {statistics.median(times):.1f} ms over {args.runs} runs "
      f"(min {min(times):.1f}, max {max(times):.1f})")
