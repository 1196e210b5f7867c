# 03-mask-shapes.py: The PyTorch twins of "(b, 1, 1, 1) 掩码：每个样本一枚硬币，再广播出去" (Lessons/zh/03-mask-shapes.md), in page order, seeded as the page shows them (built with --seed 0); each prints what the Swift block above it on the page prints.
# Run: python3 03-mask-shapes.py (needs torch, and timm where imported)

# %% twin of Lessons/zh/03-mask-shapes.md:24
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

# %% twin of Lessons/zh/03-mask-shapes.md:112
import torch
import torch.nn.functional as F
from timm.layers import drop_path, drop_block_2d

torch.manual_seed(1875520416)
feature = torch.ones(4, 3, 4, 4)
element = F.dropout(feature, p=0.5, training=True)
block = drop_block_2d(feature, 0.3, 2)
channel = F.dropout2d(feature, p=0.5, training=True)
sample = drop_path(feature, 0.5, training=True)
print("块：保留比例", (block > 0).float().mean(), "缩放", block.max())
print("逐通道硬币：", channel.mean(dim=3).mean(dim=2))
print("逐样本硬币：", sample.mean(dim=3).mean(dim=2).mean(dim=1))

# %% twin of Lessons/zh/03-mask-shapes.md:144
import torch
from torchvision.ops import stochastic_depth

torch.manual_seed(148158681)
calls = []
while len(calls) < 4 or len({c.flatten()[0].item() for c in calls}) < 2:
    calls.append(stochastic_depth(torch.ones(4, 1, 2, 2), p=0.5, mode="batch", training=True))
print("逐批次硬币：", ", ".join("丢弃" if c.flatten()[0] == 0 else "保留" for c in calls))
