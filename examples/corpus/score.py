#!/usr/bin/env python3
"""Scores `agentreel why --json` against a corpus' labels: precision and recall per finding kind.

usage: score.py AGENTREEL CORPUS_DIR [--work DIR]
Converts CORPUS_DIR/logs into one bundle, runs `why --json`, and compares, per session, the set of finding
kinds with the labeled set (a session with no label kind must get no finding of that kind).
Exit status 1 when a kind is below --target (default 0.95) in precision or recall.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

KINDS = ["loop", "drift", "blocked", "error", "unfinished", "stall", "compaction"]


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("agentreel")
    ap.add_argument("corpus")
    ap.add_argument("--work", default=None)
    ap.add_argument("--target", type=float, default=0.95)
    ap.add_argument("--show", action="store_true", help="print each wrong session")
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="why-score-")
    bundle = os.path.join(work, "corpus.reel")
    subprocess.run([args.agentreel, "convert", os.path.join(args.corpus, "logs"), "-o", bundle], check=True,
                   stdout=subprocess.DEVNULL)
    out = subprocess.run([args.agentreel, "why", bundle, "--json"], check=True, capture_output=True, text=True).stdout
    found = {s["id"]: s for s in json.loads(out)["sessions"]}
    labels = json.load(open(os.path.join(args.corpus, "labels.json")))
    tp = {k: 0 for k in KINDS}
    fp = dict(tp)
    fn = dict(tp)
    clean_total = clean_ok = 0
    for sid, want in labels.items():
        got = {f["kind"] for f in found.get(sid, {"findings": []})["findings"]}
        want = set(want)
        if not want:
            clean_total += 1
            clean_ok += not got
        for k in KINDS:
            tp[k] += k in got and k in want
            fp[k] += k in got and k not in want
            fn[k] += k in want and k not in got
        if args.show and got != want:
            print("%s want %s got %s: %s" % (sid, sorted(want), sorted(got), found.get(sid, {}).get("verdict")))
    ok = True
    print("%-11s %5s %5s %5s  %9s %6s" % ("kind", "tp", "fp", "fn", "precision", "recall"))
    for k in KINDS:
        p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else 1.0
        r = tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else 1.0
        ok &= p >= args.target and r >= args.target
        print("%-11s %5d %5d %5d  %9.3f %6.3f" % (k, tp[k], fp[k], fn[k], p, r))
    print("clean runs with no finding: %d of %d" % (clean_ok, clean_total))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
