#!/bin/sh
# run-fuzz.sh — builds the libFuzzer targets with clang and runs each for a bounded time.
#
#   tests/fuzz/run-fuzz.sh [SECONDS] [TARGET…]
#
# SECONDS (default 60) is each target's -max_total_time; without TARGETs every target runs,
# one after another.  The build lives in build-fuzz-clang (clang, ASan + UBSan, libFuzzer
# coverage on every engine file).  Each run starts from a copy of the target's seed corpus
# (tests/fuzz/corpus/NAME) in build-fuzz-clang/fuzz-work/NAME, so the checked-in corpus stays
# small; crashes are written to build-fuzz-clang/fuzz-work/crashes/NAME/.  Move an input that
# crashed into tests/fuzz/crashes/NAME/ once the fix is in (the normal suite replays it), or
# into tests/fuzz/pending/NAME/ until then.  Every target's last status line (execs/s, cov,
# ft) is printed at the end.  Extra libFuzzer options can be given in FUZZ_ARGS, e.g.
# FUZZ_ARGS="-fork=1 -ignore_crashes=1" to go on after a crash that is not fixed yet.
set -eu

src=$(cd "$(dirname "$0")/../.." && pwd)
build="$src/build-fuzz-clang"
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-"dissect lab-text dns-wire dhcp-wire http-wire lab-file"}

if [ ! -d "$build" ]; then
  CC=clang meson setup "$build" "$src" \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized \
    -Dc_args=-fsanitize=fuzzer-no-link
fi
ninja -C "$build" $(for t in $targets; do printf 'tests/fuzz/fuzz-%s ' "$t"; done)

work="$build/fuzz-work"
summary=""
for t in $targets; do
  mkdir -p "$work/$t" "$work/crashes/$t"
  cp -n "$src/tests/fuzz/corpus/$t"/* "$work/$t/" 2>/dev/null || true
  log="$work/$t.log"
  echo "== fuzz-$t for ${seconds}s"
  status=0
  # inputs as large as a frame or a lab text; lab files (SQLite pages) are larger
  max_len=4096
  [ "$t" = lab-file ] && max_len=65536
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ASAN_OPTIONS=detect_leaks=1 \
    "$build/tests/fuzz/fuzz-$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$work/crashes/$t/" \
      ${FUZZ_ARGS:-} "$work/$t" >"$log" 2>&1 || status=$?
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
  execs=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}')
  line="fuzz-$t: exit $status, ${execs:-?} execs/s, $last"
  echo "$line"
  # on a crash: the sanitizer's verdict and the frames in source files (ours, libc's)
  [ "$status" -eq 0 ] || grep -E '(ERROR|SUMMARY):|#[0-9]+ 0x.* in .*\.[ch]:[0-9]' "$log" | head -n 16
  summary="$summary$line
"
done
echo "== summary"
printf '%s' "$summary"
