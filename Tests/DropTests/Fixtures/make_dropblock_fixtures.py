"""Record timm's drop_block_2d, bit for bit, for Drop's DropBlock tests.

Run by hand (needs torch and timm); the tests only read the JSON it writes:
    python3 Tests/DropTests/Fixtures/make_dropblock_fixtures.py

Each case seeds the global generator, draws its input with torch.randn(shape), runs
drop_block_2d with the case's arguments (timm's function draws from the global generator), and
records the output's float32 bits and PyTorch's printed text; `after` holds the bits of
torch.rand(4), which proves how many numbers the call consumed.
"""
import json, os
import timm, torch
from timm.layers.drop import drop_block_2d

CASES = [
    # name, seed, shape, keyword arguments
    ("defaults, block clipped to the map", 0, (2, 3, 5, 5), {}),
    ("odd block", 1, (2, 2, 8, 8), {"drop_prob": 0.3, "block_size": 3}),
    ("even block, timm's crop", 2, (2, 2, 7, 9), {"drop_prob": 0.3, "block_size": 2}),
    ("even block 4, non-square map", 3, (1, 3, 6, 10), {"drop_prob": 0.4, "block_size": 4}),
    ("independent channels", 4, (2, 3, 6, 6), {"drop_prob": 0.3, "block_size": 3, "couple_channels": False}),
    ("no rescaling", 5, (2, 2, 6, 6), {"drop_prob": 0.3, "block_size": 3, "scale_by_keep": False}),
    ("gaussian noise in dropped regions", 6, (2, 2, 6, 6), {"drop_prob": 0.3, "block_size": 3, "with_noise": True}),
    ("gamma scale", 7, (1, 2, 9, 9), {"drop_prob": 0.2, "block_size": 3, "gamma_scale": 0.5}),
    ("rate 0 still draws", 8, (1, 1, 4, 4), {"drop_prob": 0.0, "block_size": 3}),
    ("large map", 42, (4, 8, 16, 16), {"drop_prob": 0.1, "block_size": 5}),
    ("huge seed", 2**64 - 59, (2, 2, 6, 6), {"drop_prob": 0.25, "block_size": 2}),
]


def bits(t):
    return t.contiguous().view(torch.int32).flatten().tolist()


def main():
    cases = []
    for name, seed, shape, kwargs in CASES:
        torch.manual_seed(seed)
        x = torch.randn(shape)
        y = drop_block_2d(x, **kwargs)
        after = torch.rand(4)
        cases.append({
            "name": name, "seed": seed, "shape": list(shape), "kwargs": kwargs,
            "bits": [b & 0xFFFFFFFF for b in bits(y)], "printed": str(y),
            "after": [b & 0xFFFFFFFF for b in bits(after)],
        })
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dropblock.json")
    with open(out, "w") as f:
        json.dump({"torch": torch.__version__, "timm": timm.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
