# 07-training.py: The PyTorch twins of "Training with dropout: what it does to a network that learns" (Lessons/07-training.md), in page order, seeded as the page shows them (built with --seed 0); each prints what the Swift block above it on the page prints.
# Run: python3 07-training.py (needs torch, and timm where imported)

# %% twin of Lessons/07-training.md:173
# twin-tolerance: 0.03
import torch, torch.nn.functional as F
from sklearn.datasets import load_digits

def claim(name, what, value, bound, at_most=False):
    sign, margin = ("≤", bound - value) if at_most else ("≥", value - bound)
    print(f"claim {name}: {what} {value:.3f} {sign} {bound:.3f} (margin {margin:.3f})")

torch.manual_seed(1080869134)
digits = load_digits()
images, labels = torch.tensor(digits.data, dtype=torch.float32) / 16, torch.tensor(digits.target)
n = 500
train_x, test_x, test_y = images[:n], images[n:2 * n], labels[n:2 * n]
flip, shift = torch.rand(n), (torch.rand(n) * 9).floor().long()
noisy_y = torch.where(flip < 0.3, (labels[:n] + 1 + shift) % 10, labels[:n])

class MLP:
    def __init__(self, p):
        self.fc1, self.fc2, self.fc3 = torch.nn.Linear(64, 128), torch.nn.Linear(128, 128), torch.nn.Linear(128, 10)
        self.p = p
    def parameters(self):
        return [*self.fc1.parameters(), *self.fc2.parameters(), *self.fc3.parameters()]
    def __call__(self, x, training):
        h = F.relu(self.fc1(x))
        if training and self.p > 0: h = F.dropout(h, self.p)
        h = F.relu(self.fc2(h))
        if training and self.p > 0: h = F.dropout(h, self.p)
        return self.fc3(h)

def accuracy(logits, y):
    return (logits.argmax(1) == y).float().mean().item()

curves, nets = {}, {}
for p in [0.0, 0.5]:
    net = MLP(p)
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=0)
    train, test = [], []
    for step in range(1, 301):
        opt.zero_grad()
        F.cross_entropy(net(train_x, True), noisy_y).backward()
        opt.step()
        if step % 25 == 0:
            with torch.no_grad():
                train.append(accuracy(net(train_x, False), noisy_y))
                test.append(accuracy(net(test_x, False), test_y))
    curves[p], nets[p] = (train, test), net
plain, dropped = curves[0.0], curves[0.5]
print("step   training accuracy (noisy labels)   test accuracy")
print("          p = 0     p = 0.5              p = 0     p = 0.5")
for k in range(1, 12, 2):
    print("%4d      %.3f     %.3f              %.3f     %.3f" % (
        25 * (k + 1), plain[0][k], dropped[0][k], plain[1][k], dropped[1][k]))
claim("memorise", "training-accuracy gap at step 300, p = 0 minus p = 0.5,", plain[0][11] - dropped[0][11], 0.15)
claim("noisy-test", "test-accuracy gain at step 300, p = 0.5 minus p = 0,", dropped[1][11] - plain[1][11], 0.08)

torch.manual_seed(1098562400)
trained = nets[0.5]
with torch.no_grad():
    evaluated = trained(test_x, False).argmax(1)
    summed = torch.zeros(n, 10)
    for _ in range(100):
        summed = summed + trained(test_x, True).softmax(1)
    agree = (evaluated == (summed / 100).argmax(1)).sum().item()
    print("share of the 500 test digits with the same arg-max in the evaluation pass and the 100-mask average:",
          "%.3f" % (agree / n))
    print("test accuracy: evaluation pass", "%.3f" % accuracy(trained(test_x, False), test_y),
          " average over 100 masks", "%.3f" % accuracy(summed, test_y))
claim("mask-average-close", "share of test digits where both agree", agree / n, 0.9)
claim("mask-average-differs", "share where they disagree", (n - agree) / n, 0.002)

# %% twin of Lessons/07-training.md:312
# twin-tolerance: 0.03
import torch, torch.nn.functional as F
from sklearn.datasets import load_digits

