#!/usr/bin/env bash
# CLI end to end: convert (a directory input), verify, info --json, export byte-identical,
# a corrupted bundle refused by verify with the bad section named, and bad input located.
set -euo pipefail
agentreel=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work"

"$agentreel" convert "$data/agenteye" -o "$work/dir.reel" 2> "$work/convert.log"
grep -q 'interleaved.jsonl:12: byte 2358: invalid_json' "$work/convert.log" || { cat "$work/convert.log"; exit 1; }
"$agentreel" verify "$work/dir.reel"
"$agentreel" info "$work/dir.reel" --json > "$work/info.json"
node -e '
  const info = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const ok = info.format_version === 1 && info.sessions.length === 2 && info.skipped.length === 2 &&
             info.inputs.find(i => i.path.endsWith("interleaved.jsonl")).records === 18 && info.inputs.find(i => i.path.endsWith("README.md")).format === "unparsed" && info.sessions[0].tool_calls === 3;
  if (!ok) { console.error("unexpected info --json", JSON.stringify(info)); process.exit(1); }' "$work/info.json"

"$agentreel" export "$work/dir.reel" -o "$work/out"
diff -r "$data/agenteye" "$work/out/agenteye"

# Flip one byte in the middle of the file (inside a compressed section): verify must say which.
cp "$work/dir.reel" "$work/corrupt.reel"
size=$(stat -c %s "$work/corrupt.reel")
printf '\x5a' | dd of="$work/corrupt.reel" bs=1 seek=$((size / 3)) conv=notrunc status=none
if "$agentreel" verify "$work/corrupt.reel" > "$work/verify.out" 2>&1; then
  echo "verify accepted a corrupted bundle"; exit 1
fi
grep -Eq 'checksum|corrupt|section' "$work/verify.out" || { cat "$work/verify.out"; exit 1; }

# Unknown format: a clear error naming the file and what was tried.
echo "just text" > "$work/notes.txt"
if "$agentreel" convert "$work/notes.txt" -o "$work/x.reel" 2> "$work/unknown.err"; then exit 1; fi
grep -q 'notes.txt: not in any known format' "$work/unknown.err"
[ ! -e "$work/x.reel" ]  # nothing half-written left behind
echo "cli round trip ok"
