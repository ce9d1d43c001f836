#!/usr/bin/env bash
# test_names_check.sh: no Catch2 test name holds a ';'. catch_discover_tests registers each test case with ctest by
# name, and CMake splits a name at ';' into names that match nothing: such a test would never run in `ctest`.
set -euo pipefail
cd "$(dirname "$0")/.."
if bad=$(git grep -n -E 'TEST_CASE\("[^"]*;' -- 'tests/*.cpp'); then
  echo "test names with ';' (ctest would never run them; use ',' instead):" >&2
  echo "$bad" >&2
  exit 1
fi
echo "test_names_check: no test name holds a ';'"
