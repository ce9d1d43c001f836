#!/usr/bin/env bash
# test.sh ("command 2"): builds everything (scripts/build.sh --no-open, so a fresh machine works), installs the
# web test tools from web/package-lock.json (playwright-core; the browser is Debian's /usr/bin/chromium, never
# `playwright install`), then runs every ctest test. AGENTREEL_SANITIZE=1 then runs the same tests under
# ASan+UBSan (tests/sanitize.sh, build/asan/): opt-in until the hostile tests' allocation guard and the native
# viewer tests (leaks inside Mesa's llvmpipe) run clean under it. Exits nonzero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh --no-open

echo "==> web test tools (npm ci in web/)"
(cd web && npm ci --no-audit --no-fund --loglevel=error)

echo "==> ctest"
ctest --test-dir build --output-on-failure --no-tests=error

if [ "${AGENTREEL_SANITIZE:-0}" = 1 ]; then
  echo "==> sanitizers (tests/sanitize.sh)"
  tests/sanitize.sh
fi
