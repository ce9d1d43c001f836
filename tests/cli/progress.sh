#!/usr/bin/env bash
# convert's progress line (issue 18): on a terminal (a pseudo-terminal from util-linux `script`) it shows bytes read
# of the total, the rate and the time left, then clears itself before the summary; with stderr a file or a pipe it
# never appears; --quiet drops the summary line. AGENTREEL_PROGRESS_AFTER_MS=0 shows it at once (a real
# conversion waits a second first).
# usage: progress.sh AGENTREEL DATA_DIR WORK_DIR
set -euo pipefail
agentreel=$1 data=$2 work=$3
rm -rf "$work" && mkdir -p "$work"
command -v script >/dev/null || { echo "FAIL: script (util-linux) is not installed"; exit 1; }
input=$data/claude-code/258c7280-ae70-4798-800f-63464d01a85d.jsonl
AGENTREEL_PROGRESS_AFTER_MS=0 script -qec "'$agentreel' convert '$input' -o '$work/tty.reel'" /dev/null \
  > "$work/tty.out" 2>&1
grep -q "of 2.8 MB read (" "$work/tty.out" || { echo "FAIL: no progress line on a terminal:"; cat -v "$work/tty.out"; exit 1; }
grep -q "agentreel: .* records from 1 input(s)" "$work/tty.out" || { echo "FAIL: no summary after it"; exit 1; }
echo "ok   on a terminal: $(tr '\r' '\n' < "$work/tty.out" | grep -m1 'read (' | sed 's/ *$//')"
AGENTREEL_PROGRESS_AFTER_MS=0 "$agentreel" convert "$input" -o "$work/file.reel" 2> "$work/file.err"
if grep -q "read (" "$work/file.err" || grep -q $'\r' "$work/file.err"; then
  echo "FAIL: progress written to a file:"; cat -v "$work/file.err"; exit 1
fi
grep -q "records from 1 input(s)" "$work/file.err" || { echo "FAIL: no summary line"; exit 1; }
echo "ok   stderr to a file: the summary line only"
AGENTREEL_PROGRESS_AFTER_MS=0 "$agentreel" convert "$input" -o "$work/quiet.reel" --quiet 2> "$work/quiet.err"
[ ! -s "$work/quiet.err" ] || { echo "FAIL: --quiet still wrote:"; cat "$work/quiet.err"; exit 1; }
cmp -s "$work/file.reel" "$work/quiet.reel" || { echo "FAIL: --quiet changed the bundle"; exit 1; }
echo "ok   --quiet: nothing on stderr, the same bundle"
