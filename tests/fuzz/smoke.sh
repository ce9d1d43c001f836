#!/usr/bin/env bash
# smoke.sh [SECONDS]: what CI runs of the fuzzers. Builds every libFuzzer target with clang (build/fuzz,
# -DAGENTREEL_FUZZ=ON: ASan+UBSan+libFuzzer) and runs each for SECONDS (default 10) from its saved corpus;
# fails on any crash, leak or sanitizer report. Long runs: run_fuzz.sh (tests/fuzz/README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-10}
dir=${AGENTREEL_FUZZ_DIR:-build/fuzz}
# -g builds: let ccache hit across clones in other folders (CI builds a fresh clone each time).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
echo "==> [${SECONDS}s] libFuzzer build ($dir)"
CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAGENTREEL_FUZZ=ON \
  -DAGENTREEL_DEPS_DIR="${AGENTREEL_CACHE:-$HOME/.cache/agentreel}" > /dev/null
targets=(bundle bundle_index agenteye claude_code otlp swe_agent openhands hooks codex gemini copilot roundtrip secrets diagnosis)
cmake --build "$dir" --target "${targets[@]/#/fuzz_}"
echo "==> [${SECONDS}s] each fuzz target for ${seconds}s"
FUZZ_WORK=$(mktemp -d) tests/fuzz/run_fuzz.sh "$dir" "$seconds" "${targets[@]}"
echo "==> [${SECONDS}s] fuzz smoke: clean"
