#!/bin/sh
# make bench: every benchmark in one run, each against its named peer, on
# the lists in ../shared/data when present (else the bundled copies, or a
# clear SKIPPED). Output also goes to BUILD/bench-results.txt. Timings on a
# shared 2-core machine are noisy: each bench reports medians, CPU time and
# ratios; docs/benchmarks.md holds the recorded results with machine and date.
set -u
BUILD=${1:-build}
SRC=$(cd "$(dirname "$0")/.." && pwd)
SHARED=$SRC/../shared/data
OUT=$BUILD/bench-results.txt
export IDT_SRC=$SRC

# Peers and tools only the benchmarks need (not the tests): gpsdecode for
# AIS, valgrind for instruction counts, wrk for the HTTP API.
if [ "$(id -u)" = 0 ]; then
  for p in gpsd-clients valgrind wrk; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null 2>&1 || true
  done
fi

run() {
  echo
  echo "=== $* ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
  "$@" 2>&1
}

{
  echo "interdict benchmarks, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(uname -m)"
  run "$BUILD/bench_ingest" 5
  run "$BUILD/bench_import" 5 "$SRC"
  if [ -d "$SHARED" ]; then
    run "$BUILD/bench_screen" "$SHARED" 500 1000
  else
    echo "=== bench_screen SKIPPED: needs ../shared/data (the 50,000 yente negatives)"
  fi
  run "$BUILD/bench_korean" "$SRC/data/korean"
  run sh "$SRC/bench/ais.sh" "$BUILD" 1000000
  run sh "$SRC/bench/aisevents.sh" "$BUILD"
  run "$BUILD/bench_net" 1000000 5000000
  run sh "$SRC/bench/http.sh" "$BUILD" 10
} | tee "$OUT"
echo "results: $OUT"
