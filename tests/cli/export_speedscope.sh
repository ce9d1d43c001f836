#!/usr/bin/env bash
# `agentreel export --format chrome` loaded into speedscope in headless Chromium, offline (web/tests/speedscope_test.mjs):
# an OTLP agent run (every span lasts: compared call by call) and a real Claude Code session (instants and parallel
# tool calls on several lanes: must load with every thread). The expected span count comes from `agentreel info --json`.
# Exits 77 (ctest: skipped) when node, the npm packages (cd web && npm ci) or chromium are missing, unless
# AGENTREEL_REQUIRE_BROWSER_TEST=1 or CI=true, where that is a failure.
# usage: export_speedscope.sh AGENTREEL_BIN DATA_DIR WORK_DIR
set -euo pipefail
agentreel=$1 data=$2 work=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
skip() {
  if [ "${AGENTREEL_REQUIRE_BROWSER_TEST:-0}" = 1 ] || [ "${CI:-}" = true ]; then echo "FAIL: $*"; exit 1; fi
  echo "SKIP: $*"
  exit 77
}
command -v node >/dev/null || skip "node is not installed"
[ -d "$root/web/node_modules/playwright-core" ] || skip "playwright-core is not installed (cd web && npm ci)"
[ -d "$root/web/node_modules/speedscope" ] || skip "speedscope is not installed (cd web && npm ci)"
[ -x "${AGENTREEL_CHROMIUM:-/usr/bin/chromium}" ] || skip "chromium is not installed"
rm -rf "$work" && mkdir -p "$work"
for input in otlp/rag_earnings_agent.json claude-code/258c7280-ae70-4798-800f-63464d01a85d.jsonl; do
  name=$(basename "$input")
  "$agentreel" convert "$data/$input" -o "$work/$name.reel"
  "$agentreel" export "$work/$name.reel" --format chrome -o "$work/$name.trace.json"
  spans=$("$agentreel" info "$work/$name.reel" --json | node -e \
    'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).spans))')
  node "$root/web/tests/speedscope_test.mjs" "$work/$name.trace.json" --expect-spans "$spans"
done
