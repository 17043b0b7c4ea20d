#!/bin/sh
# bench/ais.sh - AIS decoding: interdict against gpsd's gpsdecode on the same
# input in one run, median of 5 each, ratios printed; then the in-memory
# decode rate (bench_ais) and callgrind instructions per sentence.
#
# Input: position reports (types 1-3 and 18) from the real corpus
# (data/ais/corpus/single_part_unique.nmea), repeated to N sentences
# (default 2,000,000) into /tmp; nothing generated is committed.
#
# usage: bench/ais.sh [BUILD_DIR] [N]     (BUILD_DIR default build)
# Skips the gpsdecode comparison, saying so, when gpsdecode is absent
# (Debian package gpsd-clients).
set -eu
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$SRC/build}
N=${2:-2000000}
CLI=$BUILD/interdict
BENCH=$BUILD/bench_ais
RUNS=5
TMP=${TMPDIR:-/tmp}/idt-ais-bench.$$
mkdir -p "$TMP"
trap 'rm -rf "$TMP"' EXIT INT TERM

[ -x "$CLI" ] && [ -x "$BENCH" ] || { echo "build first: $CLI, $BENCH missing" >&2; exit 1; }

# Position reports: payload starts with '1', '2', '3' (types 1-3) or 'B' (18).
# Tag-block lines and the talkers gpsd's lexer does not accept (BY, SS) are
# left out: gpsdecode 3.22 ignores them, so both tools get the same work.
awk -F, '/^!(AI|AB|BS)VD[MO]/ && ($6 ~ /^[123B]/)' "$SRC/data/ais/corpus/single_part_unique.nmea" > "$TMP/pos1.nmea"
base=$(wc -l < "$TMP/pos1.nmea")
reps=$(( (N + base - 1) / base ))
i=0; : > "$TMP/pos.nmea"
while [ $i -lt $reps ]; do cat "$TMP/pos1.nmea"; i=$((i+1)); done | head -n "$N" > "$TMP/pos.nmea"
lines=$(wc -l < "$TMP/pos.nmea")
echo "input: $lines position-report sentences ($base unique, repeated), $(du -m "$TMP/pos.nmea" | cut -f1) MB"
echo "machine: $(nproc) cores, $(uname -m), $(date -u '+%Y-%m-%d %H:%M UTC')"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
# timeit command... -> "WALL CPU": medians over $RUNS runs of wall seconds
# and of user+system CPU seconds (the CPU figure is what to compare on a
# shared, loaded machine; both are printed).
timeit() {
  : > "$TMP/times"
  for r in $(seq $RUNS); do
    /usr/bin/time -f "%e %U %S" -o "$TMP/t1" "$@" > /dev/null
    cat "$TMP/t1" >> "$TMP/times"
  done
  w=$(awk '{print $1}' "$TMP/times" | median)
  c=$(awk '{print $2 + $3}' "$TMP/times" | median)
  echo "$w $c"
}

rate() { echo "scale=2; $lines / $1 / 1000000" | bc; }
show() { # label "WALL CPU"
  set -- "$1" $2
  printf "%-40s wall %7.3f s (%5s M/s)   cpu %7.3f s (%5s M/s)\n" "$1" "$2" "$(rate "$2")" \
    "$3" "$(rate "$3")"
}
uptime
t_dsv=$(timeit "$CLI" ais decode --format gpsd-dsv "$TMP/pos.nmea")
t_json=$(timeit "$CLI" ais decode --gpsd 3.22 "$TMP/pos.nmea")
t_csv=$(timeit "$CLI" ais decode --format csv "$TMP/pos.nmea")
show "interdict ais decode --format gpsd-dsv" "$t_dsv"
show "interdict ais decode (json, 3.22)" "$t_json"
show "interdict ais decode --format csv" "$t_csv"

