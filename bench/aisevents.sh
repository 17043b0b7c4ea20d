#!/bin/sh
# bench/aisevents.sh - build and run the event-detector benchmark (speed on a
# generated day of >= 10 M positions, peak RSS, accuracy on the dprk scenario)
# and keep its output. usage: bench/aisevents.sh [BUILD_DIR] [VESSELS] [RUNS] [ACC_VESSELS]
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build}
cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target bench_aisevents -j2 >/dev/null
echo "machine: $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC')"
IDT_SRC="$here" "$build/bench_aisevents" "${2:-7000}" "${3:-3}" "${4:-1000}"
