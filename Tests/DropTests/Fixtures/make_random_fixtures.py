"""Record PyTorch's random ops and the dropout family, bit for bit, for Drop's tests.

Run by hand (needs torch, timm, torchvision); the tests only read the JSON it writes:
    python3 Tests/DropTests/Fixtures/make_random_fixtures.py

Each case seeds the global generator (`torch.manual_seed(seed)`, or a fresh `torch.Generator()`
when seed is null), then runs its steps in order. A step's input, if any, is the output of an
earlier step (`input` = its index). Every step records its shape, its float32 bit patterns and
PyTorch's printed text; after the last step, `after` holds the bits of `torch.rand(4)`, which
proves how many numbers the steps consumed.
"""
import json, math, os, sys, warnings
import numpy as np
import torch
import torch.nn.functional as F
from timm.layers import drop_path
from torchvision.ops import stochastic_depth

warnings.filterwarnings("ignore")  # dropout2d on non-4-D inputs is deprecated, and recorded on purpose

SEEDS = [0, 1, 42, 7, 2**32 + 5, 2**64 - 59]
SIZES = [1, 15, 16, 17, 31, 1000, 1001]


def legacy_drop_path(x, drop_prob, training=True):
    """The article's form (timm <= 0.4): floor(keep + rand) as the mask."""
    if drop_prob == 0. or not training:
        return x
    keep_prob = 1 - drop_prob
    shape = (x.shape[0],) + (1,) * (x.ndim - 1)
    random_tensor = keep_prob + torch.rand(shape, dtype=x.dtype, device=x.device)
    random_tensor.floor_()
    return x.div(keep_prob) * random_tensor


def run(step, outs, gen):
    op = step["op"]
    x = outs[step["input"]] if "input" in step else None
    kw = {"generator": gen} if gen is not None else {}
    if op == "rand":
        return torch.rand(step["shape"], **kw)
    if op == "randn":
        return torch.empty(step["shape"]).normal_(step.get("mean", 0.0), step.get("std", 1.0), **kw)
    if op == "uniform":
        return torch.empty(step["shape"]).uniform_(step["from"], step["to"], **kw)
    if op == "ones":
        return torch.ones(step["shape"])
    if op == "values":
        return torch.tensor(step["values"], dtype=torch.float32).reshape(step["shape"])
    if op == "bernoulli_p":
        return torch.empty(step["shape"]).bernoulli_(step["p"], **kw)
    if op == "bernoulli_tensor":
        return torch.bernoulli(x, **kw)
    if op == "dropout":
        return F.dropout(x, step["p"], training=step["training"])
    if op == "dropout_module":
        m = torch.nn.Dropout(step["p"])
        return m(x) if step["training"] else m.eval()(x)
    if op == "dropout2d":
        return F.dropout2d(x, step["p"], training=step["training"])
    if op == "drop_path":
        return drop_path(x, step["p"], training=step["training"], scale_by_keep=step["scale_by_keep"])
    if op == "drop_path_legacy":
        return legacy_drop_path(x, step["p"], training=step["training"])
    if op == "stochastic_depth":
        return stochastic_depth(x, step["p"], step["mode"], training=step["training"])
    raise ValueError(op)


def bits(t):
    return [int(b) for b in t.detach().contiguous().numpy().astype(np.float32).view(np.uint32).reshape(-1)]


DIGEST_MULTIPLIER = 0x100000001B3  # the 64-bit FNV prime, used as a polynomial base


def digest(t):
    """h = h * M + bits[i] (mod 2**64) over all elements: one number for a large output."""
    b = t.contiguous().numpy().astype(np.float32).view(np.uint32).reshape(-1).astype(np.uint64)
    powers = np.ones(b.size, dtype=np.uint64)
    if b.size > 1:
        powers[:-1] = np.cumprod(np.full(b.size - 1, DIGEST_MULTIPLIER, dtype=np.uint64))[::-1]
    with np.errstate(over="ignore"):
        return str(int(np.sum(b * powers, dtype=np.uint64)))


LARGE = 4096  # outputs above this many elements are recorded as a digest, not element by element


