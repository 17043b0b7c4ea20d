#!/bin/sh
# bench/http.sh BUILD [SECONDS]: the HTTP API under load (docs/benchmarks/http.md).
# Builds a store from the bundled OFAC SDN + UN lists, starts
# `interdict serve --no-auth` on loopback (2 worker threads), then
#  1. wrk, single-query POST /match, 1 connection and 64 connections:
#     requests/s, p50, p99 (wrk --latency);
#  2. bench_http at a fixed 1,000 requests/s for 60 s: latency percentiles
#     from the scheduled send time, errors, the server's VmRSS every 5 s,
#     its CPU time per request and the load average at start and end;
#  3. a malformed-request storm (bench_http storm): truncated, oversized,
#     invalid JSON, garbage, huge headers, slow clients; then /healthz.
# The machine is shared (2 cores, other jobs): read the numbers as such.
set -eu
BUILD=$(cd "${1:-build}" && pwd)
SECS=${2:-10}
SRC=$(cd "$(dirname "$0")/.." && pwd)
CLI=$BUILD/interdict
WORK=$(mktemp -d /tmp/idt-http-bench-XXXXXX)
trap 'kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT INT TERM
PID=
mkdir -p "$WORK/ofac"
for f in sdn alt add; do xz -dc "$SRC/data/lists/ofac/$f.csv.xz" > "$WORK/ofac/$f.csv"; done
cp "$SRC/data/lists/ofac/sdn_comments.csv" "$WORK/ofac/"
xz -dc "$SRC/data/lists/un/consolidated.xml.xz" > "$WORK/un.xml"
"$CLI" --db "$WORK/db" import ofac-csv "$WORK/ofac" >/dev/null
"$CLI" --db "$WORK/db" import un-xml "$WORK/un.xml" >/dev/null

"$CLI" --db "$WORK/db" serve --no-auth --bind 127.0.0.1:0 --threads 2 --quiet \
    --max-conns 1024 --reload-check 0 > "$WORK/serve.out" &
PID=$!
i=0
while ! grep -q '^port' "$WORK/serve.out" 2>/dev/null; do
  i=$((i + 1)); [ $i -gt 300 ] && { echo "server did not start"; exit 1; }
  sleep 0.1
done
PORT=$(awk '/^port/{print $2}' "$WORK/serve.out")
URL=http://127.0.0.1:$PORT
echo "server pid $PID on $URL; VmRSS after load: $(awk '/VmRSS/{print $2, $3}' /proc/$PID/status)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
export BODIES="$SRC/bench/http_queries.jsonl"
for q in $(seq 1 30); do
  sed -n "${q}p" "$BODIES" | curl -s -o /dev/null -H 'Content-Type: application/json' --data-binary @- "$URL/match/default"
done

echo; echo "== wrk, 1 connection, ${SECS} s"
wrk -t1 -c1 -d"${SECS}s" --latency -s "$SRC/bench/http_match.lua" "$URL" | grep -E 'Requests/sec|50%|99%|requests in|Non-2xx|Socket errors|non-200|p50'
echo; echo "== wrk, 64 connections, ${SECS} s"
wrk -t2 -c64 -d"${SECS}s" --latency -s "$SRC/bench/http_match.lua" "$URL" | grep -E 'Requests/sec|50%|99%|requests in|Non-2xx|Socket errors|non-200|p50'

echo; echo "== fixed rate: 1,000 requests/s for 60 s (bench_http)"
"$BUILD/bench_http" rate "$URL/match/default" "$BODIES" 1000 60 "$PID" || echo "(errors above)"

echo; echo "== malformed-request storm, 20 s"
"$BUILD/bench_http" storm 127.0.0.1 "$PORT" 20 || echo "(storm check failed)"
echo "VmRSS at the end: $(awk '/VmRSS/{print $2, $3}' /proc/$PID/status)"
