# 04-why-divide.py: The PyTorch twins of "Why divide by the keep probability" (Lessons/04-why-divide.md), in page order, seeded as the page shows them (built with --seed 0); each prints what the Swift block above it on the page prints.
# Run: python3 04-why-divide.py (needs torch, and timm where imported)

# %% twin of Lessons/04-why-divide.md:96
import torch
import torch.nn.functional as F

torch.manual_seed(1061589000)
draws = F.dropout(torch.full([4000], 1.5), p=0.4, training=True)
running_mean = (draws.double().cumsum(0) / torch.arange(1, 4001)).float()
print("running mean after 10, 100, 1000, 4000 draws:", running_mean[[9, 99, 999, 3999]])

# %% twin of Lessons/04-why-divide.md:257
# twin-tolerance: 0.02 relative 0.05
import torch, torch.nn.functional as F
from sklearn.datasets import load_digits

def claim(name, what, value, bound, at_most=False):
    sign, margin = ("≤", bound - value) if at_most else ("≥", value - bound)
    print(f"claim {name}: {what} {value:.3f} {sign} {bound:.3f} (margin {margin:.3f})")

torch.manual_seed(2371154281)
digits = load_digits()
images, labels = torch.tensor(digits.data, dtype=torch.float32) / 16, torch.tensor(digits.target)
train_x, test_x, train_y, test_y = images[:1000], images[1000:], labels[:1000], labels[1000:]
keep = 0.6

class DeepMLP:
    def __init__(self):
        self.hidden = [torch.nn.Linear(64, 64) for _ in range(6)]
        self.out = torch.nn.Linear(64, 10)
    def parameters(self):
        return [q for layer in self.hidden for q in layer.parameters()] + list(self.out.parameters())
    def __call__(self, x, training, eval_scale=1.0):
        h = x
        for layer in self.hidden:
            h = F.relu(layer(h))
            h = F.dropout(h, 1 - keep) if training else h * eval_scale
        return self.out(h)

deep = DeepMLP()
opt = torch.optim.AdamW(deep.parameters(), lr=1e-3, weight_decay=0)
for _ in range(300):
    opt.zero_grad()
    F.cross_entropy(deep(train_x, True), train_y).backward()
    opt.step()
print("evaluation               scale per layer   test loss   test accuracy")
results = []
for name, scale in [("correct (identity)", 1.0), ("divided by q again", 1 / keep), ("multiplied by q", keep)]:
    with torch.no_grad():
        logits = deep(test_x, False, scale)
    results.append((F.cross_entropy(logits, test_y).item(), (logits.argmax(1) == test_y).float().mean().item()))
    print(f"{name:<25}{scale:.3f}             {results[-1][0]:.3f}       {results[-1][1]:.3f}")
print("(1/q)^6 =", "%.3f" % (1 / keep ** 6), "  q^6 =", "%.3f" % keep ** 6)
claim("divided-again-loss", "test loss divided again ÷ correct", results[1][0] / results[0][0], 3)
claim("scaled-twice-accuracy", "accuracy lost when multiplied by q", results[0][1] - results[2][1], 0.15)
claim("divided-again-accuracy", "accuracy lost multiplied by q minus lost divided again",
      (results[0][1] - results[2][1]) - (results[0][1] - results[1][1]), 0)

# %% twin of Lessons/04-why-divide.md:341
# twin-tolerance: 0.002
import torch, torch.nn.functional as F
from sklearn.datasets import load_digits

torch.manual_seed(3903467213)
train_x = torch.tensor(load_digits().data[:1000], dtype=torch.float32) / 16
layer, norm = torch.nn.Linear(64, 64), torch.nn.BatchNorm1d(64)
with torch.no_grad():
    features = F.relu(layer(train_x))
    for _ in range(60):
        norm(F.dropout(features, 0.5))
mean_ratio = (norm.running_mean.sum() / features.mean(0).sum()).item()
var_ratio = (norm.running_var.sum() / features.var(0).sum()).item()
print("running mean ÷ evaluation mean (summed over 64 features):    ", "%.3f" % mean_ratio)
print("running var ÷ evaluation variance (summed over 64 features):", "%.3f" % var_ratio)
