#!/usr/bin/env python3
# Size probe for issue 3's "deduplicated payloads": how small would the RAW blocks get if every long JSON string
# seen before anywhere in the input were replaced by a reference? A measurement, not a codec. Usage and
# results: docs/benchmarks.md ("Would payload deduplication close the size gap?").
"""Reads a log file or a directory of *.jsonl files. Each JSON string token (quotes included) of at least
--min-bytes bytes is looked up in a table of all earlier ones: a repeat becomes a reference "\\x01<id>" in the
skeleton, a first sighting is appended to the string store and also leaves a reference. Prints the byte counts,
then the skeleton and the store each compressed as the bundle compresses RAW data (independent 8 MiB pieces,
zstd CLI) at the given levels, and the sum. Nothing is written but temporary files in --workdir."""

import argparse
import glob
import os
import re
import shutil
import subprocess
import tempfile


def compressed_bytes(data, args, workdir):
    """Sum of zstd's output over independent 8 MiB pieces of `data` (as RAW blocks are compressed)."""
    total = 0
    for at in range(0, len(data), 8 << 20):
        piece = os.path.join(workdir, "piece")
        with open(piece, "wb") as f:
            f.write(data[at:at + (8 << 20)])
        total += len(subprocess.run(["zstd", "-q", "-c", *args.split(), piece], check=True,
                                    capture_output=True).stdout)
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("input", help="a log file, or a directory whose *.jsonl files are read in name order")
    parser.add_argument("--min-bytes", type=int, default=64, help="shortest string token replaced (default 64)")
    parser.add_argument("--levels", default="-3,-3 --long=23,-9", help="comma-separated zstd arguments")
    parser.add_argument("--workdir", default=tempfile.gettempdir())
    args = parser.parse_args()

    paths = sorted(glob.glob(os.path.join(args.input, "*.jsonl"))) if os.path.isdir(args.input) else [args.input]
    token = re.compile(rb'"(?:[^"\\]|\\.){%d,}"' % max(args.min_bytes - 2, 0), re.S)
    ids = {}
    skeleton, store = bytearray(), bytearray()
    total = repeats = repeated_bytes = 0
    for path in paths:
        with open(path, "rb") as f:
            data = f.read()
        total += len(data)

        def replace(match):
            nonlocal repeats, repeated_bytes
            text = match.group(0)
            known = ids.get(text)
            if known is None:
                known = ids[text] = len(ids)
                store.extend(text + b"\n")
            else:
                repeats += 1
                repeated_bytes += len(text)
            return b"\x01%d" % known

        skeleton.extend(token.sub(replace, data))

    print(f"input {total} B; strings >= {args.min_bytes} B: {len(ids)} distinct ({len(store)} B in the store), "
          f"{repeats} repeats ({repeated_bytes} B); skeleton {len(skeleton)} B")
    workdir = tempfile.mkdtemp(dir=args.workdir)
    try:
        for level in args.levels.split(","):
            s = compressed_bytes(bytes(skeleton), level, workdir)
            t = compressed_bytes(bytes(store), level, workdir)
            print(f"zstd {level}: skeleton {s} + store {t} = {s + t} B")
    finally:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
