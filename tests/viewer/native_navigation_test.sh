#!/usr/bin/env bash
# Native deep-link test under Xvfb: --session "#2" --span 55 (a span of that session) --find QUERY --playhead 40s must show that session,
# select that span, count the find query's matches and put the playhead there (read from --print-state). The
# expected match count is computed from the AgentEye log itself (tool_use/tool_result pairs longer than 1 s in the
# session), not by the viewer's code; the PNG must be non-blank. Then the conversation column's synchronization:
# the selected span's row is followed, a click on a row selects that row's span on the rail (also after --span,
# which applies once at start), and J steps
# from span 55 over bookkeeping spans only (hooks that allowed) to the next step.
# usage: native_navigation_test.sh VIEWER PNG_CHECK BUNDLE LOG WORK_DIR
set -euo pipefail
viewer=$1 check=$2 bundle=$3 log=$4 work=$5
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed"; exit 1; }
mkdir -p "$work"
xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" "$bundle" --screenshot "$work/navigation.png" \
  --size 1280x800 --frames 3 --print-state --session "#2" --span 55 --find "kind:tool dur>1s" --playhead 40s \
  > "$work/navigation.log"
sed -n 's/^agentreel-viewer: state //p' "$work/navigation.log" > "$work/navigation.json"
[ -s "$work/navigation.json" ] || { cat "$work/navigation.log"; echo "FAIL: no state printed"; exit 1; }
"$check" "$work/navigation.png" --width 1280 --height 800

python3 - "$work/navigation.json" "$log" <<'PY'
import json, sys
from datetime import datetime
state = json.load(open(sys.argv[1]))
def ns(ts): return int(datetime.fromisoformat(ts.replace("Z", "+00:00")).timestamp() * 1e6) * 1000
# Sessions in order of their first event; a tool span runs from tool_use to its tool_result (an unanswered
# tool_use runs to the session's last event).
first, last, uses, results = {}, {}, {}, {}
for line in open(sys.argv[2]):
    r = json.loads(line)
    s, t = r["session_id"], ns(r["timestamp"])
    first.setdefault(s, t); last[s] = max(last.get(s, t), t)
    if r["type"] == "tool_use": uses[(s, r["tool_call_id"])] = t
    if r["type"] == "tool_result": results[(s, r["tool_call_id"])] = t
order = sorted(first, key=lambda s: first[s])
second = order[1]
long_tools = sum(1 for (s, call), t in uses.items()
                 if s == second and results.get((s, call), last[s]) - t > 1_000_000_000)
problems = []
def expect(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok: problems.append(what)
expect(state["session"] == 1 and state["session_id"] == second, f"--session '#2' shows {second}: {state['session_id']}")
expect(state["selected_span"] == 55, f"--span 55 selects span 55: {state['selected_span']}")
expect(state["find"]["query"] == "kind:tool dur>1s", f"--find fills the box: {state['find']['query']!r}")
expect(state["find"]["matches"] == long_tools and long_tools > 0,
       f"tool calls over 1 s in the session: {state['find']['matches']}, expected {long_tools} from the log")
expect(state["playhead_ns"] == 40e9, f"--playhead 40s: {state['playhead_ns']}")
sys.exit(1 if problems else 0)
PY

# The conversation follows span 55 to its row; a click on a conversation row selects that row's span on the rail.
row=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["conversation"]["selected_row"])' "$work/navigation.json")
[ "$row" -ge 0 ] || { echo "FAIL: the conversation did not follow span 55 (row $row)"; exit 1; }
row=4
xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" "$bundle" --screenshot "$work/conversation.png" \
  --size 1280x800 --frames 3 --print-state --session "#2" --click "row:$row" > "$work/click.log"
sed -n 's/^agentreel-viewer: state //p' "$work/click.log" > "$work/click.json"
# --span applies once, at start: a click after it selects the clicked row's span (row 8 is on screen beside span
# 55's row 10), and that span, given alone as --span, is the one whose row the conversation shows as row 8.
xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" "$bundle" --screenshot "$work/span-click.png" \
  --size 1280x800 --frames 3 --print-state --session "#2" --span 55 --click "row:8" > "$work/span-click.log"
sed -n 's/^agentreel-viewer: state //p' "$work/span-click.log" > "$work/span-click.json"
clicked=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["selected_span"])' "$work/span-click.json")
xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" "$bundle" --screenshot "$work/row8.png" \
  --size 1280x800 --frames 3 --print-state --session "#2" --span "$clicked" > "$work/row8.log"
sed -n 's/^agentreel-viewer: state //p' "$work/row8.log" > "$work/row8.json"
xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" "$bundle" --screenshot "$work/step.png" \
  --size 1280x800 --frames 3 --print-state --session "#2" --span 55 --key j > "$work/step.log"
sed -n 's/^agentreel-viewer: state //p' "$work/step.log" > "$work/step.json"
python3 - "$work/click.json" "$work/step.json" "$row" "$work/row8.json" "$work/span-click.json" <<'PY'
import json, sys
click, step, row = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), int(sys.argv[3])
row8, span_click = json.load(open(sys.argv[4])), json.load(open(sys.argv[5]))
problems = []
def expect(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok: problems.append(what)
expect(click["selected_span"] >= 0 and click["session"] == 1 and click["conversation"]["selected_row"] == row,
       f"clicking conversation row {row} selects its span on the rail: span {click['selected_span']} "
       f"({click.get('selected_kind')}), row {click['conversation']['selected_row']}")
expect(span_click["selected_span"] not in (-1, 55) and span_click["conversation"]["selected_row"] == 8 and
       row8["conversation"]["selected_row"] == 8,
       f"--span 55 then a click on conversation row 8 selects row 8's span: span {span_click['selected_span']}, "
       f"row {span_click['conversation']['selected_row']}; that span alone shows row {row8['conversation']['selected_row']}")
expect(step["selected_span"] > 55 and not step["selected_bookkeeping"],
       f"J from span 55 lands on a step, not bookkeeping: span {step['selected_span']} ({step.get('selected_kind')})")
sys.exit(1 if problems else 0)
PY
# Every span J stepped over is bookkeeping (asked of the viewer span by span).
target=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["selected_span"])' "$work/step.json")
for ((k = 56; k < target; ++k)); do
  xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" "$bundle" --screenshot "$work/between.png" \
    --size 1280x800 --frames 2 --print-state --session "#2" --span "$k" > "$work/between.log"
  sed -n 's/^agentreel-viewer: state //p' "$work/between.log" | grep -q '"selected_bookkeeping":true' ||
    { echo "FAIL: J from 55 to $target stepped over span $k, which is not bookkeeping"; exit 1; }
  echo "ok   span $k, stepped over by J, is bookkeeping"
done
