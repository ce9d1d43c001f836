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

# Flip one byte in the middle of a section's stored bytes: a RAW block (found by verify, which names the block,
# its stream bytes and its section's offset) and the SPAN section (refused by every reader at open). The exact
# messages are docs/errors.md's checksum_mismatch, with offsets read here from the table of contents.
node -e '
  const fs = require("fs"); const b = fs.readFileSync(process.argv[1]);
  const u64 = (at) => Number(b.readBigUInt64LE(at));
  const toc = u64(b.length - 32), count = b.readUInt32LE(toc + 40);
  const sections = [];
  for (let i = 0; i < count; ++i) {
    const e = toc + 44 + 40 * i;
    sections.push({tag: b.toString("latin1", e, e + 4).trimEnd(), offset: u64(e + 8), stored: u64(e + 16), raw: u64(e + 24)});
  }
  const flip = (section, out) => {
    const copy = Buffer.from(b); copy[section.offset + 40 + Math.floor(section.stored / 2)] ^= 0x5a;
    fs.writeFileSync(out, copy);
  };
  const raw = sections.find((s) => s.tag === "RAW"), spans = sections.find((s) => s.tag === "SPAN");
  flip(raw, process.argv[2]);
  flip(spans, process.argv[3]);
  fs.writeFileSync(process.argv[4],
    `${process.argv[2]}: raw block 0 (stream bytes 0..${raw.raw}): checksum_mismatch: section RAW at byte ${raw.offset} fails its checksum\n` +
    `agentreel: error: ${process.argv[3]}: checksum_mismatch: section SPAN at byte ${spans.offset} fails its checksum\n`);' \
  "$work/dir.reel" "$work/bad-raw.reel" "$work/bad-span.reel" "$work/expected-corrupt.txt"
expect_refusal() {  # COMMAND BUNDLE EXPECTED-FIRST-STDERR-LINE
  if "$agentreel" "$1" "$2" > "$work/refusal.out" 2> "$work/refusal.err"; then
    echo "agentreel $1 accepted the corrupted $2"; exit 1
  fi
  [[ "$(head -n 1 "$work/refusal.err")" == "$3" ]] || {
    echo "agentreel $1 $2: expected: $3"; cat "$work/refusal.err"; exit 1; }
}
expect_refusal verify "$work/bad-raw.reel" "$(sed -n 1p "$work/expected-corrupt.txt")"
grep -q ": CORRUPT$" "$work/refusal.out"
expect_refusal verify "$work/bad-span.reel" "$(sed -n 2p "$work/expected-corrupt.txt")"
expect_refusal info "$work/bad-span.reel" "$(sed -n 2p "$work/expected-corrupt.txt")"

# Logs without wall-clock times: info names each session's clock instead of printing 1970 dates, and
# counts errors as the viewer does (tool errors per tests/data/swe-agent/compute_expected.py: 1 and 3).
"$agentreel" convert "$data/swe-agent/marshmallow-code__marshmallow-1867.traj" \
  "$data/swe-agent/pydicom__pydicom-1458.traj" -o "$work/swe.reel" 2> /dev/null
"$agentreel" info "$work/swe.reel" > "$work/swe.txt"
grep -q 'marshmallow-1867  execution time (no wall clock)  3.999 s  23 spans  11 tool calls  1 error  0 denials' \
  "$work/swe.txt" || { cat "$work/swe.txt"; exit 1; }
grep -q 'pydicom-1458  step-numbered, 12 steps  25 spans  12 tool calls  3 errors' "$work/swe.txt" ||
  { cat "$work/swe.txt"; exit 1; }
if grep -q 1970 "$work/swe.txt"; then cat "$work/swe.txt"; exit 1; fi
"$agentreel" info "$work/swe.reel" --json > "$work/swe.json"
node -e '
  const info = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const got = info.sessions.map(s => `${s.id}:${s.clock}:${s.errors}`).sort().join(" ");
  const want = "marshmallow-code__marshmallow-1867:execution_time:1 pydicom__pydicom-1458:steps:3";
  if (got !== want) { console.error("info --json clocks/errors:", got); process.exit(1); }' "$work/swe.json"

# Unknown format: a clear error naming the file and what was tried.
echo "just text" > "$work/notes.txt"
if "$agentreel" convert "$work/notes.txt" -o "$work/x.reel" 2> "$work/unknown.err"; then exit 1; fi
grep -q 'notes.txt: not in any known format' "$work/unknown.err"
[ ! -e "$work/x.reel" ]  # nothing half-written left behind
echo "cli round trip ok"
