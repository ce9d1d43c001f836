#!/usr/bin/env python3
"""Independent computation of the numbers tests/shared/readers/hooks/hooks_reader_test.cpp asserts.

Run by hand from this folder (python3 compute_expected.py); it reads the files with Python's json module,
never the reader's output, and prints per file: records, skipped lines (line, byte offset, reason), the
decision counts, and per record the hook span the reader must produce (session, name, start/end ns or the
ordinal step, status, decision, reason, policy, tool, how it is joined).

Rules (docs in shared/readers/hooks/hooks_reader.h):
- failproofai row: "eventType" + "decision" strings; "timestamp" epoch ms stamped after the evaluation, so
  start = timestamp - durationMs, end = timestamp; name = policyNames joined by ", ", else policyName,
  else eventType; join by tool name + time (the rows carry no tool_use_id).
- Claude payload: the object holding "hook_event_name" (the record, or its "payload" / "input" /
  "input.payload"); response in "output"; decision = output.decision, else hookSpecificOutput
  .permissionDecision (flat, in output, or in output.stdout's JSON), else exit code 2 -> deny;
  time = the logger's "timestamp" (start of the span), none -> ordinal step = line number.
"""
import datetime
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))


def rfc3339_ns(text):
    dt = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    delta = dt - epoch
    return (delta.days * 86400 + delta.seconds) * 10**9 + delta.microseconds * 1000


def payload_of(o):
    if isinstance(o.get("hook_event_name"), str):
        return o
    for key in ("payload", "input"):
        inner = o.get(key)
        if isinstance(inner, dict):
            if isinstance(inner.get("hook_event_name"), str):
                return inner
            nested = inner.get("payload")
            if isinstance(nested, dict) and isinstance(nested.get("hook_event_name"), str):
                return nested
    return None


def names(o):
    joined = ", ".join(n for n in (o.get("policyNames") or []) if isinstance(n, str) and n)
    policy = o.get("policyName") if isinstance(o.get("policyName"), str) and o.get("policyName") else joined
    return (joined or policy), policy


def failproofai(o):
    ts = o.get("timestamp")
    if ts is None:
        return "missing_field"
    if isinstance(ts, str):
        try:
            end = rfc3339_ns(ts)
        except ValueError:
            return "bad_timestamp"
    elif isinstance(ts, int) and not isinstance(ts, bool):
        end = ts * 10**6
    else:
        return "bad_timestamp"
    duration = o.get("durationMs") if isinstance(o.get("durationMs"), (int, float)) else 0
    duration_ns = int(duration) * 10**6
    name, policy = names(o)
    decision = o["decision"]
    return dict(session=o.get("sessionId") or "", name=name or o["eventType"], start=end - duration_ns, end=end,
                decision=decision, status="denied" if decision in ("deny", "block") else "ok",
                reason=o.get("reason") or "", policy=policy, tool=o.get("toolName") or "", event=o["eventType"],
                join=("nearest", o.get("toolName"), end - duration_ns) if o.get("toolName") else None)


def claude(o, line):
    p = payload_of(o)
    out = o.get("output") if isinstance(o.get("output"), dict) else {}
    stdout = {}
    if isinstance(out.get("stdout"), str) and out["stdout"].strip().startswith("{"):
        stdout = json.loads(out["stdout"])
    specific = out.get("hookSpecificOutput") or o.get("hookSpecificOutput") or stdout.get("hookSpecificOutput") or {}
    decision = out.get("decision") or specific.get("permissionDecision") or ""
    reason = out.get("reason") or specific.get("permissionDecisionReason") or ""
    if not decision and out.get("exitCode") == 2:
        decision, reason = "deny", reason or out.get("stderr", "")
    name, policy = names(out)
    ts = o.get("timestamp", p.get("timestamp"))
    if isinstance(ts, str):
        start = rfc3339_ns(ts)
    elif isinstance(ts, (int, float)):
        whole = int(ts)
        start = whole * 10**9 + round((ts - whole) * 10**9) if ts < 1e11 else int(ts * 10**6)
    else:
        start = None
    tool = p.get("tool_name") or ""
    join = None
    if start is not None:
        join = ("id", p["tool_use_id"]) if p.get("tool_use_id") else (("nearest", tool, start) if tool else None)
    return dict(session=p.get("session_id") or "", name=name or p["hook_event_name"],
                start=start if start is not None else None, end=start, ordinal=None if start is not None else line,
                decision=decision, status="denied" if decision in ("deny", "block") else "ok", reason=reason,
                policy=policy, tool=tool, event=p["hook_event_name"], join=join)


def read(path):
    data = open(path, "rb").read()
    text = data.decode("utf-8")
    records, skipped = [], []
    first = next((l for l in text.splitlines() if l.strip()), "")
    try:
        json.loads(first)
        document = False
    except ValueError:
        document = first.lstrip().startswith(("{", "["))
    if document:
        o = json.loads(text)
        start = len(data) - len(data.lstrip())
        records.append((1 + data[:start].count(b"\n"), start, len(data.rstrip()) - start, o))
    else:
        offset = 0
        for number, raw in enumerate(data.split(b"\n"), 1):
            terminated = offset + len(raw) < len(data)
            if raw.strip():
                try:
                    o = json.loads(raw)
                    records.append((number, offset, len(raw), o))
                except ValueError:
                    skipped.append((number, offset, "invalid_json" if terminated else "partial_line"))
            offset += len(raw) + 1
    spans = []
    for number, offset, length, o in list(records):
        if not isinstance(o, dict):
            skipped.append((number, offset, "wrong_type"))
            continue
        if isinstance(o.get("eventType"), str) and isinstance(o.get("decision"), str):
            span = failproofai(o)
        elif payload_of(o) is not None:
            span = claude(o, number)
        else:
            span = "unknown_type"
        if isinstance(span, str):
            skipped.append((number, offset, span))
            continue
        span["record"] = (offset, length)
        spans.append(span)
    return spans, sorted(skipped)


def main():
    for root, _, files in sorted(os.walk(HERE)):
        for name in sorted(files):
            if not name.endswith((".jsonl", ".json")):
                continue
            path = os.path.join(root, name)
            spans, skipped = read(path)
            print("==", os.path.relpath(path, HERE))
            print("  records", len(spans), " hook spans", len(spans), " skipped", skipped)
            print("  decisions", dict(Counter(s["decision"] for s in spans)))
            print("  statuses", dict(Counter(s["status"] for s in spans)))
            print("  duration_ns sum", sum((s["end"] - s["start"]) for s in spans if s["start"] is not None))
            for s in spans:
                print("   ", json.dumps(s, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
