#!/usr/bin/env bash
# The native viewer opens agent logs directly, no convert step (issue 16): log files of two formats, and a directory
# laid out as Claude Code lays it out, converted in memory must load the spans `agentreel info --json` counts for
# the same paths; a file in no known format is refused (exit 3 in screenshot mode) with the formats tried; with no
# path at all it opens the session written to last in the harnesses' log folders.
# usage: native_logs_test.sh VIEWER AGENTREEL DATA_DIR WORK_DIR
set -euo pipefail
viewer=$1 agentreel=$2 data=$3 work=$4
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed"; exit 1; }
rm -rf "$work" && mkdir -p "$work"
fail=0
check() {  # check NAME PATH...
  local name=$1; shift
  local want got
  want=$("$agentreel" info --json "$@" | python3 -c 'import json, sys; print(json.load(sys.stdin)["spans"])')
  got=$(xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" "$@" --screenshot "$work/$name.png" \
        --size 1280x800 --frames 3 2>&1 | sed -n 's/.* \([0-9][0-9]*\) spans loaded.*/\1/p')
  if [ "$got" != "$want" ] || [ "$want" = 0 ]; then
    echo "FAIL: $name: the viewer loaded '${got}' spans, agentreel info counts $want"; fail=1
  else
    echo "ok   $name: $got spans, as agentreel info counts"
  fi
}
check two-formats "$data/claude-code/tool_heavy.jsonl" "$data/codex/rollout-codex-vscode-0.39.jsonl"
check claude-directory "$data/claude-code"
echo "meeting notes, not a log" > "$work/notes.txt"
set +e
out=$(xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" "$work/notes.txt" --screenshot "$work/notes.png" \
      --size 1280x800 --frames 3 2>&1)
status=$?
set -e
if [ "$status" != 3 ] || ! grep -q "notes.txt: not in any known format" <<<"$out" || ! grep -q "claude_code:" <<<"$out"; then
  echo "FAIL: a text file: exit $status, expected 3 and the formats tried; output:"; echo "$out"; fail=1
else
  echo "ok   a text file is refused with the formats tried (exit 3)"
fi
# No path: the session written to last in the harnesses' log folders ($HOME's, as laid out there), else an empty
# window that says where it looked.
home=$work/home
mkdir -p "$home/.claude/projects/-home-dev-spotter" "$home/.codex/sessions/2026/12/08"
cp "$data/claude-code/tool_heavy.jsonl" "$home/.claude/projects/-home-dev-spotter/latest.jsonl"
cp "$data/codex/rollout-codex-vscode-0.39.jsonl" "$home/.codex/sessions/2026/12/08/rollout-2026-12-08T01-00-00-x.jsonl"
touch -d "1 hour ago" "$home/.codex/sessions/2026/12/08/"*.jsonl
touch -d "5 minutes ago" "$home/.claude/projects/-home-dev-spotter/latest.jsonl"
out=$(HOME=$home CLAUDE_CONFIG_DIR= CODEX_HOME= xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" \
      --screenshot "$work/bare.png" --size 1280x800 --frames 3 --print-state 2>&1)
if ! grep -q '"session_id":"d6e0bada-1959-4eec-a9d2-0bfade768d8f"' <<<"$out"; then
  echo "FAIL: no path: expected the latest Claude Code session; output:"; echo "$out" | cut -c1-300; fail=1
else
  echo "ok   no path: the latest session, $(grep -o 'latest session ([a-z]*)' <<<"$out")"
fi
mkdir -p "$work/empty-home"
out=$(HOME=$work/empty-home CLAUDE_CONFIG_DIR= CODEX_HOME= xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" \
      --screenshot "$work/bare-empty.png" --size 1280x800 --frames 3 2>&1)
if ! grep -q "no session found in $work/empty-home/.claude/projects" <<<"$out"; then
  echo "FAIL: no path, no logs: expected where it looked; output:"; echo "$out"; fail=1
else
  echo "ok   no path, no logs: says where it looked"
fi
exit $fail
