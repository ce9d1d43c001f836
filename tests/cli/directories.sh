#!/usr/bin/env bash
# Directories and what a user relies on (issue 15): each harness's logs laid out as the harness lays them out on
# disk (real samples from tests/data copied into a fake home at test time, beside the settings, credentials and
# other state the harness keeps there) convert in one command with the sessions and spans of the samples; nothing
# readable at all (a file, a directory, a forced --format) fails naming every format tried, for convert and for
# the commands that read logs in memory; `why` says "nothing parsed" for a run whose records were all skipped.
set -euo pipefail
agentreel=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$work"

fail() { echo "FAIL: $*"; exit 1; }
# counts BUNDLE: "SESSIONS SPANS UNPARSED" from info --json.
counts() {
  "$agentreel" info "$1" --json | python3 -c 'import json,sys
d=json.load(sys.stdin)
print(len(d["sessions"]), d["spans"], sum(i["format"]=="unparsed" for i in d["inputs"]))'
}
# expect_convert DIR "SESSIONS SPANS UNPARSED": the directory converts (exit 0) to those counts, and the same
# files named one by one give the same sessions and spans (the walk finds every log of the layout).
expect_convert() {
  local dir=$1 want=$2 got
  "$agentreel" convert "$dir" -o "$work/dir.reel" 2> "$work/convert.err" || { cat "$work/convert.err"; fail "convert $dir"; }
  got=$(counts "$work/dir.reel")
  [ "$got" = "$want" ] || { cat "$work/convert.err"; fail "$dir: sessions spans unparsed $got, expected $want"; }
  echo "ok: $dir -> $got"
}

# --- Layouts -------------------------------------------------------------------------------------------------
home=$work/home
# Claude Code: ~/.claude/projects/<project>/<session>.jsonl, <session>/subagents/agent-*.jsonl; settings beside.
cc=$data/claude-code/258c7280-ae70-4798-800f-63464d01a85d
mkdir -p "$home/.claude/projects/-work-storefront" "$home/.claude/projects/-work-other"
cp "$cc.jsonl" "$home/.claude/projects/-work-storefront/" && cp -r "$cc" "$home/.claude/projects/-work-storefront/"
cp "$data/claude-code/short.jsonl" "$home/.claude/projects/-work-other/"
echo '{"permissions":{"allow":[]}}' > "$home/.claude/settings.json"
echo '{"claudeAiOauth":{"accessToken":"sk-ant-oat01-placeholder"}}' > "$home/.claude/.credentials.json"
printf '\0\0\0\1Bud1' > "$home/.claude/projects/.DS_Store"
"$agentreel" convert "$cc.jsonl" "$cc" "$data/claude-code/short.jsonl" -o "$work/named.reel" 2>/dev/null
want=$(counts "$work/named.reel")
expect_convert "$home/.claude/projects" "$want"
expect_convert "$home/.claude" "$want"
grep -q "left out 1 settings or credential file(s), not logs: .claude/settings.json" "$work/convert.err" ||
  fail "settings.json not noted once: $(cat "$work/convert.err")"
! grep -q "credentials\|DS_Store\|in no known format" "$work/convert.err" || fail "hidden files were not skipped quietly"
! "$agentreel" info "$work/dir.reel" --json | grep -q 'credentials' || fail ".credentials.json went into the bundle"

# Codex: $CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl, beside auth.json, config.toml and its logs.
mkdir -p "$home/.codex/log"
cp -r "$data/codex/sessions" "$home/.codex/"
mkdir -p "$home/.codex/sessions/2025/08/20" && cp "$data/codex/legacy/"*.jsonl "$home/.codex/sessions/2025/08/20/"
echo '{"OPENAI_API_KEY":"sk-placeholder"}' > "$home/.codex/auth.json"
echo 'model = "o3"' > "$home/.codex/config.toml"
echo '2026-08-07T20:44:09Z INFO codex_tui: started' > "$home/.codex/log/codex-tui.log"
"$agentreel" convert "$data/codex/sessions" "$data/codex/legacy" -o "$work/named.reel" 2>/dev/null
want=$(counts "$work/named.reel")
expect_convert "$home/.codex/sessions" "$want"
expect_convert "$home/.codex" "${want% *} 1"  # the TUI log is kept unparsed, noted once
grep -q "left out 2 settings or credential file(s), not logs: .codex/auth.json, .codex/config.toml" \
  "$work/convert.err" || fail "codex state not noted: $(cat "$work/convert.err")"
