#!/usr/bin/env bash
# Native diagnosis test under Xvfb, with scripted clicks: the Diagnosis panel must list exactly the findings
# `agentreel why --json` reports for the shown session, and clicking one (a panel row after clicking the
# session's row in the sessions list; a marker in the findings lane) must select its first span and zoom the
# rail to its time range; also with the analysis on the worker thread (--worker-min-spans 0). State is read
# from `agentreel-viewer --print-state` (one JSON line).
# usage: native_diagnosis_test.sh AGENTREEL VIEWER BUNDLE WORK_DIR
set -euo pipefail
agentreel=$1 viewer=$2 bundle=$3 work=$4
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed"; exit 1; }
command -v python3 >/dev/null || { echo "FAIL: python3 is needed to read the JSON"; exit 1; }
mkdir -p "$work"
"$agentreel" why --json "$bundle" > "$work/why.json"

run() {  # run OUT_NAME viewer-args... -> the state JSON in $work/OUT_NAME.json
  local name=$1; shift
  xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" "$bundle" --screenshot "$work/$name.png" --size 1280x800 \
    --frames 3 --print-state "$@" > "$work/$name.log"
  sed -n 's/^agentreel-viewer: state //p' "$work/$name.log" > "$work/$name.json"
  [ -s "$work/$name.json" ] || { cat "$work/$name.log"; echo "FAIL: no state printed"; exit 1; }
}

# 1. Click the second session's row, then its second finding in the Diagnosis panel.
run panel --click session:1 --click finding:1
# 2. Third session by deep link, then the first marker of the findings lane.
run marker --session "#3" --click marker:0
# 3. The same with every shown session analysed on the worker thread (natively the path for big sessions).
run worker --worker-min-spans 0 --session "#3" --click marker:0

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
why = {s["id"]: s for s in json.load(open(f"{work}/why.json"))["sessions"]}
failed = False
def check(name, finding_index):
    global failed
    state = json.load(open(f"{work}/{name}.json"))
    expected = why[state["session_id"]]
    d = state["diagnosis"]
    if d is None:
        print(f"FAIL {name}: session {state['session_id']} was never analysed"); failed = True; return
    got = [(f["kind"], f["severity"], f["first_span"], f["summary"]) for f in d["findings"]]
    want = [(f["kind"], f["severity"], f["first_span"], f["summary"]) for f in expected["findings"]]
    if got != want or d["verdict"] != expected["verdict"]:
        print(f"FAIL {name}: the panel lists {got}\n  but agentreel why says {want}"); failed = True
    if len(want) <= finding_index:
        print(f"FAIL {name}: the test needs a session with {finding_index + 1} findings"); failed = True; return
    f = expected["findings"][finding_index]
    rows = state["rects"]["findings"]
    if len(rows) != len(want) or any(r[2] <= r[0] for r in rows[:1]):
        print(f"FAIL {name}: the panel drew {len(rows)} finding rows, expected {len(want)}"); failed = True
    if state["selected_span"] != f["first_span"] or state["focused_finding"] != finding_index:
        print(f"FAIL {name}: after the click span {state['selected_span']} is selected (finding "
              f"{state['focused_finding']}), expected span {f['first_span']} (finding {finding_index})"); failed = True
    v = state["view"]
    if not (v["end_ns"] - v["start_ns"] < v["session_ns"] * 0.9):
        print(f"FAIL {name}: the rail did not zoom in: shows {v}"); failed = True
    print(f"{name}: {len(got)} findings match agentreel why; clicked finding {finding_index} ({f['kind']}) -> "
          f"span {state['selected_span']} selected, rail shows {v['start_ns']/1e9:.3f}-{v['end_ns']/1e9:.3f} s "
          f"of {v['session_ns']/1e9:.1f} s")
check("panel", 1)
check("marker", 0)
check("worker", 0)
sys.exit(1 if failed else 0)
PY
