#!/usr/bin/env bash
# Runs the engine benchmark matrix and prints one line of figures per configuration.
#   tests/bench/run-bench.sh [BUILD_DIR] [PINGS]
set -euo pipefail
build=${1:-build}
k=${2:-10}
ninja -C "$build" tests/bench/bench-ping >/dev/null
for n in 10 100 1000; do
  for rec in "" --record; do
    "$build/tests/bench/bench-ping" "$n" "$k" $rec
  done
done
