#!/usr/bin/env bash
# sanitize.sh: the native build under AddressSanitizer + UndefinedBehaviorSanitizer (-fno-sanitize-recover:
# the first report fails the test) in build/asan/, then every ctest test there except the browser test (it
# runs the wasm build, which these flags do not touch). scripts/test.sh (so CI) runs this unless AGENTREEL_SANITIZE=0.
# Needs scripts/deps.sh to have run (scripts/build.sh does). Usage: tests/sanitize.sh [extra ctest args];
# AGENTREEL_ASAN_DIR picks another build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
source "${AGENTREEL_CACHE:-$HOME/.cache/agentreel}/deps.env"

dir=${AGENTREEL_ASAN_DIR:-build/asan}
# -g builds: let ccache hit across clones in other folders (CI builds a fresh clone each time).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true
flags="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
echo "==> [${SECONDS}s] ASan+UBSan build ($dir)"
cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG="-O1 -g" \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" -DAGENTREEL_DEPS_DIR="$AGENTREEL_CACHE" > /dev/null
cmake --build "$dir"

echo "==> [${SECONDS}s] ctest under ASan+UBSan"
# Leaks are errors too. The native viewer tests are the exception: Mesa's llvmpipe leaks from code LSan cannot
# attribute (JIT output, "<unknown module>"), and full unwinding through Mesa to match a suppression makes them
# time out; they run with address and UB checks but without leak detection. The viewer's own code is covered
# for leaks by agentreel_viewer_tests (the "viewer:" tests).
asan_common="abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/sanitize.supp:print_suppressions=0"
native_gl='^viewer_native_'
ASAN_OPTIONS="detect_leaks=1:$asan_common" \
  ctest --test-dir "$dir" --output-on-failure --no-tests=error -E "^viewer_browser\$|$native_gl" "$@"
ASAN_OPTIONS="detect_leaks=0:$asan_common" \
  ctest --test-dir "$dir" --output-on-failure --no-tests=error -R "$native_gl" "$@"
echo "==> [${SECONDS}s] sanitizers: clean"
