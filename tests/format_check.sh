#!/usr/bin/env bash
# format_check.sh: every tracked C++ file is as .clang-format (Debian's clang-format) would write it. Lists the
# files that are not and the command that fixes them; exit 1 if any.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "format_check: clang-format is not installed (scripts/deps.sh installs it)" >&2; exit 1; }
mapfile -t files < <(git ls-files '*.cpp' '*.h' ':!:tests/data/**')
# One run over every file; each file that would change is named in clang-format's "file:line:col: error:" lines.
mapfile -t bad < <(clang-format --dry-run --Werror "${files[@]}" 2>&1 | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*/\1/p' | sort -u)
if [ ${#bad[@]} -gt 0 ]; then
  printf 'not formatted: %s\n' "${bad[@]}" >&2
  echo "fix: clang-format -i ${bad[*]}" >&2
  exit 1
fi
echo "format_check: ${#files[@]} files formatted"
