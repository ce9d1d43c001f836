#!/usr/bin/env bash
# Native bench smoke test: runs `agentreel-viewer BUNDLE --bench` under a virtual X server and checks it printed
# its report (frame times, open -> first frame, RSS, the bundle's arrays). Timings are not asserted: tests are never timed.
# usage: native_bench_test.sh VIEWER BUNDLE
set -euo pipefail
viewer=$1 bundle=$2
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed (apt-get install xvfb xauth)"; exit 1; }
out=$(xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" "$bundle" --bench)
echo "$out"
for key in '"frame_ms":{"p50":' '"cpu_ms":{"p50":' '"draw_calls":{"p50":' '"first_frame_ms":' '"memory_bytes":' '"phases":{"fit":' '"hot_bytes":{"span_columns":'; do
  grep -qF "$key" <<<"$out" || { echo "FAIL: the bench report has no $key"; exit 1; }
done
