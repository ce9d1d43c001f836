#!/usr/bin/env bash
# Native rail test under Xvfb, with scripted clicks and keys (agentreel-viewer --click/--key/--type, state from
# --print-state): collapse a subtree with its disclosure triangle and with C, expand it again, a finding inside
# a collapsed subtree expands it when clicked; the overview strip moves the rail; '/' then typing fills the find
# box even after a click in a panel took the focus, and Esc leaves the box keeping the query.
# usage: native_rail_test.sh VIEWER BUNDLE WORK_DIR   (BUNDLE: the demo bundle, sessions as in make_bundles.sh)
set -euo pipefail
viewer=$1 bundle=$2 work=$3
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed"; exit 1; }
command -v python3 >/dev/null || { echo "FAIL: python3 is needed to read the JSON"; exit 1; }
mkdir -p "$work"
run() {  # run NAME viewer-args... -> $work/NAME.json
  local name=$1; shift
  xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" "$bundle" --screenshot "$work/$name.png" --size 1280x800 \
    --frames 3 --print-state "$@" > "$work/$name.log"
  sed -n 's/^agentreel-viewer: state //p' "$work/$name.log" > "$work/$name.json"
  [ -s "$work/$name.json" ] || { cat "$work/$name.log"; echo "FAIL: $name: no state printed"; exit 1; }
}
run base
run triangle --click disclosure:0
run key --span 0 --key C
run expand --span 0 --click disclosure:0 --key C
run reveal --session "#3" --click disclosure:110 --click finding:0
run overview --session "#2" --click finding:1 --click overview@0.9
run find --click finding:0 --key Slash --type "kind:tool"
run find_escape --key Slash --type "kind:tool" --key Escape --key n

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
s = {n: json.load(open(f"{work}/{n}.json")) for n in
     ["base", "triangle", "key", "expand", "reveal", "overview", "find", "find_escape"]}
problems = []
def expect(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok: problems.append(what)
lanes = s["base"]["rail"]["lanes"]
r = s["triangle"]["rail"]
expect(r["collapsed"] == [0] and r["hidden_spans"] > 0 and r["lanes"] < lanes,
       f"triangle on span 0 collapses its subtree: {r} (expanded: {lanes} lanes)")
r = s["key"]["rail"]
expect(r["collapsed"] == [0] and r["lanes"] < lanes, f"C on selected span 0 collapses it: {r}")
r = s["expand"]["rail"]
expect(r["collapsed"] == [] and r["hidden_spans"] == 0 and r["lanes"] == lanes,
       f"triangle then C: expanded again: {r}")
st = s["reveal"]
f0 = st["diagnosis"]["findings"][0] if st["diagnosis"] else None
expect(f0 is not None and st["selected_span"] == f0["first_span"] and 110 not in st["rail"]["collapsed"],
       f"clicking a finding inside collapsed span 110 expands it and selects span {st['selected_span']} "
       f"(finding starts at {f0 and f0['first_span']}; collapsed {st['rail']['collapsed']})")
v = s["overview"]["view"]
centre = (v["start_ns"] + v["end_ns"]) / 2 / v["session_ns"]
expect(abs(centre - 0.9) < 0.02 and v["end_ns"] - v["start_ns"] < 0.5 * v["session_ns"],
       f"overview click at 90% centres the zoomed rail at {centre:.3f}")
f = s["find"]["find"]
expect(f["query"] == "kind:tool" and f["matches"] > 0 and f["focused"],
       f"'/' and typing after a click in the Diagnosis panel: {f}")
st = s["find_escape"]
expect(st["find"]["query"] == "kind:tool" and not st["find"]["focused"] and st["selected_span"] >= 0,
       f"Esc leaves the find box keeping the query, then n selects a match: {st['find']}, span {st['selected_span']}")
sys.exit(1 if problems else 0)
PY