if command -v gpsdecode > /dev/null 2>&1; then
  g_dsv=$(timeit sh -c "gpsdecode -u -c < '$TMP/pos.nmea'")
  g_json=$(timeit sh -c "gpsdecode -j < '$TMP/pos.nmea'")
  show "gpsdecode -u -c ($(gpsdecode -V 2>&1 | awk '{print $3}'))" "$g_dsv"
  show "gpsdecode -j" "$g_json"
  ratio() { set -- $1 $2; echo "wall $(echo "scale=1; $3 / $1" | bc)x, cpu $(echo "scale=1; $4 / $2" | bc)x"; }
  echo "ratio gpsd-dsv (gpsdecode -u -c / interdict): $(ratio "$t_dsv" "$g_dsv")"
  echo "ratio json     (gpsdecode -j / interdict):    $(ratio "$t_json" "$g_json")"
  # Same output? (gpsd 3.22 dialect; DSV is identical in both dialects)
  "$CLI" ais decode --format gpsd-dsv "$TMP/pos1.nmea" > "$TMP/i.dsv"
  gpsdecode -u -c < "$TMP/pos1.nmea" > "$TMP/g.dsv"
  if cmp -s "$TMP/i.dsv" "$TMP/g.dsv"; then echo "outputs: DSV byte-identical on the $base unique sentences"
  else echo "outputs: DSV differs on the unique input (see tests/test_ais_golden.c)"; fi
  if command -v valgrind > /dev/null 2>&1; then
    # Steady-state instructions per sentence: (40k run - 20k run) / 20k, so
    # process start-up (dynamic linking) cancels for both tools.
    head -n 20000 "$TMP/pos.nmea" > "$TMP/c20k.nmea"
    head -n 40000 "$TMP/pos.nmea" > "$TMP/c40k.nmea"
    # ir INPUT command...: instructions of command reading INPUT on stdin
    ir() { in=$1; shift
           valgrind --tool=callgrind --callgrind-out-file="$TMP/x.cg" "$@" < "$in" > /dev/null 2>&1
           grep -E '^(summary|totals):' "$TMP/x.cg" | head -1 | awk '{print $2}'; }
    g20=$(ir "$TMP/c20k.nmea" gpsdecode -u -c); g40=$(ir "$TMP/c40k.nmea" gpsdecode -u -c)
    j20=$(ir "$TMP/c20k.nmea" gpsdecode -j); j40=$(ir "$TMP/c40k.nmea" gpsdecode -j)
    i20=$(ir "$TMP/c20k.nmea" "$CLI" ais decode --format gpsd-dsv -)
    i40=$(ir "$TMP/c40k.nmea" "$CLI" ais decode --format gpsd-dsv -)
    k20=$(ir "$TMP/c20k.nmea" "$CLI" ais decode --gpsd 3.22 -)
    k40=$(ir "$TMP/c40k.nmea" "$CLI" ais decode --gpsd 3.22 -)
    gd=$(( (g40 - g20) / 20000 )); gj=$(( (j40 - j20) / 20000 ))
    id=$(( (i40 - i20) / 20000 )); ij=$(( (k40 - k20) / 20000 ))
    echo "callgrind instructions per sentence (steady state): gpsdecode -u -c $gd, interdict gpsd-dsv $id ($(echo "scale=1; $gd / $id" | bc)x)"
    echo "callgrind instructions per sentence (steady state): gpsdecode -j $gj, interdict json $ij ($(echo "scale=1; $gj / $ij" | bc)x)"
    echo "callgrind start-up: gpsdecode $(( g20 - 20000 * gd )), interdict $(( i20 - 20000 * id )) instructions"
  fi
else
  echo "SKIPPED: gpsdecode not installed (Debian package gpsd-clients); no peer ratio"
fi

echo "--- in-memory (bench_ais, median of $RUNS):"
"$BENCH" "$TMP/pos.nmea" $RUNS

if command -v valgrind > /dev/null 2>&1; then
  head -n 100000 "$TMP/pos.nmea" > "$TMP/small.nmea"
  valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.out" "$BENCH" --once "$TMP/small.nmea" > /dev/null 2> "$TMP/cg.err"
  ir=$(grep -E '^(summary|totals):' "$TMP/cg.out" | head -1 | awk '{print $2}')
  head -n 1000 "$TMP/pos.nmea" > "$TMP/tiny.nmea"
  valgrind --tool=callgrind --callgrind-out-file="$TMP/cg0.out" "$BENCH" --once "$TMP/tiny.nmea" > /dev/null 2>&1
  ir0=$(grep -E '^(summary|totals):' "$TMP/cg0.out" | head -1 | awk '{print $2}')
  echo "callgrind: $(echo "($ir - $ir0) / 99000" | bc) instructions per sentence (decode only; 100k minus 1k sentences, start-up cancelled)"
else
  echo "SKIPPED: valgrind not installed; no instruction count"
fi