def record(name, seed, steps):
    gen = None
    if seed is None:
        gen = torch.Generator()
    else:
        torch.manual_seed(seed)
    outs = []
    for step in steps:
        t = run(step, outs, gen)
        outs.append(t)
        if t.numel() > LARGE:
            step.update(out_shape=list(t.shape), bits=[], digest=digest(t), printed=str(t))
        else:
            step.update(out_shape=list(t.shape), bits=bits(t), printed=str(t))
    after = torch.rand(4, generator=gen) if gen is not None else torch.rand(4)
    init = (gen.initial_seed() if gen is not None else torch.initial_seed())
    return {"name": name, "seed": seed, "initial_seed": str(init), "steps": steps, "after": bits(after)}


cases = []
for seed in SEEDS:
    for n in SIZES:
        cases.append(record(f"rand_{n}_seed{seed}", seed, [{"op": "rand", "shape": [n]}]))
        cases.append(record(f"randn_{n}_seed{seed}", seed, [{"op": "randn", "shape": [n]}]))
# 2**22 + 15 normals: a quarter of all 2**24 possible uniforms through the AVX2 log/sincos emulation.
cases.append(record("randn_large_digest", 2024, [{"op": "randn", "shape": [2**22 + 15]}]))
cases.append(record("dropout_large_digest", 2025, [{"op": "ones", "shape": [256, 1024]},
                                                    {"op": "dropout", "input": 0, "p": 0.1, "training": True}]))
cases.append(record("default_generator", None, [{"op": "rand", "shape": [3]}, {"op": "randn", "shape": [20]}]))
cases.append(record("randn_2d_3d", 3, [{"op": "randn", "shape": [4, 6]}, {"op": "randn", "shape": [2, 3, 5]}]))
cases.append(record("randn_mean_std_small", 5, [{"op": "randn", "shape": [7], "mean": 0.5, "std": 3.0}]))
cases.append(record("randn_mean_std_large", 5, [{"op": "randn", "shape": [37], "mean": -1.25, "std": 0.02}]))
cases.append(record("normal_cache_survives_rand", 42, [
    {"op": "randn", "shape": [3]}, {"op": "rand", "shape": [5]}, {"op": "randn", "shape": [20]},
    {"op": "bernoulli_p", "shape": [4], "p": 0.5}, {"op": "randn", "shape": [1]}, {"op": "randn", "shape": [2]}]))
for seed in (0, 9):
    cases.append(record(f"bernoulli_scalar_seed{seed}", seed, [
        {"op": "bernoulli_p", "shape": [40], "p": 0.3}, {"op": "bernoulli_p", "shape": [3, 5], "p": 0.9}]))
    cases.append(record(f"bernoulli_tensor_seed{seed}", seed, [
        {"op": "rand", "shape": [6, 5]}, {"op": "bernoulli_tensor", "input": 0}]))
for seed, b in ((0, 1 / math.sqrt(768)), (11, 0.5), (2**32 + 5, 1 / math.sqrt(3072))):
    cases.append(record(f"uniform_seed{seed}", seed, [{"op": "uniform", "shape": [7, 9], "from": -b, "to": b}]))

NEG = [-1.5, 2.0, -0.25, 0.0, 3.5, -4.0, 1.0, -0.0, 0.75, -2.5, 6.0, -0.125]
for op in ("dropout", "dropout_module"):
    for p, training in ((0.5, True), (0.1, True), (0.0, True), (1.0, True), (0.5, False), (0.9, True)):
        cases.append(record(f"{op}_p{p}_{'train' if training else 'eval'}", 4, [
            {"op": "randn", "shape": [4, 6]}, {"op": op, "input": 0, "p": p, "training": training}]))
cases.append(record("dropout_1d", 6, [{"op": "values", "values": NEG, "shape": [12]},
                                      {"op": "dropout", "input": 0, "p": 0.5, "training": True}]))
cases.append(record("dropout_p1_negative_zeros", 6, [{"op": "values", "values": NEG, "shape": [12]},
                                                     {"op": "dropout", "input": 0, "p": 1.0, "training": True}]))
