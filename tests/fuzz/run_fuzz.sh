#!/usr/bin/env bash
# run_fuzz.sh BUILD_DIR SECONDS [TARGET...]: runs each libFuzzer target (built with -DAGENTREEL_FUZZ=ON) for
# SECONDS, one at a time, on a scratch copy of its saved corpus (corpus/<target>/ is never rewritten); crash
# inputs land in crashes/<target>/ (replayed by ctest once saved). Prints each target's exec count; exits 1
# when any target found a crash, leak, timeout or sanitizer report (its log is printed).
set -euo pipefail
build=$1 seconds=$2; shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(bundle bundle_index agenteye claude_code otlp swe_agent openhands hooks codex gemini copilot roundtrip secrets diagnosis)
work=${FUZZ_WORK:-/tmp/agentreel-fuzz}
failed=0
for t in "${targets[@]}"; do
  mkdir -p "$work/$t" "$here/crashes/$t"
  cp -n "$here/corpus/$t"/* "$work/$t"/ 2>/dev/null || true
  log="$work/$t.log"
  set +e
  "$build/bin/fuzz_$t" "$work/$t" -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2560 \
    -artifact_prefix="$here/crashes/$t/" -print_final_stats=1 > "$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  echo "fuzz_$t: rc=$rc execs=$runs seconds=$seconds"
  if [ "$rc" -ne 0 ]; then
    failed=1
    tail -n 60 "$log"
  fi
  rmdir "$here/crashes/$t" 2>/dev/null || true
done
exit $failed
