#!/usr/bin/env bash
# Hostile input through the CLI: `agentreel verify` names the damaged raw block of a multi-block bundle, and
# `agentreel html` embeds a bundle whose payload tries to inject script only as base64 (the page's only
# bundle-derived text), while the web glue never hands payload text to an HTML parser.
set -euo pipefail
agentreel=$1 data=$2 web=$3 work=$4
rm -rf "$work" && mkdir -p "$work"

# --- verify names the bad block: a 9 MiB log is several raw blocks (whatever block size the CLI picks, up to
# 4 MiB); damage block 1's stored bytes.
node -e 'const fs = require("fs"); fs.writeFileSync(process.argv[2], fs.readFileSync(process.argv[1]).toString("latin1").repeat(2400), "latin1")' \
  "$data/agenteye/interleaved.jsonl" "$work/big.jsonl"
"$agentreel" convert "$work/big.jsonl" -o "$work/big.reel" 2> /dev/null
node -e '
  const fs = require("fs"); const b = fs.readFileSync(process.argv[1]);
  // Section headers start with the tag; RAW blocks come first from byte 16, each 40-byte header + stored bytes.
  let at = 16, blocks = [];
  while (b.toString("latin1", at, at + 4) === "RAW ") { blocks.push(at); at += 40 + Number(b.readBigUInt64LE(at + 8)); }
  if (blocks.length < 2) { console.error("expected 2+ raw blocks, got", blocks.length); process.exit(1); }
  const stored = Number(b.readBigUInt64LE(blocks[1] + 8));
  const raw0 = Number(b.readBigUInt64LE(blocks[0] + 16)), raw1 = Number(b.readBigUInt64LE(blocks[1] + 16));
  b[blocks[1] + 40 + Math.floor(stored / 2)] ^= 0x40;
  fs.writeFileSync(process.argv[2], b);
  fs.writeFileSync(process.argv[3], `raw block 1 (stream bytes ${raw0}..${raw0 + raw1}): checksum_mismatch: ` +
                                    `section RAW at byte ${blocks[1]} fails its checksum`);' \
  "$work/big.reel" "$work/bad-block.reel" "$work/expected.txt"
if "$agentreel" verify "$work/bad-block.reel" > "$work/verify.out" 2>&1; then
  echo "verify accepted a bundle with a damaged raw block"; exit 1
fi
grep -qF "$(cat "$work/expected.txt")" "$work/verify.out" || {
  echo "verify did not name raw block 1 as: $(cat "$work/expected.txt")"; cat "$work/verify.out"; exit 1; }
grep -q "CORRUPT" "$work/verify.out"

# --- html: payload text that tries to close the element and run script.
payload='</script><script>alert(1)</script><img src=x onerror=alert(2)>'
printf '%s\n' \
  '{"timestamp":"2026-03-04T10:00:00Z","session_id":"s","agent_id":"a","type":"agent_start","environment":"dev","goal":"'"$payload"'","parent_id":null}' \
  '{"timestamp":"2026-03-04T10:00:01Z","session_id":"s","agent_id":"a","type":"tool_use","environment":"dev","tool_name":"'"$payload"'","tool_call_id":"t","input":{"command":"'"$payload"'"}}' \
  "$payload" > "$work/inject.jsonl"
"$agentreel" convert "$work/inject.jsonl" -o "$work/inject.reel" 2> /dev/null
printf '%s\n' '<!doctype html><html><body><script type="application/octet-stream" id="agentreel-bundle"></script>' \
  '<script>/* viewer */</script></body></html>' > "$work/template.html"
"$agentreel" html "$work/inject.reel" --viewer "$work/template.html" -o "$work/inject.html" 2> /dev/null
node -e '
  const html = require("fs").readFileSync(process.argv[1], "latin1");
  const open = "<script type=\"application/octet-stream\" id=\"agentreel-bundle\">";
  const start = html.indexOf(open) + open.length, end = html.indexOf("</script>", start);
  const body = html.slice(start, end);
  if (!/^[A-Za-z0-9+\/]*={0,2}$/.test(body) || body.length < 100) { console.error("bundle element is not pure base64"); process.exit(1); }
  if (html.includes("alert(") || html.split("<script").length !== 3) { console.error("payload text leaked into the page"); process.exit(1); }
  const bundle = Buffer.from(body, "base64");
  if (bundle.toString("latin1", 1, 5) !== "REEL") { console.error("embedded bytes are not a bundle"); process.exit(1); }' "$work/inject.html"

# The web glue and shell never parse payload text as HTML.
if grep -nE 'innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function' "$web"/js/*.js "$web"/shell.html; then
  echo "web glue uses an HTML/JS sink that could render payload text as markup"; exit 1
fi
echo "cli_hostile: ok"
