#!/usr/bin/env bash
# `agentreel audit` end to end. On tests/data/audit/vectors.jsonl (the spec's test vectors as a Claude Code
# transcript) the findings are exactly the (span, policy) pairs of expected.tsv, with all policies and with the
# defaults, and the recorded denials are reproduced or reported missed; on the real Claude Code, Codex and
# AgentEye samples every tool call is replayed (counts from audit_check.py's own reading of the JSONL) and a
# Codex shell call reaches the policies as Bash; --config reads failproofai's files; errors exit 1 with a message.
set -euo pipefail
agentreel=$1 data=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
check() { python3 "$here/audit_check.py" "$@"; }
rm -rf "$work" && mkdir -p "$work"
vectors=$data/audit/vectors.jsonl
"$agentreel" convert "$vectors" -o "$work/vectors.reel" 2>/dev/null
"$agentreel" find "$work/vectors.reel" kind:tool --json --limit 1000 >"$work/find.json"

audit() {  # audit WANT_RC OUT ARGS...: runs audit --json, checks its exit status
  local want=$1 out=$2 rc=0; shift 2
  "$agentreel" audit "$@" --json >"$out" || rc=$?
  [ "$rc" = "$want" ] || { echo "audit $*: exit $rc, expected $want"; exit 1; }
}
audit 4 "$work/all.json" "$work/vectors.reel" --policies all
n=$(check vectors "$data/audit/expected.tsv" "$work/find.json" "$work/all.json" all); echo "ok: all policies: $n findings"
audit 4 "$work/whatif.json" "$work/vectors.reel" --policies all --what-if
n=$(check vectors "$data/audit/expected.tsv" "$work/find.json" "$work/whatif.json" all); echo "ok: what-if: $n findings"
audit 4 "$work/default.json" "$work/vectors.reel"
n=$(check vectors "$data/audit/expected.tsv" "$work/find.json" "$work/default.json" default); echo "ok: defaults: $n findings"
audit 4 "$work/logs.json" "$vectors"  # the transcript itself, converted in memory
cmp -s <(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sessions"][0]["findings"])' "$work/logs.json") \
  <(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sessions"][0]["findings"])' "$work/default.json") ||
  { echo "audit of the logs and of their bundle differ"; exit 1; }
n=$(check recorded "$vectors" "$work/find.json" "$work/default.json"); echo "ok: recorded denials: $n as expected"
text=$("$agentreel" audit "$work/vectors.reel" || true)
grep -q "span 5 (#5 in session) deny \$ sudo apt-get install -y jq: sudo commands are blocked" <<<"$text" ||
  { echo "text output lacks the sudo finding:"; echo "$text"; exit 1; }

# failproofai's configuration: only block-rm-rf enabled, with a hint appended to its reason.
printf '{"enabledPolicies":["block-rm-rf"],"policyParams":{"block-rm-rf":{"hint":"Ask first"}}}\n' >"$work/config.json"
audit 4 "$work/config.out" "$work/vectors.reel" --config "$work/config.json"
python3 - "$work/config.out" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))["sessions"][0]["findings"]
assert [(x["policy"], x["reason"]) for x in f] == [("failproofai/block-rm-rf", "Catastrophic deletion blocked. Ask first")], f
PY
echo "ok: --config"

# --suggest-config: a comment-free policies-config.json that, read back by audit --config, enables failproofai's
# defaults plus every policy that fired on the vectors, and nothing else.
"$agentreel" audit "$work/vectors.reel" --suggest-config >"$work/suggested.json" 2>/dev/null
audit 4 "$work/suggested.out" "$work/vectors.reel" --config "$work/suggested.json"
python3 - "$work/suggested.json" "$work/suggested.out" "$work/whatif.json" <<'PY'
import json, sys
config, out, whatif = (json.load(open(p)) for p in sys.argv[1:4])
fired = {f["policy"] for s in whatif["sessions"] for f in s["findings"]}
defaults = {"failproofai/" + n for n in ["sanitize-jwt", "sanitize-api-keys", "sanitize-connection-strings",
            "sanitize-private-key-content", "sanitize-bearer-tokens", "protect-env-vars", "block-env-files",
            "block-sudo", "block-curl-pipe-sh", "block-failproofai-commands", "block-push-master"]}
assert set(out["policies"]) == fired | defaults, (sorted(out["policies"]), sorted(fired | defaults))
assert {"failproofai/" + n for n in config["enabledPolicies"]} == fired | defaults
PY
echo "ok: --suggest-config"

# why names the fix: the hook-denied sudo is block-sudo's, and the session's policy_fixes are the calls audit
# --policies all --what-if reports before they run (PreToolUse: why replays the actions, not the outputs), each once.
"$agentreel" why "$work/vectors.reel" --json >"$work/why.json"
python3 - "$work/why.json" "$work/whatif.json" <<'PY'
import json, sys
why, whatif = (json.load(open(p)) for p in sys.argv[1:3])
s = why["sessions"][0]
sudo = [f for f in s["findings"] if f["kind"] == "blocked" and "sudo" in f["summary"]][0]
assert [(x["policy"], x["decision"], x["count"]) for x in sudo["fixes"]] == [("failproofai/block-sudo", "deny", 1)], sudo
assert sudo["fixes"][0]["spans"] == [5], sudo
before = [f for f in whatif["sessions"][0]["findings"] if f["event"] == "PreToolUse"]
calls = {f["span"] for f in before}
fixes = s["policy_fixes"]
assert fixes["calls"] == len(calls) and fixes["denied"] + fixes["instructed"] == len(calls), (fixes, calls)
assert {p["policy"] for p in fixes["policies"]} == {f["policy"] for f in before}
assert fixes["summary"].startswith("enabling ") and fixes["summary"].endswith(" in this run"), fixes
PY
"$agentreel" why "$work/vectors.reel" | grep -q "fix: block-sudo would deny 1 call (span 5 of this session)" ||
  { echo "why's text lacks the block-sudo fix"; exit 1; }
