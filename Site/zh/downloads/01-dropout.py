# 01-dropout.py: The PyTorch twins of "Dropout：随机关闭激活值" (Lessons/zh/01-dropout.md), in page order, seeded as the page shows them (built with --seed 0); each prints what the Swift block above it on the page prints.
# Run: python3 01-dropout.py (needs torch, and timm where imported)

# %% twin of Lessons/zh/01-dropout.md:55
import torch

torch.manual_seed(850588242)
x = torch.randn(2, 8)
drop = torch.nn.Dropout(p=0.5)
y = drop(x)
print(x)
print(y)

# %% twin of Lessons/zh/01-dropout.md:128
import torch

torch.manual_seed(3110171372)
a = torch.tensor([0.5, -1.2, 2.0, 0.8])
p = 0.4
keep = 1 - p
trials = 20_000
copies = a * torch.ones(trials, 4)
m = torch.bernoulli(torch.full([trials, 4], keep))
print("原始形式，训练时均值：", (copies * m).mean(dim=0))
print("原始形式，评估时输出：", a * keep)
print("反向形式，训练时均值：", (copies * m / keep).mean(dim=0))
print("反向形式，评估时输出：", a)

# %% twin of Lessons/zh/01-dropout.md:168
import torch
import torch.nn.functional as F

torch.manual_seed(1012776088)
maps = torch.ones(2, 4, 3, 3)
elementwise = F.dropout(maps, p=0.5, training=True)
channelwise = F.dropout2d(maps, p=0.5, training=True)
print(channelwise.mean(dim=3).mean(dim=2))
