#!/usr/bin/env bash
# The viewer marks a span whose records hold a secret: on the planted corpus (tests/data/secrets/planted, fake
# secrets), the span `agentreel secrets --json` names for a finding shows "N secret(s) (...)" in its details
# (read from --print-state), a span no finding names shows none, and after `agentreel redact` the same span shows
# none either (its placeholders are not secrets). The marks on the rail, the conversation and the sessions list come
# from the session's background scan (state "secrets"): its spans must be those `agentreel secrets --json` names for
# the session, its occurrences the findings there, and the redacted bundle's none.
# usage: native_secrets_test.sh VIEWER AGENTREEL DATA_DIR WORK_DIR
set -euo pipefail
viewer=$1 agentreel=$2 data=$3 work=$4
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed"; exit 1; }
rm -rf "$work" && mkdir -p "$work"
"$agentreel" convert "$data/secrets/planted/claude-code" -o "$work/planted.reel" 2>/dev/null
status=0; "$agentreel" secrets "$work/planted.reel" --json > "$work/secrets.json" || status=$?
[ "$status" = 3 ] || { echo "FAIL: secrets exit status $status, expected 3"; exit 1; }
read -r with without session < <(python3 - "$work/secrets.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
spans = sorted({f["span"] for f in doc["findings"] if "span" in f})
first = next(f for f in doc["findings"] if "span" in f)
clean = next(s for s in range(spans[0] + 1, spans[-1] + 50) if s not in spans)
print(first["span"], clean, first["session"])
PY
)
state() {  # state SPAN
  xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" "$work/planted.reel" --screenshot "$work/span-$1.png" \
    --size 1280x800 --frames 3 --print-state --session "$session" --span "$1" | sed -n 's/^agentreel-viewer: state //p'
}
state "$with" > "$work/with.json"
state "$without" > "$work/without.json"
python3 - "$work/with.json" "$work/without.json" "$with" "$without" <<'PY'
import json, sys
with_, without = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
ok = True
if with_["selected_span"] != int(sys.argv[3]) or "secret" not in with_["selected_secrets"]:
    print(f"FAIL: span {sys.argv[3]} holds a secret, details say {with_['selected_secrets']!r}"); ok = False
else:
    print(f"ok   span {sys.argv[3]}: {with_['selected_secrets']}")
if without.get("selected_span") == int(sys.argv[4]) and without["selected_secrets"] != "":
    print(f"FAIL: span {sys.argv[4]} holds none, details say {without['selected_secrets']!r}"); ok = False
else:
    print(f"ok   span {sys.argv[4]}: no secrets")
sys.exit(0 if ok else 1)
PY
python3 - "$work/with.json" "$work/secrets.json" "$session" <<'PY'
import json, sys
state, cli, session = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
mine = [f for f in cli["findings"] if f.get("session") == session]
spans = sorted({f["span"] for f in mine})
found = state["secrets"]
if state["session_id"] != session or found is None:
    print(f"FAIL: session {state['session_id']} not scanned: {found!r}"); sys.exit(1)
if found["span_count"] != len(spans) or found["spans"] != spans or found["occurrences"] != len(mine):
    print(f"FAIL: the viewer marks spans {found['spans']} ({found['occurrences']} occurrences), "
          f"agentreel secrets names {spans} ({len(mine)})"); sys.exit(1)
if not spans or sum(found["by_kind"].values()) != found["distinct"] or found["distinct"] == 0:
    print(f"FAIL: counts by kind {found['by_kind']} against {found['distinct']} distinct"); sys.exit(1)
print(f"ok   marks: spans {spans}, {found['distinct']} distinct secrets {found['by_kind']}, as agentreel secrets")
PY
"$agentreel" redact "$work/planted.reel" -o "$work/safe.reel" 2>/dev/null
xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" "$work/safe.reel" --screenshot "$work/safe.png" \
  --size 1280x800 --frames 3 --print-state --session "$session" --span "$with" | sed -n 's/^agentreel-viewer: state //p' \
  > "$work/safe.json"
python3 - "$work/safe.json" "$with" <<'PY'
import json, sys
state = json.load(open(sys.argv[1]))
if state["selected_span"] != int(sys.argv[2]) or state["selected_secrets"] != "":
    print(f"FAIL: redacted span {sys.argv[2]}: {state['selected_span']}, {state['selected_secrets']!r}"); sys.exit(1)
print(f"ok   span {sys.argv[2]} of the redacted bundle: no secrets")
if not state["redacted"] or state["secrets"] is None or state["secrets"]["span_count"] != 0:
    print(f"FAIL: redacted bundle: redacted={state['redacted']}, marks {state['secrets']!r}"); sys.exit(1)
print("ok   the redacted bundle: no marks")
PY
