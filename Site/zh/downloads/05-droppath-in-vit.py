# 05-droppath-in-vit.py: The PyTorch twins of "Vision Transformer 中的 DropPath" (Lessons/zh/05-droppath-in-vit.md), in page order, seeded as the page shows them (built with --seed 0); each prints what the Swift block above it on the page prints.
# Run: python3 05-droppath-in-vit.py (needs torch, and timm where imported)

# %% twin of Lessons/zh/05-droppath-in-vit.md:103
# twin-tolerance: 1e-4
import torch
from timm.models.vision_transformer import Block

torch.manual_seed(2883516919)
block = Block(dim=8, num_heads=2, drop_path=0.5)
x = torch.randn(4, 3, 8)
block.eval()
with torch.no_grad():
    print("样本 0 的第 0 个 token，输入与输出：")
    print(x[0][0])
    print(block(x)[0][0])

    torch.manual_seed(551885056)
    block.train()
    h_kept = x + 2 * block.attn(block.norm1(x))
    candidates = [
        ("注意力丢弃，MLP 丢弃", x),
        ("注意力丢弃，MLP 保留", x + 2 * block.mlp(block.norm2(x))),
        ("注意力保留，MLP 丢弃", h_kept),
        ("注意力保留，MLP 保留", h_kept + 2 * block.mlp(block.norm2(h_kept))),
    ]
    pass_, dropped_branches = 0, 0
    while dropped_branches == 0:
        pass_ += 1
        out = block(x)
        print(f"第 {pass_} 轮：")
        for b in range(4):
            matches = [k for k, (_, c) in enumerate(candidates)
                       if torch.equal(c[b], out[b])]
            i = matches[0]
            dropped_branches += [2, 1, 1, 0][i]
            print(f"  样本 {b}：{candidates[i][0]}")
    print(f"第 {pass_} 轮共丢弃 {dropped_branches} 条分支，",
          "每条的贡献都恰好为零")

# %% twin of Lessons/zh/05-droppath-in-vit.md:171
import torch

print("timm 的丢弃率：", [x.item() for x in torch.linspace(0, 0.1, 12)])

# %% twin of Lessons/zh/05-droppath-in-vit.md:209
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
print("2000 个样本平均运行的分支数：", active.mean().item())
print("平均整块跳过的块数：", skipped.mean().item())

# %% twin of Lessons/zh/05-droppath-in-vit.md:333
# twin-claims
import math, torch, torch.nn.functional as F
from timm.layers import drop_path

torch.manual_seed(313206973)

def spirals(n):
    t, noise = torch.rand(n), torch.randn(n, 2) * 0.04
    xy = []
    for i in range(n):
        r = float(t[i])
        angle = 3 * math.pi * r + 2 * math.pi * (i % 3) / 3
        xy.append([r * math.cos(angle), r * math.sin(angle)])
    return torch.tensor(xy) + noise, torch.tensor([i % 3 for i in range(n)])

class ResidualNet:
    def __init__(self, rates):
        self.embed = torch.nn.Linear(2, 32)
        self.blocks = [(torch.nn.Linear(32, 32), torch.nn.Linear(32, 32)) for _ in range(6)]
        self.head = torch.nn.Linear(32, 3)
        self.rates = rates
    def parameters(self):
        return [*self.embed.parameters(), *[q for a, b in self.blocks for q in (*a.parameters(), *b.parameters())],
                *self.head.parameters()]
    def __call__(self, x, training, skipping=None):
        h = self.embed(x)
        for i, (fc1, fc2) in enumerate(self.blocks):
            if i != skipping:
                h = h + drop_path(fc2(F.relu(fc1(h))), self.rates[i], training)
        return self.head(h)

def fit(net, points, labels):
    opt = torch.optim.AdamW(net.parameters(), lr=5e-3, weight_decay=0)
    for _ in range(300):
        opt.zero_grad()
        F.cross_entropy(net(points, True), labels).backward()
        opt.step()

def accuracy(logits, labels):
    return (logits.argmax(1) == labels).float().mean().item()

def claim(name, what, value, bound, at_most=False):
    sign, margin = ("≤", bound - value) if at_most else ("≥", value - bound)
    print(f"claim {name}: {what} {value:.3f} {sign} {bound:.3f} (margin {margin:.3f})")

train, test = spirals(300), spirals(300)
costs = []
for name, rates in [("全为 0", [0.0] * 6), ("全为 0.5", [0.5] * 6),
                    ("线性 0 → 0.5", [x.item() for x in torch.linspace(0, 0.5, 6)])]:
    net = ResidualNet(rates)
    fit(net, *train)
    with torch.no_grad():
        full = accuracy(net(test[0], False), test[1])
        costs.append([full - accuracy(net(test[0], False, skipping=b), test[1]) for b in range(6)])
    print(f"{name:<16}", "测试准确率", "%.3f" % full,
          " 分别删去块 0…5 后的下降：", " ".join("%.3f" % c for c in costs[-1]))
claim("rate0-first-critical", "丢弃率为 0 的网络删去块 0 后准确率的下降", costs[0][0], 0.05)
claim("uniform-none-critical", "均匀丢弃率：各块中最大的下降", max(costs[1]), 0.2, at_most=True)
claim("linear-first-critical", "线性调度：块 0 的下降减去其余各块中最大的下降", costs[2][0] - max(costs[2][1:]), 0.25)
