#!/usr/bin/env bash
# `agentreel pull` (issue 16) on a home folder laid out as the harnesses lay theirs out, built from real sessions in
# tests/data with set modification times: each window lists exactly the sessions written to within it (newest
# first), --source and --project filter, each listed session has the spans `agentreel info` counts for its file
# and the verdict `agentreel why` gives, -o writes a bundle of them and --html the page.
# usage: pull.sh AGENTREEL DATA_DIR WORK_DIR
set -euo pipefail
agentreel=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
home=$work/home
claude=$home/.claude/projects/-home-marco-projects-spotter
mkdir -p "$claude" "$home/.codex/sessions/2026/12/08" "$home/.gemini/tmp/3f2a9c/chats" \
  "$home/.copilot/session-state/96ef38f0-9d09-45c3-8124-6448c36090ed"
cp "$data/claude-code/short.jsonl" "$claude/old-session.jsonl"
cp "$data/claude-code/tool_heavy.jsonl" "$claude/recent-session.jsonl"
echo '{"permissions":{}}' > "$home/.claude/settings.json"
cp "$data/codex/rollout-codex-vscode-0.39.jsonl" "$home/.codex/sessions/2026/12/08/rollout-2026-12-08T01-00-00-x.jsonl"
cp "$data/gemini/session.jsonl" "$home/.gemini/tmp/3f2a9c/chats/session-2026-04-23T12-53-0ab84937.jsonl"
cp "$data/copilot/session-state/96ef38f0-9d09-45c3-8124-6448c36090ed/events.jsonl" \
  "$home/.copilot/session-state/96ef38f0-9d09-45c3-8124-6448c36090ed/"
touch -d "3 days ago" "$claude/old-session.jsonl" "$home/.gemini/tmp/3f2a9c/chats/"*.jsonl
touch -d "10 minutes ago" "$claude/recent-session.jsonl"
touch -d "20 minutes ago" "$home/.codex/sessions/2026/12/08/"*.jsonl
touch -d "2 hours ago" "$home/.copilot/session-state/"*/events.jsonl
pull() { HOME=$home CLAUDE_CONFIG_DIR= CODEX_HOME= "$agentreel" pull "$@"; }
pull --since 1h --json > "$work/1h.json"
pull --since 24h --json > "$work/24h.json"
pull --since all --json > "$work/all.json"
pull --since 7d --source codex --json > "$work/codex.json"
pull --since all --project spotter --json > "$work/spotter.json"
pull --since 5m --json > "$work/none.json"
"$agentreel" info --json "$claude/recent-session.jsonl" > "$work/info-claude.json"
"$agentreel" why --json "$claude/recent-session.jsonl" > "$work/why-claude.json"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
load = lambda name: json.load(open(f"{work}/{name}.json"))["sessions"]
def sources(name): return [(s["source"], s["id"]) for s in load(name)]
claude_recent = ("claude", "d6e0bada-1959-4eec-a9d2-0bfade768d8f")
codex = ("codex", "01996135-afde-7911-97f0-d863511eca56")
copilot = ("copilot", "96ef38f0-9d09-45c3-8124-6448c36090ed")
assert sources("1h") == [claude_recent, codex], sources("1h")
assert sources("24h") == [claude_recent, codex, copilot], sources("24h")
assert len(load("all")) == 5 and {s["source"] for s in load("all")} == {"claude", "codex", "gemini", "copilot"}, \
    sources("all")
assert sources("codex") == [codex], sources("codex")
assert {s["source"] for s in load("spotter")} == {"claude"} and len(load("spotter")) == 2, sources("spotter")
assert load("none") == [], load("none")
mine = load("1h")[0]
info = json.load(open(f"{work}/info-claude.json"))
why = json.load(open(f"{work}/why-claude.json"))["sessions"][0]
assert mine["spans"] == info["spans"], (mine["spans"], info["spans"])
assert mine["verdict"] == why["verdict"], (mine["verdict"], why["verdict"])
assert mine["files"][0].endswith("recent-session.jsonl"), mine["files"]
assert not any("settings.json" in f for s in load("all") for f in s["files"])
print("ok   windows 1h / 24h / all / 5m, --source, --project; spans and verdict as info and why give them")
PY
pull --since 1h -o "$work/recent.reel" 2> "$work/pull-o.err"
"$agentreel" info --json "$work/recent.reel" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert len(d["sessions"]) == 2, [s["id"] for s in d["sessions"]]
print("ok   -o: a bundle of the 2 sessions written to in the last hour")'
printf '<html><body><script type="application/octet-stream" id="agentreel-bundle"></script></body></html>\n' \
  > "$work/viewer.html"
pull --since 1h --html "$work/recent.html" --viewer "$work/viewer.html" 2> "$work/pull-html.err"
grep -q 'id="agentreel-bundle"' "$work/recent.html" || { echo "FAIL: --html wrote no page"; exit 1; }
[ ! -e "$work/recent.html.reel.tmp" ] || { echo "FAIL: --html left its temporary bundle"; exit 1; }
echo "ok   --html: the page, no temporary bundle left"
