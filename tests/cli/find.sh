#!/usr/bin/env bash
# `agentreel find` end to end on the real Claude Code session in tests/data/claude-code/ (its main transcript and
# subagents): counts of tool calls by tool, command and negation, and of calls whose records hold a phrase,
# against find_check.py's own reading of the JSONL; the same query on the logs and on their bundle; queries
# that cannot be read are errors that name the column.
set -euo pipefail
agentreel=$1 data=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work"
logs=$data/claude-code/258c7280-ae70-4798-800f-63464d01a85d
cp "$logs.jsonl" "$work/" && cp -r "$logs" "$work/"
session=$work/258c7280-ae70-4798-800f-63464d01a85d
"$agentreel" convert "$session.jsonl" "$session" -o "$work/run.reel" 2>/dev/null

count() {  # count QUERY INPUT...
  local query=$1; shift
  "$agentreel" find "$@" "$query" --json --limit 100000 | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])'
}
expect() {  # expect QUERY KIND ARG: the bundle and the logs both give find_check.py's count
  local want got_bundle got_logs
  want=$(python3 "$here/find_check.py" "$2" "$3" "$session.jsonl" "$session")
  got_bundle=$(count "$1" "$work/run.reel")
  got_logs=$(count "$1" "$session.jsonl" "$session")
  [ "$got_bundle" = "$want" ] && [ "$got_logs" = "$want" ] ||
    { echo "find '$1': bundle $got_bundle, logs $got_logs, expected $want"; exit 1; }
  echo "ok: '$1' -> $want"
}
expect 'tool:Bash' tool Bash
expect 'tool:Read OR tool:Grep' tool Read,Grep
expect 'tool:Read | tool:Grep' tool Read,Grep
expect 'kind:tool -tool:Bash' not-tool Bash
expect 'kind:tool !tool:Bash' not-tool Bash
expect 'kind:tool NOT tool:Bash' not-tool Bash
expect 'tool:Bash cmd:"mix test"' command "mix test"
expect 'kind:tool "warnings-as-errors"' phrase warnings-as-errors
expect 'kind:tool text:"Compiling"' phrase Compiling

# JSON shape: every match says its session, span, kind and a snippet holding the phrase.
"$agentreel" find "$work/run.reel" 'kind:tool text:"warnings-as-errors"' --json > "$work/find.json"
python3 - "$work/find.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["count"] == len(doc["matches"]) > 0, doc["count"]
for m in doc["matches"]:
    assert m["kind"] == "tool" and m["session_number"] >= 1 and m["span"] >= m["span_in_session"], m
    assert "warnings-as-errors" in m["snippet"].lower(), m["snippet"]
PY

# Unreadable queries fail with the column, never an empty result.
for bad in 'kind:nosuch' 'status:' '(tool:Bash' 'dur>5parsecs' 'a OR'; do
  status=0; "$agentreel" find "$work/run.reel" "$bad" > "$work/bad.out" 2> "$work/bad.err" || status=$?
  [ "$status" = 1 ] && grep -q "column" "$work/bad.err" ||
    { echo "query '$bad': status $status, expected 1 with a column"; cat "$work/bad.err"; exit 1; }
done
# An unknown session is an error that names the sessions there are.
status=0; "$agentreel" find "$work/run.reel" 'tool:Bash' --session nosuch 2> "$work/session.err" >/dev/null || status=$?
[ "$status" = 1 ] && grep -q "nosuch" "$work/session.err" || { cat "$work/session.err"; exit 1; }
echo "find: all checks passed"
