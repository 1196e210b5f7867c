#!/usr/bin/env bash
# One AdamW training step, Drop (the debug build `swift build` leaves, which lessons link) beside
# PyTorch eager CPU on 2 threads, in interleaved rounds: bash Benchmarks/train_bench.sh [rounds] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
runs=${2:-30}
swift build --product train-bench >/dev/null
for round in $(seq "$rounds"); do
    echo "round $round"
    DROP_NUM_THREADS=2 .build/debug/train-bench "$runs"
    python3 Benchmarks/train_bench.py --threads 2 --runs "$runs"
done
