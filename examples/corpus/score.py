#!/usr/bin/env python3
"""Scores `agentreel why --json` against a corpus' labels: precision and recall per finding kind, per form.

usage: score.py AGENTREEL CORPUS_DIR [--work DIR] [--show]
CORPUS_DIR is one form (CORPUS_DIR/logs + labels.json, from make_corpus.py --form agenteye|claude) or both
(CORPUS_DIR/agenteye/ and CORPUS_DIR/claude/, from --form both): each form is scored on its own.
Converts the form's logs into one bundle, runs `why --json`, and compares, per session, the set of finding
kinds with the labeled set (a session with no label kind must get no finding of that kind).
Exit status 1 when a kind of any form is below --target (default 0.95) in precision or recall.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

KINDS = ["loop", "drift", "blocked", "error", "unfinished", "stall", "compaction"]


def score_form(agentreel, corpus, work, target, show):
    bundle = os.path.join(work, "corpus.reel")
    subprocess.run([agentreel, "convert", os.path.join(corpus, "logs"), "-o", bundle], check=True,
                   stdout=subprocess.DEVNULL)
    out = subprocess.run([agentreel, "why", bundle, "--json"], check=True, capture_output=True, text=True).stdout
    found = {s["id"]: s for s in json.loads(out)["sessions"]}
    labels = json.load(open(os.path.join(corpus, "labels.json")))
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
        if show and got != want:
            print("%s want %s got %s: %s" % (sid, sorted(want), sorted(got), found.get(sid, {}).get("verdict")))
    ok = True
    print("%-11s %5s %5s %5s  %9s %6s" % ("kind", "tp", "fp", "fn", "precision", "recall"))
    for k in KINDS:
        p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else 1.0
        r = tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else 1.0
        ok &= p >= target and r >= target
        print("%-11s %5d %5d %5d  %9.3f %6.3f" % (k, tp[k], fp[k], fn[k], p, r))
    print("clean runs with no finding: %d of %d" % (clean_ok, clean_total))
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("agentreel")
    ap.add_argument("corpus")
    ap.add_argument("--work", default=None)
    ap.add_argument("--target", type=float, default=0.95)
    ap.add_argument("--show", action="store_true", help="print each wrong session")
    args = ap.parse_args()
    work = args.work or tempfile.mkdtemp(prefix="why-score-")
    if os.path.isdir(os.path.join(args.corpus, "logs")):
        forms = [("", args.corpus)]
    else:
        forms = [(f, os.path.join(args.corpus, f)) for f in ("agenteye", "claude")
                 if os.path.isdir(os.path.join(args.corpus, f, "logs"))]
        if not forms:
            print("%s: no logs/ and no agenteye/logs or claude/logs" % args.corpus, file=sys.stderr)
            return 2
    ok = True
    for form, corpus in forms:
        if form:
            print("== %s form" % form)
        form_work = os.path.join(work, form) if form else work
        os.makedirs(form_work, exist_ok=True)
        ok &= score_form(args.agentreel, corpus, form_work, args.target, args.show)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
