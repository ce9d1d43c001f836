#!/usr/bin/env bash
# Issue 19 end to end, on the planted corpus (tests/data/secrets/, fake secrets in every format): convert warns,
# `secrets` lists every planted secret where plant.py put it (bundle or logs), `redact` writes a bundle that
# verifies, scans clean and exports exactly the redacted bytes secrets_check.py computes from expected.tsv,
# with JSON still valid and the original untouched; convert --redact and html --redact agree; caller patterns
# (--redact-pattern, --allow) and their errors.
set -euo pipefail
agentreel=$1 data=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
check() { python3 "$here/secrets_check.py" "$@"; }
expected=$data/secrets/expected.tsv
rm -rf "$work" && mkdir -p "$work"
cp -r "$data/secrets/planted" "$work/run"  # a directory input: stored paths are run/<file>

# convert: one warning line with the count and kinds.
"$agentreel" convert "$work/run" -o "$work/run.reel" 2> "$work/convert.err"
sentence=$(check summary "$expected")
grep -qF "agentreel: warning: $sentence; \`agentreel secrets $work/run.reel\` lists them, \`--redact\` removes them" \
  "$work/convert.err" || { echo "expected warning: $sentence"; cat "$work/convert.err"; exit 1; }
cp "$work/run.reel" "$work/original.reel"

# secrets: every planted secret at its byte range, masked; exit status 3 when any is found.
status=0; "$agentreel" secrets "$work/run.reel" --json > "$work/secrets.json" || status=$?
[ "$status" = 3 ] || { echo "secrets exit status $status, expected 3"; exit 1; }
check findings "$expected" run/ "$work/secrets.json"
status=0; "$agentreel" secrets "$work/run.reel" > "$work/secrets.txt" || status=$?
[ "$status" = 3 ] && grep -qF "$work/run.reel: $sentence in" "$work/secrets.txt" || { cat "$work/secrets.txt"; exit 1; }
# Nothing secret is printed: no planted value appears in either output.
python3 - "$expected" "$work/secrets.json" "$work/secrets.txt" <<'EOF'
import base64, sys
outputs = open(sys.argv[2], "rb").read() + open(sys.argv[3], "rb").read()
for line in open(sys.argv[1]):
    if line.startswith("#"): continue
    value = base64.b64decode(line.rstrip("\n").split("\t")[9])
    if len(value) >= 8 and value in outputs: sys.exit("a secret value was printed")
EOF
# Logs given directly are converted in memory and located the same way.
status=0; "$agentreel" secrets "$work/run" --json > "$work/secrets-logs.json" || status=$?
[ "$status" = 3 ] && check findings "$expected" run/ "$work/secrets-logs.json"

# redact: a valid bundle that scans clean, exports the expected redacted bytes, keeps JSON valid.
"$agentreel" redact "$work/run.reel" -o "$work/redacted.reel" 2> "$work/redact.err"
grep -q "agentreel: redacted .* in 96 place(s) -> $work/redacted.reel" "$work/redact.err" || { cat "$work/redact.err"; exit 1; }
cmp "$work/run.reel" "$work/original.reel"  # the original is never modified
"$agentreel" verify "$work/redacted.reel" > "$work/verify.out"
grep -q ": ok$" "$work/verify.out"
"$agentreel" secrets "$work/redacted.reel" --json > "$work/after.json"  # exit status 0: nothing found
python3 - "$work/after.json" "$work/secrets.json" <<'EOF'
import json, sys
after, before = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert after["secrets"] == 0 and after["findings"] == [], after["findings"][:3]
r = after["redaction"]
assert r["secrets"] == before["secrets"] and r["occurrences"] == before["occurrences"] == len(r["replaced"]), r
assert all(x["length"] > 0 and x["original_length"] > 0 for x in r["replaced"])
EOF
check redacted "$data/secrets/planted" "$expected" "$work/expected"
"$agentreel" export "$work/redacted.reel" -o "$work/exported" 2> /dev/null
diff -r "$work/expected" "$work/exported/run"
check json-intact "$data/secrets/planted" "$work/exported/run"

