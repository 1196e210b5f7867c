#!/usr/bin/env bash
# How fast the lessons engine is, with a release build of `lessons` (and of Drop):
#   cold       `lessons build --no-cache` of Benchmarks/article.md, the article's code in ~10 blocks
#   unchanged  `lessons build` of the whole course when nothing changed (every lesson cached)
# Prints the minimum and median of several runs, in seconds. Writes nothing outside a temp dir
# except the cache in .build/lessons-cache.
set -euo pipefail
cd "$(dirname "$0")/.."

# A scratch path of its own, so a debug `swift build` is not locked out meanwhile.
swift build -c release --scratch-path .build-release >/dev/null
lessons=.build-release/release/lessons
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/article"
cp Benchmarks/article.md "$work/article/"

# Runs "$@" $runs times; prints "min X s  median Y s".
measure() {
    local runs=7 times=()
    for _ in $(seq $runs); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END {
        printf "min %.3f s  median %.3f s\n", t[1] / 1000, t[int((NR + 1) / 2)] / 1000 }'
}

echo "cold build --no-cache, one lesson ($(grep -c '^```swift run' Benchmarks/article.md) blocks): $(
    measure "$lessons" build --no-cache --lessons "$work/article" --out "$work/site-article")"

if [ -d Lessons ]; then
    # Fills the cache (only lessons that succeed are cached).
    "$lessons" build --out "$work/site" >/dev/null || { echo "the course does not build" >&2; exit 1; }
    echo "unchanged rebuild, whole course ($(ls Lessons/*.md | wc -l) lessons): $(
        measure "$lessons" build --out "$work/site")"
fi
