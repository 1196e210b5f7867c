# 01-dropout.py: The PyTorch twins of "Dropout: switching activations off at random" (Lessons/01-dropout.md), in page order, seeded as the page shows them (built with --seed 0); each prints what the Swift block above it on the page prints.
# Run: python3 01-dropout.py (needs torch, and timm where imported)

# %% twin of Lessons/01-dropout.md:75
import torch

torch.manual_seed(850588242)
x = torch.randn(2, 8)
drop = torch.nn.Dropout(p=0.5)
y = drop(x)
print(x)
print(y)

# %% twin of Lessons/01-dropout.md:157
import torch

torch.manual_seed(3110171372)
a = torch.tensor([0.5, -1.2, 2.0, 0.8])
p = 0.4
keep = 1 - p
trials = 20_000
copies = a * torch.ones(trials, 4)
m = torch.bernoulli(torch.full([trials, 4], keep))
print("original, mean in training:", (copies * m).mean(dim=0))
print("original, at evaluation:   ", a * keep)
print("inverted, mean in training:", (copies * m / keep).mean(dim=0))
print("inverted, at evaluation:   ", a)

# %% twin of Lessons/01-dropout.md:216
import torch
import torch.nn.functional as F

torch.manual_seed(1012776088)
maps = torch.ones(2, 4, 3, 3)
elementwise = F.dropout(maps, p=0.5, training=True)
channelwise = F.dropout2d(maps, p=0.5, training=True)
print(channelwise.mean(dim=3).mean(dim=2))
