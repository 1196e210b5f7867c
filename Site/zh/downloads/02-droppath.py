# 02-droppath.py: The PyTorch twins of "DropPath：按样本丢弃整条残差分支" (Lessons/zh/02-droppath.md), in page order, seeded as the page shows them (built with --seed 0); each prints what the Swift block above it on the page prints.
# Run: python3 02-droppath.py (needs torch, and timm where imported)

# %% twin of Lessons/zh/02-droppath.md:100
import torch
import torch.nn as nn

def drop_path(x, drop_prob: float = 0., training: bool = False):
    if drop_prob == 0. or not training:
        return x
    keep_prob = 1 - drop_prob
    shape = (x.shape[0],) + (1,) * (x.ndim - 1)
    random_tensor = keep_prob + torch.rand(shape, dtype=x.dtype, device=x.device)
    random_tensor.floor_()
    output = x.div(keep_prob) * random_tensor
    return output

class DropPath(nn.Module):
    def __init__(self, drop_prob=None):
        super(DropPath, self).__init__()
        self.drop_prob = drop_prob

    def forward(self, x):
        return drop_path(x, self.drop_prob, self.training)

def fates(y):
    return ["dropped" if (y[b] == 0).all() else "kept" for b in range(y.shape[0])]

torch.manual_seed(524403257)
input = torch.randn(3, 2, 2, 3)
drop1 = DropPath(drop_prob=0.4)
drop2 = nn.Dropout(p=0.4)
out1, tries = drop1(input), 1
while len(set(fates(out1))) < 2:
    tries += 1
    out1 = drop1(input)
out2 = drop2(input)
print("尝试次数：", tries)
print("DropPath 逐样本结果：", ", ".join(fates(out1)))
print(out1.shape, out2.shape)

# %% twin of Lessons/zh/02-droppath.md:201
import torch
from timm.layers import DropPath, drop_path

def fates(y):
    return ["dropped" if (y[b] == 0).all() else "kept" for b in range(y.shape[0])]

torch.manual_seed(3974863147)
x = torch.randn(3, 2, 2, 3)
y, tries = drop_path(x, 0.4, training=True), 1
while len(set(fates(y))) < 2:
    tries += 1
    y = drop_path(x, 0.4, training=True)
print("dropPath，尝试次数：", tries, "→", ", ".join(fates(y)))
print("x[0, 0]:", x[0][0])
print("y[0, 0]:", y[0][0])

drop_path_module = DropPath(0.4)
print("DropPath 模块 →", ", ".join(fates(drop_path_module(x))))
