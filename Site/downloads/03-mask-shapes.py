# 03-mask-shapes.py: The PyTorch twins of "The (b, 1, 1, 1) mask: one coin per sample, broadcast" (Lessons/03-mask-shapes.md), in page order, seeded as the page shows them (built with --seed 0); each prints what the Swift block above it on the page prints.
# Run: python3 03-mask-shapes.py (needs torch, and timm where imported)

# %% twin of Lessons/03-mask-shapes.md:28
import torch

torch.manual_seed(502840520)
keep_prob = 0.6
x = torch.randn(3, 2, 2, 3)
u = torch.rand(3, 1, 1, 1)
print(u)
shifted = keep_prob + u
print(shifted)
r = shifted.floor()
print(r)
print(r.shape, "vs", x.shape)

# %% twin of Lessons/03-mask-shapes.md:127
import torch
import torch.nn.functional as F
from timm.layers import drop_path, drop_block_2d

torch.manual_seed(1875520416)
feature = torch.ones(4, 3, 4, 4)
element = F.dropout(feature, p=0.5, training=True)
block = drop_block_2d(feature, 0.3, 2)
channel = F.dropout2d(feature, p=0.5, training=True)
sample = drop_path(feature, 0.5, training=True)
print("block: kept share", (block > 0).float().mean(), "scale", block.max())
print("channel coins:", channel.mean(dim=3).mean(dim=2))
print("sample coins: ", sample.mean(dim=3).mean(dim=2).mean(dim=1))

# %% twin of Lessons/03-mask-shapes.md:161
import torch
from torchvision.ops import stochastic_depth

torch.manual_seed(148158681)
calls = []
while len(calls) < 4 or len({c.flatten()[0].item() for c in calls}) < 2:
    calls.append(stochastic_depth(torch.ones(4, 1, 2, 2), p=0.5, mode="batch", training=True))
print("batch coins:", ", ".join("dropped" if c.flatten()[0] == 0 else "kept" for c in calls))
