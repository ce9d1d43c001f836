#!/usr/bin/env python3
"""Scores `agentreel why --json` against hand labels of real sessions (tests/data/diagnosis_real/labels.json).

usage: score_labeled.py AGENTREEL LABELS_JSON [--target 0.95] [--floor KIND=P,R]... [--show]

labels.json: {"kinds": [...], "sessions": [{"inputs": [paths relative to labels.json], "session": id,
"labels": {kind: sentence}, "clean": sentence (when no label), "unlabelable": [kinds the time basis cannot
support], "notes": ...}]}. Sessions are matched by id in `why --json` of their inputs (inputs shared by several
sessions are run once). Per kind: tp / fp / fn over the sessions where the kind is labelable, precision and
recall. Every disagreement is printed with the label's sentence (a miss) or why's summary (a false alarm).

Exit 1 when a kind with at least one labeled instance is below its floor in precision or recall: --target for
every kind, or --floor KIND=P,R for that kind (the floors that hold today, while the diagnosis is being fixed).
Kinds with no labeled instance are reported (false alarms counted) but not gated. Exit 2 when a labeled session is
missing from why's output.
"""
import argparse
import json
import os
import subprocess
import sys


def run_why(agentreel, paths):
    out = subprocess.run([agentreel, "why", *paths, "--json"], check=True, capture_output=True, text=True).stdout
    return {s["id"]: s for s in json.loads(out)["sessions"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("agentreel")
    ap.add_argument("labels")
    ap.add_argument("--target", type=float, default=0.95)
    ap.add_argument("--floor", action="append", default=[], help="KIND=PRECISION,RECALL")
    ap.add_argument("--show", action="store_true", help="also print the sessions where why agrees")
    args = ap.parse_args()

    doc = json.load(open(args.labels))
    base = os.path.dirname(os.path.abspath(args.labels))
    kinds = doc["kinds"]
    floors = {}
    for f in args.floor:
        k, v = f.split("=")
        p, r = v.split(",")
        floors[k] = (float(p), float(r))

    cache = {}
    tp = {k: 0 for k in kinds}
    fp = dict(tp)
    fn = dict(tp)
    disagreements = []
    clean_total = clean_ok = 0
    missing = 0
    for s in doc["sessions"]:
        paths = tuple(os.path.normpath(os.path.join(base, p)) for p in s["inputs"])
        if paths not in cache:
            cache[paths] = run_why(args.agentreel, list(paths))
        got_session = cache[paths].get(s["session"])
        name = "%s [%s]" % (s["session"], ", ".join(os.path.relpath(p, base) for p in paths))
        if got_session is None:
            print("MISSING %s: why --json has no such session" % name)
            missing += 1
            continue
        findings = {}
        for f in got_session["findings"]:
            findings.setdefault(f["kind"], f)
        want = s["labels"]
        skip = set(s.get("unlabelable", []))
        if not want:
            clean_total += 1
            clean_ok += not (set(findings) - skip)
        for k in kinds:
            if k in skip:
                continue
            w, g = k in want, k in findings
            tp[k] += w and g
            fp[k] += g and not w
            fn[k] += w and not g
            if w and not g:
                disagreements.append("MISS  %-12s %s\n      label: %s\n      why:   %s" %
                                     (k, name, want[k], got_session.get("verdict", "")))
            elif g and not w:
                why_said = findings[k].get("summary", "")
                note = s.get("notes") or s.get("clean") or ""
                disagreements.append("FALSE %-12s %s\n      why:   %s\n      label: %s" % (k, name, why_said, note))
            elif args.show and w and g:
                print("AGREE %-12s %s: %s" % (k, name, findings[k].get("summary", "")))

    ok = missing == 0
    print("%-12s %4s %4s %4s %9s %6s %11s" % ("kind", "tp", "fp", "fn", "precision", "recall", "floor p/r"))
    for k in kinds:
        p = tp[k] / (tp[k] + fp[k]) if tp[k] + fp[k] else 1.0
        r = tp[k] / (tp[k] + fn[k]) if tp[k] + fn[k] else 1.0
        labeled = tp[k] + fn[k]
        fp_, fr_ = floors.get(k, (args.target, args.target))
        gate = "%.2f/%.2f" % (fp_, fr_) if labeled else "not gated"
        bad = labeled and (p < fp_ or r < fr_)
        ok &= not bad
        print("%-12s %4d %4d %4d %9.3f %6.3f %11s%s" % (k, tp[k], fp[k], fn[k], p, r, gate, "  BELOW" if bad else ""))
    print("clean sessions reported clean: %d of %d (%d sessions, %d labeled kind instances)" %
          (clean_ok, clean_total, len(doc["sessions"]), sum(len(s["labels"]) for s in doc["sessions"])))
    if disagreements:
        print("\n%d disagreements (MISS: labeled, not found; FALSE: found, not labeled):" % len(disagreements))
        print("\n".join(disagreements))
    return 0 if ok else (2 if missing else 1)


if __name__ == "__main__":
    sys.exit(main())
