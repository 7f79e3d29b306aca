#!/usr/bin/env bash
# Runs the engine benchmarks and prints one line of figures per configuration.
#   tests/bench/run-bench.sh [BUILD_DIR] [PINGS]
set -euo pipefail
build=${1:-build}
k=${2:-10}
ninja -C "$build" tests/bench/bench-ping tests/bench/bench-scenarios >/dev/null
for rec in "" --record; do
  for n in 10 100 1000; do
    "$build/tests/bench/bench-ping" "$n" "$k" $rec
  done
  "$build/tests/bench/bench-scenarios" dhcp 500 $rec
  "$build/tests/bench/bench-scenarios" tcp 10000000 $rec
done
