#!/usr/bin/env python3
# Conversion benchmark: `agentreel convert` against `zstd -3 -T0` and `zstd -19 --long=27` on the same bytes.
# A separate program (never a timed test); drives the built CLIs only. Usage and results: docs/benchmarks.md.
"""Generates an AgentEye log (agentreel-gen) and Claude Code transcripts (examples/claude_gen/), then times, for
each data set, `agentreel convert`, `zstd -3 -T0` and `zstd -19 --long=27` --runs times each, interleaved, and
prints the medians of wall time, input throughput, output size and peak RSS (getrusage of the child) as a
Markdown table. --realdata DIR adds a size-only row for DIR (all of it, vs zstd of its concatenated bytes).
With agentreel-read-bench built next to agentreel, it also prints each bundle's payload read latency (a span's
record with its block not cached, i.e. one RAW block inflated, and cached)."""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run_measured(argv, stdout=subprocess.DEVNULL):
    """Runs argv; returns (wall seconds, peak RSS in bytes of that child)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit("benchmark: %s failed (%d): %s" % (" ".join(argv), proc.returncode, err[-2000:]))
    return wall, usage.ru_maxrss * 1024  # Linux reports KiB


def tree_files(path):
    if os.path.isfile(path):
        return [path]
    found = []
    for base, _, names in os.walk(path):
        found += [os.path.join(base, n) for n in names]
    # The order `agentreel convert DIR` stores them in (sorted relative paths).
    return sorted(found, key=lambda p: os.path.relpath(p, path).replace(os.sep, "/"))


def concatenate(path, out):
    """The raw stream agentreel stores for `path`, as one file, so zstd compresses exactly the same bytes."""
    with open(out, "wb") as sink:
        for f in tree_files(path):
            with open(f, "rb") as src:
                shutil.copyfileobj(src, sink, 1 << 20)
    return os.path.getsize(out)


def generate(args):
    os.makedirs(args.workdir, exist_ok=True)
    agenteye = os.path.join(args.workdir, "agenteye.jsonl")
    claude = os.path.join(args.workdir, "claude-code")
    if not os.path.exists(agenteye):
        spans = max(100, int(args.bytes / 2530))  # agentreel-gen writes about 2.5 KB per span at scale 1
        subprocess.check_call([args.gen, "--runs", "8", "--spans", str(spans), "--seed", "7", "-o", agenteye])
    if not os.path.exists(claude):
        subprocess.check_call([sys.executable, os.path.join(ROOT, "examples/claude_gen/generate_claude_code.py"),
                               "-o", claude, "--bytes", str(args.bytes), "--seed", "7"])
    return [("AgentEye (agentreel-gen)", agenteye), ("Claude Code (claude_gen)", claude)]


def bench_dataset(args, name, path):
    cat = os.path.join(args.workdir, "stream.bin")
    size = concatenate(path, cat)
    out = os.path.join(args.workdir, "out")
    tools = {
        "agentreel convert": lambda: [args.agentreel, "convert", path, "-o", out] + args.convert_args,
        "zstd -3 -T0": lambda: ["zstd", "-q", "-f", "-3", "-T0", cat, "-o", out],
        "zstd -19 --long=27": lambda: ["zstd", "-q", "-f", "-19", "--long=27", "-T0", cat, "-o", out],
    }
    samples = {tool: [] for tool in tools}
    for _ in range(args.runs):  # interleaved, so a noisy neighbour hurts every tool alike
        for tool, argv in tools.items():
            if tool.startswith("zstd -19") and args.skip_zstd19:
                continue
            wall, rss = run_measured(argv())
            samples[tool].append((wall, os.path.getsize(out), rss))
            print("  %-26s %-20s %7.2f s %12d B %7.1f MB RSS" % (name, tool, wall, samples[tool][-1][1], rss / 1e6),
                  file=sys.stderr, flush=True)
    os.remove(cat)
    read_bench(args, name, [args.agentreel, "convert", path, "-o", out] + args.convert_args, out)
    rows = []
    for tool, runs in samples.items():
        if not runs:
            continue
        wall = statistics.median(r[0] for r in runs)
        rows.append((name, tool, size, wall, size / wall / 1e6, statistics.median(r[1] for r in runs),
                     statistics.median(r[2] for r in runs) / 1e6, len(runs)))
    return rows


def read_bench(args, name, convert_argv, bundle):
    """Payload read latency of the bundle `convert_argv` writes, when agentreel-read-bench is built."""
    if not os.path.exists(args.read_bench):
        return
    run_measured(convert_argv)
    out = subprocess.run([args.read_bench, bundle, "200"], capture_output=True, text=True, check=True).stdout.strip()
    args.read_lines.append("%s: %s" % (name, out))
    print("  %-26s %s" % (name, out), file=sys.stderr, flush=True)


def realdata_row(args):
    cat = os.path.join(args.workdir, "realdata.bin")
    size = concatenate(args.realdata, cat)
    out = os.path.join(args.workdir, "out")
    run_measured([args.agentreel, "convert", args.realdata, "-o", out] + args.convert_args)
    reel = os.path.getsize(out)
    run_measured(["zstd", "-q", "-f", "-19", "--long=27", cat, "-o", out])
    z19 = os.path.getsize(out)
    run_measured(["zstd", "-q", "-f", "-3", cat, "-o", out])
    z3 = os.path.getsize(out)
    os.remove(cat)
    return size, reel, z3, z19


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agentreel", default=os.path.join(ROOT, "build/bin/agentreel"))
    parser.add_argument("--gen", default=os.path.join(ROOT, "build/bin/agentreel-gen"))
    parser.add_argument("--read-bench", help="agentreel-read-bench (default: next to --agentreel)")
    parser.add_argument("--workdir", default="/tmp/agentreel-bench")
    parser.add_argument("--bytes", type=float, default=1e9, help="size of each generated data set (default 1e9)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--realdata", help="also report sizes for this directory (e.g. /work/shared/realdata)")
    parser.add_argument("--skip-zstd19", action="store_true", help="leave out zstd -19 (it is slow)")
    parser.add_argument("--convert-args", nargs=argparse.REMAINDER, default=[],
                        help="extra arguments for agentreel convert (must come last)")
    args = parser.parse_args()
    args.read_bench = args.read_bench or os.path.join(os.path.dirname(args.agentreel), "agentreel-read-bench")
    args.read_lines = []
    rows = []
    for name, path in generate(args):
        rows += bench_dataset(args, name, path)
    print("| data set | tool | input MB | median s | MB/s | output bytes | ratio | peak RSS MB | runs |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, tool, size, wall, mbps, out, rss, n in rows:
        print("| %s | %s | %.0f | %.2f | %.1f | %d | %.1f | %.1f | %d |" % (name, tool, size / 1e6, wall, mbps, out,
                                                                            size / out, rss, n))
    if args.read_lines:
        print("\nPayload reads (agentreel-read-bench, 200 random spans):\n")
        for line in args.read_lines:
            print("- " + line)
    if args.realdata:
        size, reel, z3, z19 = realdata_row(args)
        print("\n| %s | input bytes | agentreel convert | zstd -3 | zstd -19 --long=27 |" % args.realdata)
        print("| --- | ---: | ---: | ---: | ---: |")
        print("| all files | %d | %d | %d | %d |" % (size, reel, z3, z19))


if __name__ == "__main__":
    main()
