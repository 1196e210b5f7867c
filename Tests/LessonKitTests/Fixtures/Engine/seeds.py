"""Records what PyTorch prints for the `id=stable` block of seeds.md under global seed 0.

Run by hand from this directory (python3 seeds.py); writes seeds.expected.txt. The block's seed
is derived as in LessonKit's `blockSeed`: 64-bit FNV-1a over "<global seed>\\0<identity>\\0",
folded to 32 bits.
"""
import torch

def block_seed(global_seed: int, identity: str) -> int:
    h = 0xCBF29CE484222325
    for byte in f"{global_seed}\0{identity}\0".encode():
        h = ((h ^ byte) * 0x100000001B3) % 2**64
    return (h ^ (h >> 32)) & 0xFFFFFFFF

seed = block_seed(0, "stable")
torch.manual_seed(seed)
with open("seeds.expected.txt", "w") as out:
    out.write(f"{seed}\n")
    out.write(f"{torch.rand(4)}\n")
    out.write(f"{torch.randn(2, 3)}\n")
