#!/usr/bin/env bash
# Test fixture for the viewer tests: converts the demo log into OUT_DIR/demo.reel with the converter, and makes
# OUT_DIR/truncated.reel (the same bundle cut short) and OUT_DIR/damaged.reel (one byte of its table of contents
# inverted, so opening must fail its checksum) for the error-path tests.
# usage: make_bundles.sh AGENTREEL_BIN DEMO_LOG OUT_DIR
set -euo pipefail
agentreel=$1 log=$2 out=$3
mkdir -p "$out"
rm -f "$out/demo.reel" "$out/truncated.reel" "$out/damaged.reel"
"$agentreel" convert "$log" -o "$out/demo.reel"
size=$(stat -c %s "$out/demo.reel")
head -c $((size / 2)) "$out/demo.reel" > "$out/truncated.reel"
# The table of contents sits just before the 32-byte trailer (docs/bundle-format.md); 60 bytes from the end is
# inside it for any bundle. Inverting the byte (not setting it) guarantees a change.
cp "$out/demo.reel" "$out/damaged.reel"
at=$((size - 60))
byte=$(od -An -tu1 -j "$at" -N 1 "$out/demo.reel" | tr -d ' ')
printf "\\$(printf %o $((byte ^ 255)))" | dd of="$out/damaged.reel" bs=1 seek="$at" conv=notrunc status=none
cmp -s "$out/demo.reel" "$out/damaged.reel" && { echo "make_bundles: damaged.reel is unchanged"; exit 1; }
echo "make_bundles: $out/demo.reel ($size bytes), $out/truncated.reel ($((size / 2)) bytes), $out/damaged.reel"
