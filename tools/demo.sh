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

section "6. Maritime: decode real AIS (gpsd sample) and check identities"
idt ais decode --format csv data/ais/gpsd/sample.aivdm 2>/dev/null | head -6

echo
echo "demo store: $DB   (try: $1 --db $DB screen --help)"
