"""Writes autograd.json: PyTorch's gradients, printed tensors and optimizer trajectories.

Run by hand (tests never need torch): python3 Tests/DropTests/Fixtures/make_autograd_fixtures.py
Every input is stored, so the Swift tests draw nothing except where a case names a seed:
- ops: for each case, the inputs (leaves that require grad), the output, its repr, an upstream
  gradient, and each input's .grad after out.backward(upstream).
- drops: torch.manual_seed(seed) immediately before the dropout-family call.
- block: torch.manual_seed(seed) then timm Block(dim=8, num_heads=2, qkv_bias=True,
  drop_path=0.5); torch.manual_seed(forwardSeed) immediately before the train-mode forward.
  `droppedSample` is a sample whose first drop-path mask is 0.
- trainings: torch.manual_seed(seed) builds the model, then every step draws (drop path) in order.
"""
import json, os, sys
import torch, torch.nn.functional as F, timm
from timm.layers import drop_path, calculate_drop_path_rates
from timm.models.vision_transformer import Block
from timm.layers import Mlp
import torchvision

torch.set_num_threads(2)


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def leaf(shape, g, positive=False):
    t = torch.randn(*shape, generator=g)
    if positive:
        t = t.abs() + 0.5
    return t.requires_grad_()


# name → (function of the inputs, input shapes, positive inputs?)
OPS = {
    "add": (lambda a, b: a + b, [[(2, 3), (3,)], [(2, 1, 3), (4, 1)], [(3,), (2, 3)]]),
    "sub": (lambda a, b: a - b, [[(2, 3), (2, 1)], [(4,), (3, 4)]]),
    "mul": (lambda a, b: a * b, [[(2, 3), (3,)], [(2, 1, 3), (4, 1)]]),
    "div": (lambda a, b: a / b, [[(2, 3), (2, 1)], [(3,), (2, 3)]], True),
    "addScalar": (lambda a: a + 2.5, [[(2, 3)]]),
    "scalarAdd": (lambda a: 2.5 + a, [[(2, 3)]]),
    "subScalar": (lambda a: a - 1.5, [[(2, 3)]]),
    "scalarSub": (lambda a: 1.5 - a, [[(2, 3)]]),
    "mulScalar": (lambda a: a * 3.0, [[(2, 3)]]),
    "scalarMul": (lambda a: 3.0 * a, [[(2, 3)]]),
    "divScalar": (lambda a: a / 4.0, [[(2, 3)]]),
    "scalarDiv": (lambda a: 4.0 / a, [[(2, 3)]], True),
    "neg": (lambda a: -a, [[(2, 3)]]),
    "exp": (lambda a: a.exp(), [[(2, 3)], [(5,)]]),
    "log": (lambda a: a.log(), [[(2, 3)]], True),
    "sqrt": (lambda a: a.sqrt(), [[(2, 3)]], True),
    "abs": (lambda a: a.abs(), [[(2, 3)]]),
    "matmul": (lambda a, b: a @ b, [[(3, 4), (4, 2)], [(4,), (4,)], [(3, 4), (4,)], [(4,), (4, 2)],
                                    [(2, 3, 4), (4, 5)], [(2, 1, 3, 4), (3, 4, 2)]]),
    "transpose": (lambda a: a.transpose(0, 1), [[(2, 3, 4)], [(3, 2)]]),
    "reshape": (lambda a: a.reshape(6, 4), [[(2, 3, 4)]]),
    "select": (lambda a: a[1], [[(3, 4)], [(3, 2, 2)]]),
    "sum": (lambda a: a.sum(), [[(2, 3)]]),
    "sumDim": (lambda a: a.sum(1), [[(2, 3, 4)]]),
    "sumDimKeep": (lambda a: a.sum(0, keepdim=True), [[(2, 3)]]),
    "mean": (lambda a: a.mean(), [[(2, 3)]]),
    "meanDim": (lambda a: a.mean(1), [[(2, 3, 4)]]),
    "meanDimKeep": (lambda a: a.mean(-1, keepdim=True), [[(2, 3)]]),
    "softmax": (lambda a: a.softmax(1), [[(2, 5)], [(2, 3, 4)]]),
    "logSoftmax": (lambda a: a.log_softmax(1), [[(2, 5)], [(2, 3, 4)]]),
    "relu": (lambda a: a.relu(), [[(2, 3)]]),
    "gelu": (lambda a: F.gelu(a), [[(2, 3)]]),
    "permute": (lambda a: a.permute(2, 0, 1), [[(2, 3, 4)]]),
    "unsqueeze": (lambda a: a.unsqueeze(1), [[(2, 3)]]),
    "crossEntropy": (lambda a: F.cross_entropy(a, torch.tensor([1, 0, 4, 2])), [[(4, 5)]]),
    "mseLoss": (lambda a, b: F.mse_loss(a, b), [[(3, 4), (3, 4)]]),
}

