#!/usr/bin/env bash
# Test fixture for the viewer tests: converts the demo log into OUT_DIR/demo.reel with the converter, and makes
# OUT_DIR/truncated.reel (the same bundle cut short) for the error-path tests.
# usage: make_bundles.sh AGENTREEL_BIN DEMO_LOG OUT_DIR
set -euo pipefail
agentreel=$1 log=$2 out=$3
mkdir -p "$out"
rm -f "$out/demo.reel" "$out/truncated.reel"
"$agentreel" convert "$log" -o "$out/demo.reel"
size=$(stat -c %s "$out/demo.reel")
head -c $((size / 2)) "$out/demo.reel" > "$out/truncated.reel"
echo "make_bundles: $out/demo.reel ($size bytes), $out/truncated.reel ($((size / 2)) bytes)"
