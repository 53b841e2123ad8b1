#!/usr/bin/env bash
# Regenerate the BIND oracle goldens for the zone-file reader: named-compilezone with every semantic check off, owners lower-cased, sorted.
#
# For each test/fixtures/bind/zones/*.zone (zone example.com, includes relative to that
# folder, as named resolves them from its working directory) this writes
#   test/fixtures/bind/golden/<name>.txt     the records BIND loaded, one canonical line each,
#                                            owner lower-cased, sorted, deduplicated
#   test/fixtures/bind/golden/<name>.status  0 (loaded) or 1 (rejected), then BIND's messages
#                                            when it rejected the file, or its out-of-zone
#                                            warnings when it loaded it
# Needs named-compilezone (Debian/Ubuntu: bind9-utils). The tests themselves do not.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
zones="$here/test/fixtures/bind/zones"
golden="$here/test/fixtures/bind/golden"
command -v named-compilezone >/dev/null || { echo "named-compilezone not found (bind9-utils)" >&2; exit 2; }
mkdir -p "$golden"
rm -f "$golden"/*.txt "$golden"/*.status
count=0
for file in "$zones"/*.zone; do
  name=$(basename "$file" .zone)
  messages=$(mktemp)
  set +e
  named-compilezone -i none -k ignore -n ignore -m ignore -M ignore -S ignore \
      -r ignore -T ignore -W ignore -s full -f text -F text -w "$zones" -o - \
      example.com "$(basename "$file")" 2>"$messages" \
    | perl -pe 's/^(\S+)\s+(\d+)\s+(\S+)\s+(\S+)\s+/\L$1\E $2 $3 $4 /' \
    | LC_ALL=C sort -u >"$golden/$name.txt"
  status=${PIPESTATUS[0]}
  set -e
  if [ "$status" -eq 0 ]; then
    # Loaded: keep BIND's out-of-zone warnings, which the reader must report too.
    { echo 0; grep 'ignoring out-of-zone data' "$messages" || true; } >"$golden/$name.status"
  else
    # Rejected: BIND prints nothing useful on stdout; keep its messages for reference.
    : >"$golden/$name.txt"
    { echo 1; grep -v '^zone example.com/IN: \(loaded serial\|not loaded\)' "$messages" || true; } \
      >"$golden/$name.status"
  fi
  rm -f "$messages"
  count=$((count + 1))
done
echo "wrote goldens for $count fixtures to ${golden#"$here"/}"
