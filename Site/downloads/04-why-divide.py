# 04-why-divide.py: The PyTorch twins of "Why divide by the keep probability" (Lessons/04-why-divide.md), in page order, seeded as the page shows them (built with --seed 0); each prints what the Swift block above it on the page prints.
# Run: python3 04-why-divide.py (needs torch, and timm where imported)

# %% twin of Lessons/04-why-divide.md:93
import torch
import torch.nn.functional as F

torch.manual_seed(1061589000)
draws = F.dropout(torch.full([4000], 1.5), p=0.4, training=True)
running_mean = (draws.double().cumsum(0) / torch.arange(1, 4001)).float()
print("running mean after 10, 100, 1000, 4000 draws:", running_mean[[9, 99, 999, 3999]])
