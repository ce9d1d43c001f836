#!/usr/bin/env bash
# The viewer shows the policy audit (issue 17) on a real Claude Code session with risky calls appended
# (tests/data/audit/viewer/risky_session.jsonl): the shown session's background replay (state "audit") names the
# force push (block-force-push and block-push-master: the branch is master), the .env read (block-env-files), the
# rm -rf (block-rm-rf) and the fourth identical failing command (warn-repeated-tool-calls, an instruction), each
# with its reason; the find box's policy: and would: terms select exactly those calls, and an unknown policy name
# is an error in the find box, not an empty result.
# usage: native_audit_test.sh VIEWER AGENTREEL DATA_DIR WORK_DIR
set -euo pipefail
viewer=$1 agentreel=$2 data=$3 work=$4
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed"; exit 1; }
rm -rf "$work" && mkdir -p "$work"
"$agentreel" convert "$data/audit/viewer/risky_session.jsonl" -o "$work/risky.reel" 2>/dev/null
state() {  # state NAME FIND [SPAN]
  xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" "$work/risky.reel" --screenshot "$work/$1.png" \
    --size 1280x800 --frames 4 --print-state --find "$2" ${3:+--span "$3"} | sed -n 's/^agentreel-viewer: state //p'
}
state deny 'would:deny' > "$work/deny.json"
state instruct 'would:instruct' > "$work/instruct.json"
state rm 'policy:block-rm' > "$work/rm.json"
state prefix 'policy:failproofai/block-' > "$work/prefix.json"
state unknown 'policy:block-everything' > "$work/unknown.json"
python3 - "$work" <<'PY'
import json, sys, os
work = sys.argv[1]
load = lambda name: json.load(open(os.path.join(work, name + ".json")))
deny, instruct, rm, prefix, unknown = (load(n) for n in ("deny", "instruct", "rm", "prefix", "unknown"))
ok = True
def check(cond, good, bad):
    global ok
    print(("ok   " + good) if cond else ("FAIL: " + bad))
    ok = ok and cond
audit = deny["audit"]
check(audit is not None, "the session was replayed", "no audit in the state")
if audit is None: sys.exit(1)
by_policy = {}
for entry in audit["spans"]:
    for p in entry["policies"]:
        by_policy.setdefault(p["policy"], []).append((entry["span"], p["decision"], p["reason"]))
def reason_of(name):
    return by_policy.get(name, [(None, None, "")])[0]
for name, decision, words in [("block-force-push", "deny", "Force-pushing is blocked"),
                              ("block-push-master", "deny", "Pushing to main/master is blocked"),
                              ("block-env-files", "deny", ".env"),
                              ("block-rm-rf", "deny", "Catastrophic deletion blocked"),
                              ("warn-repeated-tool-calls", "instruct", "identical parameters")]:
    span, got, reason = reason_of(name)
    check(got == decision and words in reason, f"{name} would {decision} span {span}: {reason[:60]!r}",
          f"{name}: expected {decision} with {words!r}, got {got} {reason[:80]!r}")
force = reason_of("block-force-push")[0]
check(force == reason_of("block-push-master")[0], "the force push is the same call as the push to master",
      "block-force-push and block-push-master name different calls")
deny_spans = sorted(e["span"] for e in audit["spans"] if any(p["decision"] == "deny" for p in e["policies"]))
check(deny["find"]["matches"] == len(deny_spans) == audit["deny_calls"],
      f"would:deny finds the {len(deny_spans)} calls some policy would deny",
      f"would:deny finds {deny['find']['matches']}, the audit has {len(deny_spans)} ({audit['deny_calls']})")
instruct_spans = [e for e in audit["spans"] if any(p["decision"] == "instruct" for p in e["policies"])]
check(instruct["find"]["matches"] == len(instruct_spans) >= 1,
      f"would:instruct finds {len(instruct_spans)} call(s)", f"would:instruct finds {instruct['find']['matches']}")
check(rm["find"]["matches"] == 1, "policy:block-rm (a prefix) finds the rm -rf",
      f"policy:block-rm finds {rm['find']['matches']}")
block_spans = {e["span"] for e in audit["spans"] if any(p["policy"].startswith("block-") for p in e["policies"])}
check(prefix["find"]["matches"] == len(block_spans), f"policy:failproofai/block- finds the {len(block_spans)} block-* calls",
      f"policy:failproofai/block- finds {prefix['find']['matches']}, expected {len(block_spans)}")
error = unknown.get("find_error") or unknown["find"].get("error", "")
check("block-everything" in error and "block-force-push" in error,
      f"an unknown policy is an error in the find box: {error[:70]!r}", f"unknown policy: error {error!r}")
sys.exit(0 if ok else 1)
PY
