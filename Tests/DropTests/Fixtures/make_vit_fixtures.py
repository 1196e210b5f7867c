"""Writes vit.json: timm 1.0 ViT blocks, PyTorch matmuls and drop-path schedules for VitTests.

Run by hand from this folder (needs torch and timm; the tests never do):
    python3 make_vit_fixtures.py

Where the seeds go (the Swift tests seed at exactly the same points):
- block: torch.manual_seed(0), then Block(dim=8, num_heads=2, drop_path=0.5) draws its weights.
  The input x (4, 5, 8) is stored (drawn from a separate generator). Eval output: block.eval()(x).
  Train output: torch.manual_seed(2) immediately before block.train()(x); the forward draws
  drop_path1's mask (4 values) then drop_path2's (4 values). The masks are recorded by
  repeating those draws after torch.manual_seed(2).
- stack: torch.manual_seed(3), then the depth-4 stack with drop_path_rate 0.3 (rates from
  timm's calculate_drop_path_rates), blocks built in order. Eval output on the stored x (2, 3, 8);
  train output with torch.manual_seed(4) immediately before the forward.
"""
import json

import torch
import timm
from timm.layers import calculate_drop_path_rates
from timm.models.vision_transformer import Block


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def params(module):
    return {name: flat(p) for name, p in module.named_parameters()}


torch.set_num_threads(1)
out = {"torch": torch.__version__, "timm": timm.__version__}

# A single block, eval and train.
torch.manual_seed(0)
block = Block(dim=8, num_heads=2, drop_path=0.5)
x = torch.randn(4, 5, 8, generator=torch.Generator().manual_seed(1))
with torch.no_grad():
    y_eval = block.eval()(x)
    attn_branch = block.attn(block.norm1(x))
    torch.manual_seed(2)
    y_train = block.train()(x)
    torch.manual_seed(2)
    mask1 = x.new_empty((4, 1, 1)).bernoulli_(0.5)
    mask2 = x.new_empty((4, 1, 1)).bernoulli_(0.5)
out["block"] = {
    "dim": 8, "numHeads": 2, "dropPath": 0.5, "seed": 0, "forwardSeed": 2,
    "shape": list(x.shape), "x": flat(x), "params": params(block),
    "eval": flat(y_eval), "attnBranch": flat(attn_branch),
    "train": flat(y_train), "mask1": flat(mask1), "mask2": flat(mask2),
}

# A depth-4 stack with rate 0.3.
torch.manual_seed(3)
rates = calculate_drop_path_rates(0.3, 4)
stack = torch.nn.Sequential(*[Block(dim=8, num_heads=2, drop_path=r) for r in rates])
xs = torch.randn(2, 3, 8, generator=torch.Generator().manual_seed(6))
with torch.no_grad():
    s_eval = stack.eval()(xs)
    torch.manual_seed(4)
    s_train = stack.train()(xs)
out["stack"] = {
    "depth": 4, "dim": 8, "numHeads": 2, "dropPathRate": 0.3, "seed": 3, "forwardSeed": 4,
    "shape": list(xs.shape), "x": flat(xs), "rates": rates,
    "params": [params(b) for b in stack], "eval": flat(s_eval), "train": flat(s_train),
}

# Drop-path schedules, exact doubles (json writes repr, which round-trips).
out["schedules"] = [
    {"rate": r, "depth": d, "values": calculate_drop_path_rates(r, d)}
    for r, d in [(0.1, 12), (0.3, 4), (0.2, 7), (0.5, 1), (0.4, 2), (0.05, 24), (0.35, 9)]
]

# matmul with broadcasting batch dimensions and 1-D operands.
g = torch.Generator().manual_seed(5)
cases = []
for sa, sb in [((3, 4), (4, 5)), ((2, 1, 3, 4), (5, 4, 2)), ((4,), (4,)), ((4,), (2, 4, 3)),
               ((2, 3, 4), (4,)), ((7, 40), (40, 11))]:
    a = torch.randn(sa, generator=g)
    b = torch.randn(sb, generator=g)
    c = torch.matmul(a, b)
    cases.append({"a": flat(a), "aShape": list(sa), "b": flat(b), "bShape": list(sb),
                  "c": flat(c), "cShape": list(c.shape)})
out["matmul"] = cases

with open("vit.json", "w") as f:
    json.dump(out, f)
print("wrote vit.json")
