#!/bin/sh
# make demo: the main job of interdict on the real lists bundled in data/.
# Works offline from a fresh clone; everything goes to build/demo/.
set -eu
CLI=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${DEMO_DIR:-$ROOT/build/demo}
DB=$WORK/demo.db
cd "$ROOT"

section() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
idt() { "$CLI" --db "$DB" "$@"; }

rm -rf "$WORK"
mkdir -p "$WORK/ofac" "$WORK/un"
for f in data/lists/ofac/*; do
  case $f in
    *.xz) xz -dc "$f" > "$WORK/ofac/$(basename "$f" .xz)" ;;
    *) cp "$f" "$WORK/ofac/" ;;
  esac
done
xz -dc data/lists/un/consolidated.xml.xz > "$WORK/un/consolidated.xml"

section "1. Import the bundled lists (OFAC SDN 2024-05 + alt/add/comments, UN consolidated 2026-02, an OpenSanctions FtM network)"
idt import ofac-csv "$WORK/ofac"
idt import un-xml "$WORK/un/consolidated.xml"
idt import ftm data/lists/ftm/zala_network.ftm.json --dataset zala

section "2. The store: list versions, files, checksums, counts"
idt lists

section "3. Screening: Hangul, RR vs DPRK spellings, Cyrillic, birth dates, word order, vessels, wallets"
echo "queries: data/demo/queries.jsonl"
idt screen --format csv --limit 3 data/demo/queries.jsonl > "$WORK/screen.csv"
cut -d, -f1-7 "$WORK/screen.csv" | column -s, -t 2>/dev/null || cut -d, -f1-7 "$WORK/screen.csv"
echo "(full evidence and explanations: $WORK/screen.csv; JSON lines with --format jsonl)"

section "4. Updates: the same files again change nothing"
idt import un-xml "$WORK/un/consolidated.xml"

section "4b. A changed list gives a new version and a diff"
echo "(for the demo, a copy of the UN list is edited: one entry removed, one alias added)"
python3 tools/demo_edit_un.py "$WORK/un/consolidated.xml" "$WORK/un/consolidated-edited.xml"
idt import un-xml "$WORK/un/consolidated-edited.xml" --dataset un_sc_sanctions
idt diff un_sc_sanctions

section "5. Network: undesignated parties ranked by risk around designated ones"
idt net candidates --limit 8 --dataset zala

section "6. Maritime: decode real AIS (gpsd's sample recording) as CSV positions"
idt ais decode --format csv data/ais/gpsd/sample.aivdm 2>/dev/null | head -6

section "7. Maritime: a generated DPRK scenario (dark period in Korea Bay, STS meeting off Nampo, Nampo call, new identity under the same IMO) among 200 ordinary vessels"
idt ais simulate --seed 7 --vessels 200 --zone data/reference/eez_prk.json \
    --out "$WORK/scenario.nmea" --truth "$WORK/scenario.truth.jsonl"
idt ais events --ports data/reference/WPI_ports.csv --zone data/reference/eez_prk.json \
    --geojson "$WORK/events.geojson" --truth "$WORK/scenario.truth.jsonl" \
    "$WORK/scenario.nmea" > "$WORK/events.jsonl"
echo "Events near the DPRK other than ordinary port calls (all $(wc -l < "$WORK/events.jsonl") in $WORK/events.jsonl; map: $WORK/events.geojson opens in QGIS):"
python3 - "$WORK/events.jsonl" data/reference/dprk_ports.csv <<'PY'
import csv, json, sys
dprk = {r["name"].upper() for r in csv.DictReader(open(sys.argv[2]))}
for line in open(sys.argv[1]):
    e = json.loads(line)
    if not e.get("dprk_vicinity"):
        continue
    if e["type"] == "port_visit" and (e.get("place") or "").upper() not in dprk:
        continue
    print("  %-16s %s  mmsi %-9s %-12s %s" % (e["type"], e["start"], e.get("mmsi", ""),
          (e.get("name") or "")[:12], e.get("why", "")[:90]))
PY

section "8. The HTTP API: a yente-style POST /match against the same store (the web UI is at /ui/)"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# not through idt(): $! must be the server itself, not a subshell, to stop it
"$CLI" --db "$DB" serve --bind "127.0.0.1:$PORT" --no-auth --quiet --reload-check 0 \
    --ais "$WORK/scenario.nmea" > "$WORK/serve.log" 2>&1 &
SERVE_PID=$!
python3 tools/demo_match.py "$PORT" || { kill "$SERVE_PID" 2>/dev/null; cat "$WORK/serve.log" >&2; exit 1; }
kill -TERM "$SERVE_PID"
wait "$SERVE_PID" || true

echo
echo "demo store: $DB   (try: $1 --db $DB screen --help, or $1 --db $DB serve)"