grep -q "1 file in no known format, kept byte for byte, not parsed: .codex/log/codex-tui.log" "$work/convert.err" ||
  fail "codex log not noted once: $(cat "$work/convert.err")"

# Gemini CLI: ~/.gemini/tmp/<project hash>/chats/session-*.json(l), a subagent's chats/<session>/<agent>.jsonl;
# the project's logs.json (its prompt log: {sessionId, messageId, type, message: "text"}) is no transcript.
g=$home/.gemini/tmp/9f86d081884c7d659a2feaa0c55ad015/chats
mkdir -p "$g" && cp -r "$data/gemini/chats/"* "$g/" && cp "$data/gemini/session.json" "$g/session-2026-08-01T09-00-5e6f7a8b.json"
echo '[{"sessionId":"1a2b3c4d","messageId":0,"type":"user","message":"fix the test","timestamp":"2026-08-09T10:00:01.000Z"}]' \
  > "$home/.gemini/tmp/9f86d081884c7d659a2feaa0c55ad015/logs.json"
echo '{"selectedAuthType":"oauth-personal"}' > "$home/.gemini/settings.json"
echo '{"access_token":"ya29.placeholder"}' > "$home/.gemini/oauth_creds.json"
"$agentreel" convert "$data/gemini/chats" "$data/gemini/session.json" -o "$work/named.reel" 2>/dev/null
want=$(counts "$work/named.reel")
expect_convert "$home/.gemini/tmp" "${want% *} 1"
expect_convert "$home/.gemini" "${want% *} 1"
grep -q "oauth_creds.json, .gemini/settings.json" "$work/convert.err" || fail "gemini state: $(cat "$work/convert.err")"

# Copilot CLI: ~/.copilot/session-state/<id>/events.jsonl (with the session's workspace.yaml), the earlier
# session-state/<id>.jsonl, and history-session-state/*.json.
mkdir -p "$home/.copilot"
cp -r "$data/copilot/session-state" "$data/copilot/history-session-state" "$home/.copilot/"
printf 'id: 96ef38f0\ncwd: /work/app\n' > "$home/.copilot/session-state/96ef38f0-9d09-45c3-8124-6448c36090ed/workspace.yaml"
echo '{"model":"claude-sonnet-4.5"}' > "$home/.copilot/config.json"
"$agentreel" convert "$data/copilot" -o "$work/named.reel" 2>/dev/null
want=$(counts "$work/named.reel")
expect_convert "$home/.copilot" "${want% *} 1"
expect_convert "$home/.copilot/session-state" "$("$agentreel" convert "$data/copilot/session-state" -o "$work/n2.reel" \
  2>/dev/null && counts "$work/n2.reel" | awk '{print $1, $2}') 1"

# SWE-agent: trajectories/<user>/<run>/<instance>/<instance>.traj beside .pred, .patch, logs and config.
run=$home/trajectories/dev/default__gpt-4o__t-0.00__p-1.00__c-3.00___swe_bench_lite_test
for i in marshmallow-code__marshmallow-1867 pydicom__pydicom-1458; do
  mkdir -p "$run/$i" && cp "$data/swe-agent/$i.traj" "$run/$i/"
  echo "{\"model_name_or_path\":\"gpt-4o\",\"instance_id\":\"$i\",\"model_patch\":\"\"}" > "$run/$i/$i.pred"
  echo "INFO started $i" > "$run/$i/$i.info.log"
done
echo 'agent: {model: {name: gpt-4o}}' > "$run/run_batch.config.yaml"
echo '{}' > "$run/preds.json"
"$agentreel" convert "$data/swe-agent/marshmallow-code__marshmallow-1867.traj" \
  "$data/swe-agent/pydicom__pydicom-1458.traj" -o "$work/named.reel" 2>/dev/null
want=$(counts "$work/named.reel")
expect_convert "$home/trajectories" "${want% *} 6"
grep -q "6 files in no known format, kept byte for byte, not parsed: .* and 1 more (agentreel info lists them)" \
  "$work/convert.err" || fail "swe-agent state not noted once: $(cat "$work/convert.err")"
[ "$(grep -c 'no known format' "$work/convert.err")" = 1 ] || fail "more than one note: $(cat "$work/convert.err")"

