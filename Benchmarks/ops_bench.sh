#!/bin/sh
# Drop's ops against PyTorch eager CPU (2 threads), in the build lessons link: `swift build`
# (debug; Drop itself is built with -O in every configuration). Runs `ops-bench` and
# `ops_bench.py` in alternation PAIRS times, then prints per op and size the median of the
# per-pair ratios Drop/PyTorch (< 1: Drop is faster) and their range across pairs.
#
#     Benchmarks/ops_bench.sh [PAIRS] [ROUNDS]     # defaults 3 pairs of 9 rounds
set -eu
cd "$(dirname "$0")/.."
pairs=${1:-3}
rounds=${2:-9}
swift build --product ops-bench >/dev/null
bin="$(swift build --show-bin-path)/ops-bench"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
i=1
while [ "$i" -le "$pairs" ]; do
    "$bin" "$rounds" >"$out/drop.$i"
    python3 Benchmarks/ops_bench.py "$rounds" >"$out/torch.$i"
    i=$((i + 1))
done
python3 - "$out" "$pairs" <<'PY'
import statistics, sys
out, pairs = sys.argv[1], int(sys.argv[2])
def load(path):
    rows = [line.rstrip("\n").split("\t") for line in open(path)]
    return {(size, op): float(s) for size, op, s in rows}
drop = [load(f"{out}/drop.{i}") for i in range(1, pairs + 1)]
torch = [load(f"{out}/torch.{i}") for i in range(1, pairs + 1)]
def fmt(s):
    return f"{s * 1e6:.2f} µs" if s < 1e-3 else f"{s * 1e3:.2f} ms"
print("| op | size | Drop | PyTorch | Drop/PyTorch (median) | range over pairs |")
print("| --- | --- | --- | --- | --- | --- |")
for size in ("small", "large"):
    for key in [k for k in drop[0] if k[0] == size]:
        ratios = sorted(d[key] / t[key] for d, t in zip(drop, torch))
        d = statistics.median(x[key] for x in drop)
        t = statistics.median(x[key] for x in torch)
        print(f"| `{key[1]}` | {size} | {fmt(d)} | {fmt(t)} | {statistics.median(ratios):.2f} "
              f"| {ratios[0]:.2f}–{ratios[-1]:.2f} |")
PY