ops = []
for seed in (0, 1):
    for name, spec in OPS.items():
        fn, shape_sets = spec[0], spec[1]
        positive = len(spec) > 2
        for shapes in shape_sets:
            g = torch.Generator().manual_seed(seed * 1000 + len(ops))
            xs = [leaf(s, g, positive) for s in shapes]
            out = fn(*xs)
            upstream = torch.randn(out.shape, generator=g)
            out.backward(upstream)
            ops.append({
                "op": name, "seed": seed,
                "inputs": [{"shape": list(x.shape), "values": flat(x), "grad": flat(x.grad)} for x in xs],
                "inputRepr": repr(xs[0]),
                "outShape": list(out.shape), "out": flat(out), "outRepr": repr(out),
                "upstream": flat(upstream),
            })

drops = []
for seed in (0, 1):
    g = torch.Generator().manual_seed(100 + seed)
    for name, shape, fn in [
        ("dropout", (4, 6), lambda x: F.dropout(x, 0.3, training=True)),
        ("dropout2d", (2, 3, 4), lambda x: F.dropout2d(x, 0.5, training=True)),
        ("dropPath", (4, 2, 3), lambda x: drop_path(x, 0.5, training=True)),
        ("stochasticDepth", (4, 2, 3),
         lambda x: torchvision.ops.stochastic_depth(x, 0.5, "row", training=True)),
    ]:
        x = leaf(shape, g)
        upstream = torch.randn(*shape, generator=g)
        torch.manual_seed(seed)
        out = fn(x)
        out.backward(upstream)
        drops.append({"op": name, "seed": seed, "shape": list(shape), "x": flat(x),
                      "out": flat(out), "outRepr": repr(out), "upstream": flat(upstream),
                      "grad": flat(x.grad)})

# A block whose first drop path drops some sample (and keeps another).
for block_seed in range(100):
    torch.manual_seed(block_seed)
    block = Block(dim=8, num_heads=2, qkv_bias=True, drop_path=0.5)
    forward_seed = block_seed + 1000
    torch.manual_seed(forward_seed)
    mask1 = torch.empty(4).bernoulli_(0.5)
    if 0 < mask1.sum() < 4:
        break
x = leaf((4, 3, 8), torch.Generator().manual_seed(7))
block.train()
torch.manual_seed(forward_seed)
out = block(x)
upstream = torch.randn(4, 3, 8, generator=torch.Generator().manual_seed(8))
out.backward(upstream)
block_case = {
    "seed": block_seed, "forwardSeed": forward_seed, "droppedSample": int((mask1 == 0).nonzero()[0]),
    "x": flat(x), "out": flat(out), "upstream": flat(upstream), "xGrad": flat(x.grad),
    "outRepr": repr(out[0, 0]),
    "names": [n for n, _ in block.named_parameters()],
    "grads": {n: flat(p.grad) for n, p in block.named_parameters()},
}


class Stack(torch.nn.Module):
    """Drop's BlockStack: blocks with timm's linear drop-path schedule.

    Without qkv bias: the key bias's true gradient is 0, and AdamW turns the rounding noise both
    libraries leave there into full-size steps of random sign, so trajectories would part."""
    def __init__(self, depth, rate):
        super().__init__()
        self.blocks = torch.nn.Sequential(*[
            Block(dim=8, num_heads=2, drop_path=r)
            for r in calculate_drop_path_rates(rate, depth)])

    def forward(self, x):
        return self.blocks(x)


def train(model_name, optimizer_name):
    torch.manual_seed(11)
    if model_name == "mlp":
        model = Mlp(4, 8)
        x = torch.randn(6, 4, generator=torch.Generator().manual_seed(12))
        target = torch.randn(6, 4, generator=torch.Generator().manual_seed(13))
        loss_of = lambda: F.mse_loss(model(x), target)
    else:
        model = Stack(2, 0.2)
        x = torch.randn(3, 4, 8, generator=torch.Generator().manual_seed(12))
        loss_of = lambda: (lambda y: (y * y).mean())(model(x))
    if optimizer_name == "sgd":
        opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=0.01, foreach=False)
    else:
        opt = torch.optim.AdamW(model.parameters(), lr=0.01, weight_decay=0.1, foreach=False)
    x_values = flat(x)
    losses = []
    for _ in range(12):
        opt.zero_grad()
        loss = loss_of()
        loss.backward()
        opt.step()
        losses.append(float(loss))
    return {"model": model_name, "optimizer": optimizer_name, "x": x_values,
            "target": flat(target) if model_name == "mlp" else [],
            "losses": losses, "names": [n for n, _ in model.named_parameters()],
            "final": {n: flat(p) for n, p in model.named_parameters()}}


trainings = [train(m, o) for m in ("mlp", "stack") for o in ("sgd", "adamw")]

leafs = {
    "leaf": repr(torch.tensor([1.0, 2.0]).requires_grad_()),
    "emptyLeaf": repr(torch.zeros(2, 0).requires_grad_()),
    "wide": repr((torch.arange(12.0) / 7).requires_grad_() * 1),
}

out = {"torch": torch.__version__, "timm": timm.__version__, "ops": ops, "drops": drops,
       "block": block_case, "trainings": trainings, "reprs": leafs}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "autograd.json")
with open(path, "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"))
print("wrote", path, len(ops), "op cases")
