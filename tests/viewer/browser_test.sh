#!/usr/bin/env bash
# Browser viewer test: embeds BUNDLE in the packed single-file viewer with `agentreel html`, then runs
# web/tests/browser_test.mjs in headless Chromium on it (spans loaded, screenshot not blank, zero network
# requests; then BAD_FILE through the O key's file chooser and BUNDLE by drag-and-drop; raw logs dropped and converted
# in the page), then driven like a person
# (--diagnosis: the findings of `agentreel why` listed and clicked; --rail: find box typing, overview, collapse;
# --interact: click, copy a payload, find, J/K,
# deep link), the secret marks on the planted corpus (--secrets), and once more on the viewer with BAD_FILE embedded
# (the error must be shown, not a blank page), and on the truncated and damaged bundles that make_bundles.sh
# leaves beside BUNDLE (the checksum failure named), then web/tests/oom_test.mjs (out of memory reported in the page).
# Exits 77 (ctest: skipped) when the web build or the browser tooling is missing, unless
# AGENTREEL_REQUIRE_BROWSER_TEST=1 or CI=true, where that is a failure.
# usage: browser_test.sh AGENTREEL_BIN VIEWER_HTML BUNDLE BAD_FILE WORK_DIR SCREENSHOT.png
set -euo pipefail
agentreel=$1 template=$2 bundle=$3 bad=$4 work=$5 screenshot=$6
root=$(cd "$(dirname "$0")/../.." && pwd)
skip() {
  if [ "${AGENTREEL_REQUIRE_BROWSER_TEST:-0}" = 1 ] || [ "${CI:-}" = true ]; then echo "FAIL: $*"; exit 1; fi
  echo "SKIP: $*"
  exit 77
}
[ -f "$template" ] || skip "no packed web viewer at $template (build the wasm viewer and run web/pack.mjs)"
command -v node >/dev/null || skip "node is not installed"
[ -d "$root/web/node_modules/playwright-core" ] || skip "playwright-core is not installed (cd web && npm ci)"
[ -x "${AGENTREEL_CHROMIUM:-/usr/bin/chromium}" ] || skip "chromium is not installed"
mkdir -p "$work" "$(dirname "$screenshot")"
"$agentreel" html "$bundle" -o "$work/demo.html" --viewer "$template"
node "$root/web/tests/browser_test.mjs" "$work/demo.html" --agentreel "$agentreel" --bundle "$bundle" \
  --select 3 --screenshot "$screenshot" --pick-then-drop "$bad"
# Raw agent logs dropped on the page (a Claude Code transcript and a Codex rollout): converted in the page by the
# readers compiled to wasm, the same spans as `agentreel info` on them; a text file is refused by name.
node "$root/web/tests/browser_test.mjs" "$work/demo.html" --agentreel "$agentreel" --bundle "$bundle" \
  --drop-logs "$root/tests/data/claude-code/tool_heavy.jsonl,$root/tests/data/codex/rollout-codex-vscode-0.39.jsonl"
# The findings of `agentreel why` in the Diagnosis panel; a session row, a finding and a findings-lane marker clicked;
# then the rail (--rail): typing into the find box, the overview strip, collapsing and expanding a subtree.
node "$root/web/tests/browser_test.mjs" "$work/demo.html" --agentreel "$agentreel" --bundle "$bundle" \
  --size 1280x800 --diagnosis --rail --screenshot "$work/web-diagnosis.png"
# As a person would: click a bar and copy its record, find, step with J/K, follow a #session=..&span=.. link.
node "$root/web/tests/browser_test.mjs" "$work/demo.html" --agentreel "$agentreel" --bundle "$bundle" \
  --size 1280x800 --interact --screenshot "$work/web-interact.png"
# The secret marks on the planted corpus (fake secrets): the spans `agentreel secrets` names for the shown session.
"$agentreel" convert "$root/tests/data/secrets/planted/claude-code" -o "$work/planted.reel" 2>/dev/null
"$agentreel" html "$work/planted.reel" -o "$work/planted.html" --viewer "$template" 2>/dev/null
node "$root/web/tests/browser_test.mjs" "$work/planted.html" --agentreel "$agentreel" --bundle "$work/planted.reel" \
  --secrets --screenshot "$work/web-secrets.png"
# The policy audit in the page (issue 17): the same engine in wasm on a real session with risky calls appended.
"$agentreel" convert "$root/tests/data/audit/viewer/risky_session.jsonl" -o "$work/risky.reel" 2>/dev/null
"$agentreel" html "$work/risky.reel" -o "$work/risky.html" --viewer "$template" 2>/dev/null
node "$root/web/tests/browser_test.mjs" "$work/risky.html" --audit --screenshot "$work/web-audit.png"
node "$root/web/tests/browser_test.mjs" "$template" --inject-bundle "$bad" --expect-error \
  --screenshot "$work/web-error.png"
# The paced bench (one scripted step per animation frame) runs to its report.
node "$root/web/tests/browser_test.mjs" "$work/demo.html" --agentreel "$agentreel" --bundle "$bundle" \
  --size 1280x800 --bench "$work/web-bench.json"
# Browsers without Uint8Array.prototype.setFromBase64 decode the embedded bundle with the viewer's own decoder.
node "$root/web/tests/browser_test.mjs" "$work/demo.html" --agentreel "$agentreel" --bundle "$bundle" --wasm-base64
node "$root/web/tests/browser_test.mjs" "$template" --inject-bundle "$bad" --expect-error --wasm-base64
# A bundle cut short, and one whose table of contents fails its checksum: refused with the reason, never drawn.
node "$root/web/tests/browser_test.mjs" "$template" --inject-bundle "$(dirname "$bundle")/truncated.reel" \
  --expect-error --screenshot "$work/web-truncated.png"
node "$root/web/tests/browser_test.mjs" "$template" --inject-bundle "$(dirname "$bundle")/damaged.reel" \
  --expect-error-text "table of contents at byte" --screenshot "$work/web-damaged.png"
for decoder in "" --wasm-base64; do  # an embedded bundle whose base64 is damaged, with each decoder
  node "$root/web/tests/browser_test.mjs" "$template" --inject-text "UkVFTA0KGgo!AAAA" --expect-error-text "not valid base64" $decoder
done
# Out of memory (the page's 4 GiB wasm cap reached): the viewer must say so in the page, loaded or opening.
node "$root/web/tests/oom_test.mjs" "$template" "$work/demo.html" "$bundle" "$work/web-oom.png"
