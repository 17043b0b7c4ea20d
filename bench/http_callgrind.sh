#!/bin/sh
# bench/http_callgrind.sh BUILD DB [ROUNDS]: instructions per single-query
# POST /match (docs/benchmarks/http.md). Runs `interdict serve` under
# callgrind with collection only inside the request handler (on_request),
# sends ROUNDS (default 7) x the 30 bodies of bench/http_queries.jsonl one
# at a time with curl, stops the server and prints the instructions per
# request and the top functions (inclusive). DB is a store (bench/http.sh
# builds one); a copy is used, since every /match appends to the audit log.
# Instruction counts do not depend on the machine's load. CG_KEEP=FILE keeps
# the callgrind output (callgrind_annotate FILE for self costs).
set -eu
BUILD=$(cd "$1" && pwd)
SRC=$(cd "$(dirname "$0")/.." && pwd)
ROUNDS=${3:-7}
WORK=$(mktemp -d /tmp/idt-http-cg-XXXXXX)
PID=
trap 'if [ -n "$PID" ]; then kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; fi; [ -n "${CG_KEEP:-}" ] && cp "$WORK/cg.out" "$CG_KEEP"; rm -rf "$WORK"' EXIT INT TERM
cp "$2" "$WORK/db"
valgrind --tool=callgrind --toggle-collect=on_request --callgrind-out-file="$WORK/cg.out" \
  "$BUILD/interdict" --db "$WORK/db" serve --no-auth --bind 127.0.0.1:0 --threads 1 --quiet \
  --reload-check 0 > "$WORK/serve.out" 2> "$WORK/vg.err" &
PID=$!
i=0
while ! grep -q '^port' "$WORK/serve.out" 2>/dev/null; do
  i=$((i + 1)); [ $i -gt 1800 ] && { echo "server did not start"; cat "$WORK/vg.err"; exit 1; }
  sleep 0.1
done
URL=http://127.0.0.1:$(awk '/^port/{print $2}' "$WORK/serve.out")
n=0
for r in $(seq 1 "$ROUNDS"); do
  while IFS= read -r line; do
    printf '%s' "$line" | curl -s -o /dev/null -H 'Content-Type: application/json' \
      --data-binary @- "$URL/match/default"
    n=$((n + 1))
  done < "$SRC/bench/http_queries.jsonl"
done
kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=
TOTAL=$(callgrind_annotate "$WORK/cg.out" 2>/dev/null | awk '/PROGRAM TOTALS/{gsub(",","",$1); print $1; exit}')
echo "requests $n, instructions $TOTAL, per request $(awk -v t="$TOTAL" -v n="$n" 'BEGIN{printf "%.3f M", t/n/1e6}')"
callgrind_annotate --inclusive=yes "$WORK/cg.out" 2>/dev/null | sed -n '/^Ir/,$p' | head -45
