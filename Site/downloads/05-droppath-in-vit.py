# 05-droppath-in-vit.py: The PyTorch twins of "DropPath in a Vision Transformer" (Lessons/05-droppath-in-vit.md), in page order, seeded as the page shows them (built with --seed 0); each prints what the Swift block above it on the page prints.
# Run: python3 05-droppath-in-vit.py (needs torch, and timm where imported)

# %% twin of Lessons/05-droppath-in-vit.md:119
# twin-tolerance: 1e-4
import torch
from timm.models.vision_transformer import Block

torch.manual_seed(2883516919)
block = Block(dim=8, num_heads=2, drop_path=0.5)
x = torch.randn(4, 3, 8)
block.eval()
with torch.no_grad():
    print("token 0 of sample 0, in and out:")
    print(x[0][0])
    print(block(x)[0][0])

    torch.manual_seed(551885056)
    block.train()
    h_kept = x + 2 * block.attn(block.norm1(x))
    candidates = [
        ("attention dropped, MLP dropped", x),
        ("attention dropped, MLP kept   ", x + 2 * block.mlp(block.norm2(x))),
        ("attention kept,    MLP dropped", h_kept),
        ("attention kept,    MLP kept   ", h_kept + 2 * block.mlp(block.norm2(h_kept))),
    ]
    pass_, dropped_branches = 0, 0
    while dropped_branches == 0:
        pass_ += 1
        out = block(x)
        print(f"pass {pass_}:")
        for b in range(4):
            matches = [k for k, (_, c) in enumerate(candidates)
                       if torch.equal(c[b], out[b])]
            i = matches[0]
            dropped_branches += [2, 1, 1, 0][i]
            print(f"  sample {b}: {candidates[i][0]}")
    print(f"dropped branches in pass {pass_}: {dropped_branches},",
          "each contributing nothing")

# %% twin of Lessons/05-droppath-in-vit.md:196
import torch

print("timm's rates:", [x.item() for x in torch.linspace(0, 0.1, 12)])

# %% twin of Lessons/05-droppath-in-vit.md:241
import torch
from timm.layers import calculate_drop_path_rates
from timm.models.vision_transformer import Block

torch.manual_seed(3382755833)
rates = calculate_drop_path_rates(0.1, 12)
blocks = [Block(dim=8, num_heads=2, drop_path=rate) for rate in rates]
active = torch.zeros(2000, 1, 1)
skipped = torch.zeros(2000, 1, 1)
for block in blocks:
    ran = [(branch(torch.ones(2000, 1, 1)) > 0).float() for branch in (block.drop_path1, block.drop_path2)]
    active = active + ran[0] + ran[1]
    skipped = skipped + (1 - ran[0]) * (1 - ran[1])
print("mean branches run over 2000 samples:", active.mean().item())
print("mean blocks skipped whole:", skipped.mean().item())
