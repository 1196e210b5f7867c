# 01-everything.py: The PyTorch twins of "Everything: the fixture lesson" (Lessons/01-everything.md), in page order, seeded as the page shows them (built with --seed 1234567); each prints what the Swift block above it on the page prints.
# Run: python3 01-everything.py (needs torch, and timm where imported)

# %% twin of Lessons/01-everything.md:89
import torch
torch.manual_seed(7)  # the PyTorch twin: $not math$
