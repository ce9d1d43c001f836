#!/usr/bin/env bash
# test.sh ("command 2"): builds everything (scripts/build.sh --no-open, so a fresh machine works), installs the
# web test tools from web/package-lock.json (playwright-core; the browser is Debian's /usr/bin/chromium, never
# `playwright install`), then runs every ctest test. Exits nonzero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh --no-open

echo "==> web test tools (npm ci in web/)"
(cd web && npm ci --no-audit --no-fund --loglevel=error)

echo "==> ctest"
ctest --test-dir build --output-on-failure --no-tests=error
