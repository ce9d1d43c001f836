#!/usr/bin/env bash
# test.sh ("command 2"): builds everything (scripts/build.sh --no-open, so a fresh machine works), installs the
# web test tools from web/package-lock.json (playwright-core; the browser is Debian's /usr/bin/chromium, never
# `playwright install`), then runs every ctest test, then the same tests under ASan+UBSan (tests/sanitize.sh,
# build/asan/), then each libFuzzer target for a few seconds (tests/fuzz/smoke.sh, build/fuzz/). For a quicker
# local loop: AGENTREEL_SANITIZE=0 and/or AGENTREEL_FUZZ_SECONDS=0 skip those. Exits nonzero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh --no-open

echo "==> web test tools (npm ci in web/)"
(cd web && npm ci --no-audit --no-fund --loglevel=error)

echo "==> ctest"
ctest --test-dir build --output-on-failure --no-tests=error

if [ "${AGENTREEL_SANITIZE:-1}" != 0 ]; then
  echo "==> sanitizers (tests/sanitize.sh)"
  tests/sanitize.sh
fi

if [ "${AGENTREEL_FUZZ_SECONDS:-10}" != 0 ]; then
  echo "==> fuzz smoke (tests/fuzz/smoke.sh)"
  tests/fuzz/smoke.sh "${AGENTREEL_FUZZ_SECONDS:-10}"
fi