for shape in ([5, 3], [2, 3, 4], [2, 3, 2, 2], [2, 2, 2, 2, 3]):
    d = len(shape)
    for seed in (0, 8):
        cases.append(record(f"dropout_{d}d_seed{seed}", seed, [
            {"op": "randn", "shape": shape}, {"op": "dropout", "input": 0, "p": 0.3, "training": True}]))
        cases.append(record(f"dropout2d_{d}d_seed{seed}", seed, [
            {"op": "randn", "shape": shape}, {"op": "dropout2d", "input": 0, "p": 0.5, "training": True}]))
    for p, training in ((0.0, True), (1.0, True), (0.5, False)):
        cases.append(record(f"dropout2d_{d}d_p{p}_{'train' if training else 'eval'}", 1, [
            {"op": "randn", "shape": shape}, {"op": "dropout2d", "input": 0, "p": p, "training": training}]))

for shape in ([6], [6, 4], [5, 2, 3], [3, 2, 2, 3], [4, 2, 1, 2, 3], [8, 1, 2]):
    d = len(shape)
    for seed in (0, 2, 3):
        for p in (0.5, 0.25):
            cases.append(record(f"drop_path_{d}d_p{p}_seed{seed}", seed, [
                {"op": "randn", "shape": shape},
                {"op": "drop_path", "input": 0, "p": p, "training": True, "scale_by_keep": True}]))
        cases.append(record(f"drop_path_legacy_{d}d_seed{seed}", seed, [
            {"op": "randn", "shape": shape}, {"op": "drop_path_legacy", "input": 0, "p": 0.5, "training": True}]))
        for mode in ("row", "batch"):
            cases.append(record(f"stochastic_depth_{mode}_{d}d_seed{seed}", seed, [
                {"op": "randn", "shape": shape},
                {"op": "stochastic_depth", "input": 0, "p": 0.5, "mode": mode, "training": True}]))
for p, training, sbk in ((0.0, True, True), (1.0, True, True), (0.5, False, True), (0.5, True, False),
                         (1.0, True, False), (0.1, True, True)):
    cases.append(record(f"drop_path_p{p}_{'train' if training else 'eval'}_sbk{sbk}", 5, [
        {"op": "randn", "shape": [6, 3, 2]},
        {"op": "drop_path", "input": 0, "p": p, "training": training, "scale_by_keep": sbk}]))
for mode in ("row", "batch"):
    for p, training in ((0.0, True), (1.0, True), (0.5, False), (0.2, True)):
        cases.append(record(f"stochastic_depth_{mode}_p{p}_{'train' if training else 'eval'}", 5, [
            {"op": "randn", "shape": [6, 3, 2]},
            {"op": "stochastic_depth", "input": 0, "p": p, "mode": mode, "training": training}]))

# The primary test vectors (test_vectors.json), replayed step by step.
cases.append(record("tv_dropout", 0, [{"op": "randn", "shape": [4, 6]},
                                      {"op": "dropout", "input": 0, "p": 0.5, "training": True}]))
cases.append(record("tv_dropout_module", 1, [{"op": "ones", "shape": [2, 8]},
                                             {"op": "dropout_module", "input": 0, "p": 0.1, "training": True}]))
for name, seed in (("tv_drop_path", 2), ("tv_drop_path_all_dropped", 0)):
    cases.append(record(name, seed, [{"op": "randn", "shape": [3, 2, 2, 3]},
                                     {"op": "drop_path", "input": 0, "p": 0.5, "training": True, "scale_by_keep": True}]))
cases.append(record("tv_drop_path_legacy", 0, [{"op": "randn", "shape": [3, 2, 2, 3]},
                                               {"op": "drop_path_legacy", "input": 0, "p": 0.5, "training": True}]))
cases.append(record("tv_drop_path_batch8", 3, [{"op": "ones", "shape": [8, 1, 2]},
                                               {"op": "drop_path", "input": 0, "p": 0.25, "training": True, "scale_by_keep": True}]))

meta = {"torch": torch.__version__, "cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "generator": "make_random_fixtures.py"}
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "random.json")
with open(out, "w") as f:
    json.dump({"meta": meta, "cases": cases}, f, separators=(",", ":"))
print(f"{len(cases)} cases -> {out}", file=sys.stderr)
