#!/usr/bin/env python3
"""Expected numbers for tests/shared/readers/copilot/copilot_reader_test.cpp, computed from the session files alone
(json module, not the reader): records, spans by kind, tool calls by status, tokens. Run by hand from this folder;
paste its output into the test. The rules are docs/formats.md's Copilot CLI section, written out again here.
"""
import glob
import json
import os

QUIET = {"system.message", "tool.execution_partial_result", "tool.execution_progress", "session.idle",
         "assistant.idle", "session.usage_info", "assistant.intent", "pending_messages.modified",
         "session.usage_checkpoint", "assistant.message_start", "hook.progress", "session.context_changed"}
NO_SPAN = {"session.start", "assistant.turn_end", "assistant.message", "assistant.reasoning", "assistant.usage",
           "tool.execution_complete", "subagent.completed", "subagent.failed", "hook.end",
           "session.compaction_start", "session.shutdown", "user.message", "assistant.turn_start",
           "tool.execution_start", "subagent.started", "hook.start", "session.error", "model.call_failure"}


def refused(error):
    text = (error.get("code") or "") + " " + (error.get("message") or "")
    return any(w in text for w in ("rejected", "denied", "declined"))


def events(path):
    lines = [json.loads(l) for l in open(path, encoding="utf-8").read().split("\n") if l.strip()]
    k = dict(agent=1, human=0, model=0, tool=0, hook=0, event=0, error=0)
    s = dict(ok=0, error=0, denied=0, cancelled=0, open=0)
    tok = dict(input=0, cache_read=0, cache_creation=0, output=0, reasoning=0)
    started, done, subagents = set(), set(), set()
    turns = {}  # agentId -> {"usage": [...], "out": n}
    finished = []
    for e in lines:
        t, d, agent = e["type"], e["data"], e.get("agentId", "")
        if t.endswith("_delta") or t.endswith(".delta") or t in QUIET:
            continue
        if t == "user.message":
            k["human"] += 1 if d.get("content", "").strip() else 0
        elif t == "assistant.turn_start":
            k["model"] += 1
            if agent in turns:
                finished.append(turns.pop(agent))
            turns[agent] = {"usage": [], "out": 0}
        elif t == "assistant.turn_end":
            if agent in turns:
                finished.append(turns.pop(agent))
        elif t == "assistant.message":
            turns.setdefault(agent, {"usage": [], "out": 0})["out"] += d.get("outputTokens", 0)
        elif t == "assistant.usage":
            turns.setdefault(agent, {"usage": [], "out": 0})["usage"].append(d)
        elif t == "tool.execution_start":
            k["tool"] += 1
            started.add(d["toolCallId"])
        elif t == "tool.execution_complete":
            cid = d["toolCallId"]
            if cid not in started:
                k["tool"] += 1
            if cid in done:
                continue
            done.add(cid)
            if d.get("success"):
                s["ok"] += 1
            elif refused(d.get("error") or {}):
                s["denied"] += 1
            else:
                s["error"] += 1
        elif t == "subagent.started":
            k["agent"] += 1
            subagents.add(d["toolCallId"])
        elif t in ("subagent.completed", "subagent.failed"):
            if d["toolCallId"] not in subagents:
                k["event"] += 1
        elif t == "hook.start":
            k["hook"] += 1
        elif t in ("session.error", "model.call_failure"):
            k["error"] += 1
        elif t == "abort":
            k["event"] += 1
            for cid in started - done:
                s["cancelled"] += 1
                done.add(cid)
        elif t == "session.compaction_complete":
            k["event"] += 1
        elif t not in NO_SPAN:
            k["event"] += 1
    s["open"] = len(started - done)
    for turn in finished + list(turns.values()):
        if turn["usage"]:
            for u in turn["usage"]:
                read, write = u.get("cacheReadTokens", 0), u.get("cacheWriteTokens", 0)
                tok["input"] += max(0, u.get("inputTokens", 0) - read - write)
                tok["cache_read"] += read
                tok["cache_creation"] += write
                tok["output"] += u.get("outputTokens", 0)
                tok["reasoning"] += u.get("reasoningTokens", 0)
        else:
            tok["output"] += turn["out"]
    return len(lines), k, s, tok


def history(path):
    doc = json.load(open(path, encoding="utf-8"))
    k = dict(agent=1, human=0, model=0, tool=0, hook=0, event=0, error=0)
    s = dict(ok=0, error=0, denied=0, cancelled=0, open=0)
    calls = {}
    for e in doc["timeline"]:
        t = e["type"]
        if t == "user":
            k["human"] += 1
        elif t == "copilot":
            k["model"] += 1
        elif t in ("tool_call_requested", "tool_call_completed"):
            if e["callId"] not in calls or t == "tool_call_requested":
                k["tool"] += 1
                calls[e["callId"]] = None
            if t == "tool_call_completed":
                rt = (e.get("result") or {}).get("type")
                calls[e["callId"]] = {"failure": "error", "error": "error", "failed": "error", "rejected": "denied",
                                      "denied": "denied", "cancelled": "cancelled", "canceled": "cancelled",
                                      "aborted": "cancelled"}.get(rt, "ok")
        elif t == "error":
            k["error"] += 1
        else:
            k["event"] += 1
    for st in calls.values():
        s[st or "open"] += 1
    records = 1 + len(doc["timeline"]) + len(doc.get("chatMessages", []))
    return records, k, s, dict(input=0, cache_read=0, cache_creation=0, output=0, reasoning=0)


os.chdir(os.path.dirname(os.path.abspath(__file__)))
for path in sorted(glob.glob("**/*.json", recursive=True) + glob.glob("**/*.jsonl", recursive=True)):
    n, k, s, t = history(path) if path.endswith(".json") else events(path)
    print('    {"%s", %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d},' % (
        path, n, k["agent"], k["human"], k["model"], k["tool"], k["hook"], k["event"], k["error"],
        s["ok"], s["error"], s["denied"], s["cancelled"], s["open"],
        t["input"], t["cache_read"], t["cache_creation"], t["output"], t["reasoning"]))
