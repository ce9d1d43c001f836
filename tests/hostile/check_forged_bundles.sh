#!/usr/bin/env bash
# Runs `agentreel info`, `verify` and `export` on every forged bundle of tests/data/forged/ and compares each
# exit status and message with expected.tsv (written with the bundles by make_forged_bundles.cpp): a changed
# rule, code or message fails here. Also fails when a .reel there has no expectation, or an expectation no file.
set -euo pipefail
agentreel=$1 forged=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
cd "$forged"  # messages name the bundle as given on the command line: its file name

failures=0 checked=0
declare -A listed
while IFS=$'\t' read -r file command want_exit want_line; do
  [[ -z "$file" || "$file" == \#* ]] && continue
  listed[$file]=1
  args=("$command" "$file")
  [[ "$command" == export ]] && args+=(-o "$work/export-${file%.reel}")
  set +e
  "$agentreel" "${args[@]}" > "$work/out" 2> "$work/err"
  got_exit=$?
  set -e
  checked=$((checked + 1))
  problem=""
  if [[ "$got_exit" != "$want_exit" ]]; then
    problem="exit status $got_exit, expected $want_exit"
  elif [[ "$command" == export && "$want_exit" != 0 && -e "$work/export-${file%.reel}" ]]; then
    problem="a refused export wrote $(find "$work/export-${file%.reel}" | head -n 3)"
  elif [[ "$want_exit" != 0 ]]; then
    first=$(head -n 1 "$work/err")
    [[ "$first" == "$want_line" ]] || problem="first stderr line differs"
  elif [[ -z "$want_line" ]]; then
    [[ ! -s "$work/err" ]] || problem="stderr is not empty"
  else
    grep -qxF -- "$want_line" "$work/out" || problem="stdout lacks the expected line"
  fi
  if [[ -n "$problem" ]]; then
    failures=$((failures + 1))
    echo "FAIL: agentreel ${args[*]}: $problem"
    echo "  expected: $want_line"
    echo "  stdout:   $(head -c 2000 "$work/out")"
    echo "  stderr:   $(head -c 2000 "$work/err")"
  fi
done < expected.tsv

for bundle in *.reel; do
  if [[ -z "${listed[$bundle]:-}" ]]; then
    echo "FAIL: $bundle has no line in expected.tsv"; failures=$((failures + 1))
  fi
done
for file in "${!listed[@]}"; do
  [[ -e "$file" ]] || { echo "FAIL: expected.tsv names $file, which does not exist"; failures=$((failures + 1)); }
done
if (( checked < 60 )); then echo "FAIL: only $checked expectations read from expected.tsv"; failures=$((failures + 1)); fi
(( failures == 0 )) || { echo "$failures of $checked forged-bundle checks failed"; exit 1; }
echo "forged bundles: $checked checks ok"