# mini-swe-agent: a batch run's <output>/<instance>/<instance>.traj.json beside preds.json and its log.
mini=$home/mini-runs/batch
mkdir -p "$mini/github_issue" && cp "$data/mini-swe-agent/github_issue.traj.json" "$mini/github_issue/"
echo '{"github_issue":{"model_patch":""}}' > "$mini/preds.json"
echo 'INFO done' > "$mini/minisweagent.log"
"$agentreel" convert "$data/mini-swe-agent/github_issue.traj.json" -o "$work/named.reel" 2>/dev/null
want=$(counts "$work/named.reel")
expect_convert "$home/mini-runs" "${want% *} 2"

# --- Nothing readable ----------------------------------------------------------------------------------------
mkdir -p unknown && echo "hello" > unknown/notes.txt && echo '{"foo":1}' > unknown/data.jsonl
for command in "convert unknown -o $work/none.reel" "info unknown" "why unknown" "find unknown foo" "audit unknown"; do
  # shellcheck disable=SC2086
  if "$agentreel" $command > out.txt 2> err.txt; then fail "$command exited 0 on a directory of unknown files"; fi
  grep -q "nothing could be read from 2 inputs" err.txt || fail "$command: $(cat err.txt)"
  grep -q "^  unknown/notes.txt: not in any known format (line 1, byte 0); tried:" err.txt || fail "$command: $(cat err.txt)"
  grep -q "^    codex: the first record has neither type \"session_meta\"" err.txt || fail "$command: $(cat err.txt)"
  echo "ok: $command fails naming the formats tried"
done
[ ! -e "$work/none.reel" ] || fail "a bundle was written though nothing was read"
# One file: the same list, without the header.
if "$agentreel" convert unknown/data.jsonl -o none.reel 2> err.txt; then fail "an unknown file converted"; fi
grep -q "^agentreel: error: data.jsonl: not in any known format (line 1, byte 0); tried:" err.txt || fail "$(cat err.txt)"
# An empty directory.
mkdir -p empty
if "$agentreel" convert empty -o none.reel 2> err.txt; then fail "an empty directory converted"; fi
grep -q "no input files" err.txt || fail "$(cat err.txt)"
# A forced format under which every record is skipped.
if "$agentreel" convert "$data/swe-agent/pydicom__pydicom-1458.traj" --format codex -o none.reel 2> err.txt; then
  fail "--format codex on a SWE-agent trajectory converted"
fi
grep -q "pydicom__pydicom-1458.traj: read as codex: no record read, [0-9]* skipped; first: line 1, byte 0: invalid_json" \
  err.txt || fail "$(cat err.txt)"
echo "ok: a file, an empty directory and a forced format that read nothing fail"

# Some files unknown: the rest converts, and the unknown one is named.
mkdir -p mixed && cp unknown/notes.txt mixed/ && cp "$data/claude-code/short.jsonl" mixed/
"$agentreel" convert mixed -o mixed.reel 2> err.txt || fail "a directory with one unknown file: $(cat err.txt)"
grep -q "note: 1 file in no known format, kept byte for byte, not parsed: mixed/notes.txt" err.txt || fail "$(cat err.txt)"
"$agentreel" convert "$data/claude-code/short.jsonl" -o short.reel 2>/dev/null
want=$(counts short.reel)
[ "$(counts mixed.reel)" = "${want% *} 1" ] || fail "mixed: $(counts mixed.reel), expected ${want% *} 1"
echo "ok: a directory with an unknown file converts the rest and names it"

# --- why on a run nothing of which was parsed ----------------------------------------------------------------
# mini-swe-agent's trajectory read as OpenHands: the run's root is opened, every message is skipped.
"$agentreel" why "$data/mini-swe-agent/github_issue.traj.json" --format openhands > why.txt
grep -q "^#1 github_issue.traj (1 span): nothing parsed: the session holds only 1 agent span, .*; 22 records of \
github_issue.traj.json (read as openhands) skipped, the first at line 2, byte 4: missing_field" why.txt ||
  fail "why: $(cat why.txt)"
! grep -q "clean run" why.txt || fail "why called it a clean run"
"$agentreel" why "$data/mini-swe-agent/github_issue.traj.json" --format openhands --json | python3 -c '
import json, sys
d = json.load(sys.stdin)
s = d["sessions"][0]
assert d["nothing_parsed"] is False and s["nothing_parsed"] is True, d
assert s["verdict"].startswith("nothing parsed:"), s["verdict"]'
"$agentreel" why "$data/mini-swe-agent/github_issue.traj.json" --json | python3 -c '
import json, sys
s = json.load(sys.stdin)["sessions"][0]
assert s["nothing_parsed"] is False and not s["verdict"].startswith("nothing parsed"), s'
echo "ok: why says nothing was parsed, and only then"
