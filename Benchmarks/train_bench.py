"""PyTorch eager CPU twin of `swift run train-bench`: one AdamW step (zero grads, forward,
(y*y).mean(), backward, step) of a depth-4, dim-64, 4-head, qkv-bias stack of timm ViT blocks with
drop-path rate 0.1 (timm's linear schedule) on randn(32, 17, 64), in train mode. Prints the median
step in milliseconds and the process's peak resident memory.

    python3 Benchmarks/train_bench.py [--threads 2] [--runs 30]
"""
import argparse
import resource
import statistics
import time

import torch
from timm.models.vision_transformer import Block

parser = argparse.ArgumentParser()
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--runs", type=int, default=30)
args = parser.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(0)
rates = [x.item() for x in torch.linspace(0, 0.1, 4)]
stack = torch.nn.Sequential(*[Block(dim=64, num_heads=4, qkv_bias=True, drop_path=r) for r in rates]).train()
optimizer = torch.optim.AdamW(stack.parameters(), lr=1e-3, foreach=False)
x = torch.randn(32, 17, 64)


def step():
    optimizer.zero_grad()
    y = stack(x)
    loss = (y * y).mean()
    loss.backward()
    optimizer.step()
    return loss.item()


for _ in range(3):
    step()
times = []
for _ in range(args.runs):
    start = time.perf_counter()
    loss = step()
    times.append((time.perf_counter() - start) * 1000)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"torch {torch.__version__} eager CPU, {torch.get_num_threads()} thread(s): median step "
      f"{statistics.median(times):.1f} ms over {args.runs} runs (min {min(times):.1f}, max {max(times):.1f}); "
      f"peak RSS {peak} MiB; last loss {loss:.4f}")
