#!/usr/bin/env bash
# Native viewer test: runs agentreel-viewer on BUNDLE under a virtual X server in --screenshot mode, checks its
# exit status, then checks the PNG is the requested size and not blank (png_check).
# usage: native_screenshot_test.sh VIEWER PNG_CHECK BUNDLE OUT.png EXPECTED_EXIT [viewer options...]
set -euo pipefail
viewer=$1 check=$2 bundle=$3 out=$4 expected=$5
shift 5
command -v xvfb-run >/dev/null || { echo "FAIL: xvfb-run is not installed (apt-get install xvfb xauth)"; exit 1; }
mkdir -p "$(dirname "$out")"
rm -f "$out"
set +e
# -noreset: otherwise Xvfb resets when the viewer disconnects and signals xvfb-run (SIGUSR1) while it removes its
# temporary directory, which then fails and exits 5 instead of the viewer's status (seen in ~40% of quick exits).
xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$viewer" "$bundle" --screenshot "$out" --size 1280x800 "$@"
status=$?
set -e
if [ "$status" -ne "$expected" ]; then
  echo "FAIL: agentreel-viewer exited with $status, expected $expected"
  exit 1
fi
"$check" "$out" --width 1280 --height 800