def claim(name, what, value, bound, at_most=False):
    sign, margin = ("≤", bound - value) if at_most else ("≥", value - bound)
    print(f"claim {name}: {what} {value:.3f} {sign} {bound:.3f} (margin {margin:.3f})")

torch.manual_seed(3927816838)
digits = load_digits()
images, labels = torch.tensor(digits.data, dtype=torch.float32) / 16, torch.tensor(digits.target)
n = 500
train_x = images[:n]

class MLP:
    def __init__(self, p):
        self.fc1, self.fc2, self.fc3 = torch.nn.Linear(64, 128), torch.nn.Linear(128, 128), torch.nn.Linear(128, 10)
        self.p = p
    def parameters(self):
        return [*self.fc1.parameters(), *self.fc2.parameters(), *self.fc3.parameters()]
    def __call__(self, x, training):
        h = F.relu(self.fc1(x))
        if training and self.p > 0: h = F.dropout(h, self.p)
        h = F.relu(self.fc2(h))
        if training and self.p > 0: h = F.dropout(h, self.p)
        return self.fc3(h)

clean_y, threshold = labels[:n], 0.5
reached, final_loss = {}, {}
for p in [0.0, 0.5, 0.8, 0.9, 0.99]:
    net = MLP(p)
    opt = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=0)
    for step in range(1, 301):
        opt.zero_grad()
        F.cross_entropy(net(train_x, True), clean_y).backward()
        opt.step()
        if step % 10:
            continue
        with torch.no_grad():
            loss = F.cross_entropy(net(train_x, False), clean_y).item()
        final_loss[p] = loss
        if loss < threshold and p < 0.99:
            reached[p] = step
            break
print("p        steps to a training loss below 0.5   loss at the last check")
for p in [0.0, 0.5, 0.8, 0.9, 0.99]:
    print(f"{p:<9}{str(reached.get(p, '> 300')):<37}{final_loss[p]:.3f}")
needed = [reached.get(p, 310) for p in [0.0, 0.5, 0.8, 0.9]]
claim("sweep-order", "smallest step from one rate to the next higher (0, 0.5, 0.8, 0.9):",
      min(b - a for a, b in zip(needed, needed[1:])), 0)
claim("sweep-slower", "extra steps p = 0.8 needs over p = 0:", needed[2] - needed[0], 30)
claim("sweep-stall", "|loss at p = 0.99 after 300 steps − ln 10|", abs(final_loss[0.99] - 2.3025851), 0.05, at_most=True)

# %% twin of Lessons/07-training.md:460
# twin-claims
import math, torch, torch.nn.functional as F
from timm.layers import drop_path

torch.manual_seed(922254360)

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
    opt = torch.optim.AdamW(net.parameters(), lr=1e-2, weight_decay=0)
    losses = []
    for step in range(1, 301):
        opt.zero_grad()
        F.cross_entropy(net(points, True), labels).backward()
        opt.step()
        if step % 10 == 0:
            with torch.no_grad():
                losses.append(F.cross_entropy(net(points, False), labels).item())
    return losses

points, labels = spirals(300)
losses = []
for name, rates in [("uniform 0.5", [0.5] * 6),
                    ("linear 0 → 0.5", [x.item() for x in torch.linspace(0, 0.5, 6)])]:
    losses.append(fit(ResidualNet(rates), points, labels))
    print(f"{name:<16}", "rates", torch.tensor(rates),
          " loss after 100, 200, 300 steps:", " ".join("%.3f" % losses[-1][k] for k in (9, 19, 29)))

def claim(name, what, value, bound):
    print(f"claim {name}: {what} {value:.3f} ≥ {bound:.3f} (margin {value - bound:.3f})")

def steps_to_fit(losses):  # steps until the evaluated loss is below 0.3 (310 if it never is)
    return 10 * (next((k for k, loss in enumerate(losses) if loss < 0.3), 30) + 1)

claim("droppath-schedule", "extra steps to a loss below 0.3, uniform over linear:",
      steps_to_fit(losses[0]) - steps_to_fit(losses[1]), 0)