echo "ok: why names the fixes"

# On real runs: an OpenHands agent repeating a call gets warn-repeated-tool-calls on exactly the loop's calls the
# audit replay instructs on; a Codex session's refused force push is block-force-push's.
oh=$data/openhands/v1-sdk/output.jsonl
"$agentreel" why "$oh" --json >"$work/why-oh.json"
rc=0; "$agentreel" audit "$oh" --policies all --what-if --json >"$work/audit-oh.json" || rc=$?
python3 - "$work/why-oh.json" "$work/audit-oh.json" <<'PY'
import json, sys
why, audit = (json.load(open(p)) for p in sys.argv[1:3])
s = [x for x in why["sessions"] if x["id"] == "safety-business-intelligence"][0]
loop = [f for f in s["findings"] if f["kind"] == "loop"][0]
fix = loop["fixes"][0]
assert fix["policy"] == "failproofai/warn-repeated-tool-calls" and fix["decision"] == "instruct", loop
a = [x for x in audit["sessions"] if x["session"] == "safety-business-intelligence"][0]
fired = sorted({f["span"] for f in a["findings"] if f["policy"] == "failproofai/warn-repeated-tool-calls"})
assert fix["spans"] == [x for x in fired if x in loop["spans"]] and fix["count"] == len(fix["spans"]) > 0, (fix, fired)
PY
"$agentreel" why "$data/codex/sessions" --json >"$work/why-codex.json"
python3 - "$work/why-codex.json" <<'PY'
import json, sys
s = [x for x in json.load(open(sys.argv[1]))["sessions"] if x["id"].startswith("0198a7c2")][0]
blocked = [f for f in s["findings"] if f["kind"] == "blocked"][0]
assert [(x["policy"], x["decision"]) for x in blocked["fixes"]] == [("failproofai/block-force-push", "deny")], blocked
assert s["policy_fixes"]["summary"] == "enabling block-force-push would have stopped 1 call in this run", s
PY
echo "ok: why's fixes on real OpenHands and Codex runs"

# Real sessions: every tool call is replayed.
calls_of() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["totals"][sys.argv[2]])' "$@"; }
cc=$data/claude-code
rc=0; "$agentreel" audit "$cc" --policies all --what-if --json >"$work/cc.json" || rc=$?
[ "$rc" = 0 ] || [ "$rc" = 4 ] || { echo "audit of claude-code: exit $rc"; exit 1; }
want=$(check calls claude $(find "$cc" -name '*.jsonl' | sort)); got=$(calls_of "$work/cc.json" calls)
[ "$got" = "$want" ] || { echo "claude-code: $got calls replayed, $want in the logs"; exit 1; }
echo "ok: claude-code: $got calls"
rc=0; "$agentreel" audit "$data/agenteye/interleaved.jsonl" --json >"$work/ae.json" 2>/dev/null || rc=$?
[ "$rc" = 0 ] || [ "$rc" = 4 ] || { echo "audit of agenteye: exit $rc"; exit 1; }
want=$(check calls agenteye "$data/agenteye/interleaved.jsonl"); got=$(calls_of "$work/ae.json" calls)
[ "$got" = "$want" ] || { echo "agenteye: $got calls replayed, $want in the log"; exit 1; }
echo "ok: agenteye: $got calls"
codex=$data/codex/rollout-codex-vscode-0.39.jsonl
rc=0; "$agentreel" audit "$codex" --policies all --json >"$work/codex.json" || rc=$?
[ "$rc" = 0 ] || [ "$rc" = 4 ] || { echo "audit of codex: exit $rc"; exit 1; }
want=$(check calls codex "$codex"); got=$(calls_of "$work/codex.json" calls)
[ "$got" = "$want" ] || { echo "codex: $got calls replayed, $want in the log"; exit 1; }
want=$(check shell-calls codex "$codex"); got=$(calls_of "$work/codex.json" mapped_calls)
[ "$got" = "$want" ] || { echo "codex: $got calls mapped to Bash, $want shell calls in the log"; exit 1; }
echo "ok: codex: $got shell calls replayed as Bash"
# A Codex shell command that reads an environment variable reaches protect-env-vars as a Bash command.
python3 - "$work/codex.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))["sessions"][0]["findings"]
assert any(x["policy"] == "failproofai/protect-env-vars" and x["tool"] == "shell" for x in f), f
PY

# Errors: exit 1 with a message that says what is wrong.
err() {  # err PATTERN ARGS...
  local pattern=$1 rc=0; shift
  "$agentreel" audit "$@" >/dev/null 2>"$work/err.txt" || rc=$?
  [ "$rc" = 1 ] && grep -q -- "$pattern" "$work/err.txt" ||
    { echo "audit $*: exit $rc, stderr: $(cat "$work/err.txt")"; exit 1; }
}
err 'no built-in policy named "block-everything"' "$work/vectors.reel" --policies block-sudo,block-everything
err "$work/none.json: cannot open the configuration file" "$work/vectors.reel" --config "$work/none.json"
err 'no session' "$work/vectors.reel" --session nosuchsession
echo "ok: errors"
