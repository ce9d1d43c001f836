#!/usr/bin/env bash
# build.sh ("command 1"): dependencies (scripts/deps.sh), native build in build/ (Ninja), the wasm viewer in
# build/wasm/ (emcmake), the single-file page build/web/agentreel.html (web/pack.mjs), then the demo bundle and
# its page, and opens the demo. Options: --no-open, --native-only (skip wasm). CI=true builds with -Werror.
set -euo pipefail
cd "$(dirname "$0")/.."

open=1 wasm=1
for arg in "$@"; do
  case $arg in
    --no-open) open=0 ;;
    --native-only) wasm=0 ;;
    -h|--help) sed -n '2,4p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done
step() { echo "==> [${SECONDS}s] $*"; }

step "dependencies"
scripts/deps.sh
# shellcheck source=/dev/null
source "${AGENTREEL_CACHE:-$HOME/.cache/agentreel}/deps.env"

werror=OFF; [ "${CI:-}" = true ] && werror=ON
cmake_args=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DAGENTREEL_WERROR="$werror" -DAGENTREEL_DEPS_DIR="$AGENTREEL_CACHE")

step "native build (build/)"
cmake -S . -B build "${cmake_args[@]}"
cmake --build build

if [ $wasm -eq 1 ]; then
  step "wasm viewer (build/wasm/)"
  env EM_CONFIG="$AGENTREEL_EM_CONFIG" NODE_PATH="$AGENTREEL_EM_NODE_PATH" \
    emcmake cmake -S . -B build/wasm "${cmake_args[@]}"
  cmake --build build/wasm --target agentreel-viewer

  step "single-file page (build/web/agentreel.html)"
  node web/pack.mjs --shell web/shell.html --js build/wasm/bin/agentreel-viewer.js --out build/web/agentreel.html
fi

demo_input=examples/demo/demo.agenteye.jsonl
step "demo: $demo_input -> build/demo.reel"
build/bin/agentreel convert "$demo_input" -o build/demo.reel
if [ $wasm -eq 1 ]; then
  build/bin/agentreel html build/demo.reel -o build/demo.html
fi

step "done"
[ $open -eq 1 ] || exit 0
if [ -n "${DISPLAY:-}" ]; then
  exec build/bin/agentreel-viewer build/demo.reel
fi
if [ $wasm -eq 1 ]; then
  echo "No \$DISPLAY: open $(pwd)/build/demo.html in a browser."
else
  echo "No \$DISPLAY, and --native-only built no web page: run build/bin/agentreel-viewer build/demo.reel under a display."
fi
