# 06-summary.py: The PyTorch twins of "总结：Dropout 与 DropPath" (Lessons/zh/06-summary.md), in page order, seeded as the page shows them (built with --seed 0); each prints what the Swift block above it on the page prints.
# Run: python3 06-summary.py (needs torch, and timm where imported)

# %% twin of Lessons/zh/06-summary.md:62
import torch
import torch.nn.functional as F
from timm.layers import drop_path

torch.manual_seed(290775799)
x = torch.randn(2, 3)
print(F.dropout(x, p=1, training=True))
print(drop_path(x, 1.0, training=True))
