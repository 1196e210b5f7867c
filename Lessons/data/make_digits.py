"""Writes Lessons/data/digits.txt from scikit-learn's bundled copy of the 8x8 handwritten digits.

usage: python3 Lessons/data/make_digits.py        (needs scikit-learn; run by hand, output committed)

The data: "Optical Recognition of Handwritten Digits" (E. Alpaydin, C. Kaynak, 1998), UCI Machine
Learning Repository, CC BY 4.0; scikit-learn ships its 1,797 test-set images as
`sklearn.datasets.load_digits`. The file keeps scikit-learn's order, so a PyTorch twin that calls
`load_digits()` sees the same samples in the same order as a lesson that reads the file.
"""
import pathlib

import sklearn
from sklearn.datasets import load_digits

PIXEL = "0123456789abcdefg"  # 0..16, one character each

digits = load_digits()
lines = [
    "# 8x8 handwritten digits: UCI 'Optical Recognition of Handwritten Digits' (Alpaydin & Kaynak, 1998), CC BY 4.0,",
    f"# as bundled by scikit-learn {sklearn.__version__} (load_digits), written by Lessons/data/make_digits.py.",
    "# One image a line: its label, a space, then 64 pixels row by row, each 0..16 as one base-17 digit 0-9a-g.",
]
for image, label in zip(digits.data.astype(int), digits.target):
    lines.append(f"{label} " + "".join(PIXEL[v] for v in image))
out = pathlib.Path(__file__).with_name("digits.txt")
out.write_text("\n".join(lines) + "\n")
print(f"wrote {out}: {len(digits.target)} images")