# convert --redact gives the same redacted inputs and manifest.
"$agentreel" convert "$work/run" -o "$work/convert-redacted.reel" --redact 2> "$work/convert-redact.err"
grep -q "agentreel: redacted .* in 96 place(s); the bundle's RDCT section lists where" "$work/convert-redact.err"
"$agentreel" export "$work/convert-redacted.reel" -o "$work/exported2" 2> /dev/null
diff -r "$work/expected" "$work/exported2/run"
"$agentreel" secrets "$work/convert-redacted.reel" --json > "$work/after2.json"
cmp <(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["redaction"])' "$work/after.json") \
    <(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["redaction"])' "$work/after2.json")

# html: a warning without --redact; with it, the embedded bundle is the redacted copy.
printf '<html><body><script type="application/octet-stream" id="agentreel-bundle"></script></body></html>\n' > "$work/viewer.html"
"$agentreel" html "$work/run.reel" -o "$work/plain.html" --viewer "$work/viewer.html" 2> "$work/html.err"
grep -qF "agentreel: warning: $sentence" "$work/html.err"
"$agentreel" html "$work/run.reel" -o "$work/redacted.html" --viewer "$work/viewer.html" --redact 2> "$work/html2.err"
grep -q "redacted copy: .* replaced in 96 place(s)" "$work/html2.err" || { cat "$work/html2.err"; exit 1; }
python3 - "$work/redacted.html" "$work/embedded.reel" <<'EOF'
import base64, re, sys
page = open(sys.argv[1]).read()
open(sys.argv[2], "wb").write(base64.b64decode(re.search(r'id="agentreel-bundle">([^<]*)<', page).group(1)))
EOF
"$agentreel" verify "$work/embedded.reel" > /dev/null
"$agentreel" export "$work/embedded.reel" -o "$work/exported3" 2> /dev/null
diff -r "$work/expected" "$work/exported3/run"

# Caller patterns: a team's own secret, and an allowed test key.
mkdir -p "$work/custom"
printf '{"note":"ticket for myco_5f3e9a1c7b2d4e60 and sk_test_4eC39HqLyjWDarjtT1zdp7dc"}\n' > "$work/custom/notes.jsonl"
"$agentreel" secrets "$work/custom" --json > "$work/custom0.json" || true
status=0; "$agentreel" secrets "$work/custom" --json --redact-pattern 'myco_[0-9a-f]{16}' --allow '^sk_test_' \
  > "$work/custom1.json" || status=$?
python3 - "$work/custom0.json" "$work/custom1.json" <<'EOF'
import json, sys
plain, custom = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert [f["rule"] for f in plain["findings"]] == ["stripe-test-secret-key"], plain
assert [(f["rule"], f["label"]) for f in custom["findings"]] == [("custom-pattern", "custom")], custom
EOF
"$agentreel" redact "$work/run.reel" -o "$work/custom.reel" --redact-pattern 'deploy settings' 2> /dev/null
"$agentreel" export "$work/custom.reel" -o "$work/exported4" 2> /dev/null
grep -q '# \[REDACTED custom #' "$work/exported4/run/claude-code/short.jsonl"

# Usage errors: a pattern that does not compile, redacting onto the original.
status=0; "$agentreel" secrets "$work/run.reel" --redact-pattern 'a(b' 2> "$work/bad.err" || status=$?
[ "$status" = 2 ] && grep -q 'pattern "a(b" does not compile at offset 3' "$work/bad.err" || { cat "$work/bad.err"; exit 1; }
status=0; "$agentreel" redact "$work/run.reel" -o "$work/run.reel" 2> "$work/same.err" || status=$?
[ "$status" = 2 ] && grep -q "the original bundle is never modified" "$work/same.err"
cmp "$work/run.reel" "$work/original.reel"
echo "cli secrets ok"
