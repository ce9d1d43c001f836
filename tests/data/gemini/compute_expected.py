#!/usr/bin/env python3
"""Expected numbers for tests/shared/readers/gemini/gemini_reader_test.cpp, computed from the session files alone
(json module, not the reader): records, spans by kind, tool calls by status, tokens. Run by hand from this folder;
paste its output into the test. The rules are docs/formats.md's Gemini CLI section, written out again here: the
last version of each message id counts, in the order ids first appeared; a message seen only inside a "$set"
messages checkpoint is the harness's own and counts for nothing.
"""
import glob
import json
import os


def text_of(content):
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n\n".join(p["text"] for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
    return ""


def injected(text):
    t = text.strip()
    return (not t or t.startswith("<session_context>") or t.startswith("<hook_context>") or
            t in ("Please continue.", "System: Please continue."))


def messages_of(path):
    """(records, messages in order, rewinds) of a session file in either layout."""
    raw = open(path, encoding="utf-8").read()
    try:
        doc = json.loads(raw)
        msgs = [m for m in doc.get("messages", []) if isinstance(m, dict) and "id" in m]
        return 1 + len(msgs), msgs, 0
    except ValueError:
        pass
    order, latest, synthetic = [], {}, set()
    records = rewinds = 0
    for line in raw.split("\n"):
        if not line.strip():
            continue
        r = json.loads(line)
        records += 1
        if "$rewindTo" in r:
            rewinds += 1
        elif "$set" in r:
            for m in r["$set"].get("messages", []):
                if m["id"] not in latest:
                    order.append(m["id"])
                    synthetic.add(m["id"])
                latest[m["id"]] = m
        elif "id" in r:
            if r["id"] not in latest:
                order.append(r["id"])
            synthetic.discard(r["id"])
            latest[r["id"]] = r
    return records, [latest[i] for i in order if i not in synthetic], rewinds


os.chdir(os.path.dirname(os.path.abspath(__file__)))
for path in sorted(glob.glob("**/*.json", recursive=True) + glob.glob("**/*.jsonl", recursive=True)):
    records, msgs, rewinds = messages_of(path)
    k = dict(agent=1, human=0, model=0, tool=0, event=rewinds, error=0)
    s = dict(ok=0, error=0, cancelled=0, open=0)
    tok = dict(input=0, cache_read=0, output=0, reasoning=0)
    for m in msgs:
        t = m.get("type")
        if t == "user":
            k["human"] += 0 if injected(text_of(m.get("content"))) else 1
        elif t == "gemini":
            k["model"] += 1
            tk = m.get("tokens") or {}
            if tk:
                tok["input"] += max(0, tk.get("input", 0) - tk.get("cached", 0)) + tk.get("tool", 0)
                tok["cache_read"] += tk.get("cached", 0)
                tok["output"] += tk.get("output", 0) + tk.get("thoughts", 0)
                tok["reasoning"] += tk.get("thoughts", 0)
            for call in m.get("toolCalls") or []:
                k["tool"] += 1
                st = call.get("status")
                s[{"success": "ok", "error": "error", "cancelled": "cancelled"}.get(st, "open")] += 1
        elif t == "error":
            k["error"] += 1
        else:
            k["event"] += 1
    print('    {"%s", %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d},' % (
        path, records, k["agent"], k["human"], k["model"], k["tool"], k["event"], k["error"],
        s["ok"], s["error"], s["cancelled"], s["open"], tok["input"], tok["cache_read"], tok["output"],
        tok["reasoning"]))
