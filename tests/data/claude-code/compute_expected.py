#!/usr/bin/env python3
"""Expected numbers for the Claude Code reader tests, computed from the JSONL alone (no agentreel code).

Run by hand from anywhere: `python3 tests/data/claude-code/compute_expected.py`. The tests in
tests/shared/readers/claude_code/ hard-code what this prints; rerun it when a sample changes.

It applies the span model documented at the top of shared/readers/claude_code/claude_code_reader.cpp,
written here again from the transcript schema, independently of the C++ code:
  - records: every line that is a JSON object with a string "type" (blank lines excluded);
  - agent: one per sessionId that has a timestamped record other than an isMeta user record (and other than
    file-history-snapshot/summary);
  - model: one per distinct assistant message.id (records with isApiErrorMessage are `error` spans instead);
    tokens from that message's LAST record in file order, counted once;
  - tool: one per distinct tool_use id, plus one per tool_result whose tool_use is not in the file;
  - hook: one per progress record with data.type "hook_progress";
  - human: user prompts (not tool results, not isMeta, not isCompactSummary, not sidechain, not an interrupt,
    local-command output or task notification);
  - event: other progress records, system records (api_error -> `error`), queue-operation, interrupts,
    local-command output, task notifications, and timestamped records of unknown types.
"""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SESSION = "258c7280-ae70-4798-800f-63464d01a85d"
FILES = [
    "short.jsonl",
    "tool_heavy.jsonl",
    "subagent.jsonl",
    SESSION + ".jsonl",
    SESSION + "/subagents/agent-a881341.jsonl",
    SESSION + "/subagents/agent-acompact-fffbd0.jsonl",
]
NO_SPAN_TYPES = {"file-history-snapshot", "summary"}
REJECTED = ("The user doesn't want to proceed", "The user doesn't want to take this action")
INTERRUPTED = "[Request interrupted by user"


def text_of(content):
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(b.get("text", "") for b in content if isinstance(b, dict) and b.get("type") == "text")
    return ""


def goal_text(text):
    """A slash command reads as "/name args"; any other prompt as itself."""
    if "<command-name>" not in text:
        return text
    def tag(name):
        start = text.find("<%s>" % name)
        end = text.find("</%s>" % name)
        return text[start + len(name) + 2:end].strip() if start >= 0 and end > start else ""
    return (tag("command-name") + " " + tag("command-args")).strip()


def user_kind(r):
    """What a user record without tool_result blocks becomes."""
    if r.get("isMeta") or r.get("isCompactSummary"):
        return None
    text = text_of(r["message"].get("content")).lstrip()
    if text.startswith(INTERRUPTED):
        return "interrupt"
    if text.startswith(("<local-command-stdout>", "<local-command-stderr>", "<local-command-caveat>")):
        return "local_command"
    if text.startswith("<task-notification>"):
        return "task_notification"
    if r.get("isSidechain"):
        return "subagent prompt"
    return "human"


def analyze(rel):
    lines = open(os.path.join(HERE, rel), encoding="utf-8").read().split("\n")
    recs = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except ValueError:
            continue
        if isinstance(r, dict) and isinstance(r.get("type"), str):
            recs.append((n, r))

    kinds = collections.Counter()
    events = collections.Counter()
    sessions = set()
    messages = collections.OrderedDict()  # message id -> last record's usage
    uses = collections.OrderedDict()      # tool_use id -> (line, name)
    results = {}                          # tool_use id -> (line, status, agentId)
    interrupts = []                       # lines
    goal = None
    for n, r in recs:
        t = r["type"]
        if t in NO_SPAN_TYPES or "timestamp" not in r:
            continue
        if not (t == "user" and r.get("isMeta")) and r.get("sessionId"):
            sessions.add(r["sessionId"])
        if t == "assistant":
            m = r["message"]
            if r.get("isApiErrorMessage"):
                kinds["error"] += 1
                continue
            messages[m.get("id") or r["uuid"]] = m.get("usage") or {}
            for b in m.get("content") or []:
                if isinstance(b, dict) and b.get("type") == "tool_use" and b["id"] not in uses:
                    uses[b["id"]] = (n, b.get("name"))
        elif t == "user":
            content = r["message"].get("content")
            blocks = [b for b in content if isinstance(b, dict) and b.get("type") == "tool_result"] \
                if isinstance(content, list) else []
            for b in blocks:
                text = text_of(b.get("content")).lstrip()
                if text.startswith(INTERRUPTED):
                    status = "cancelled"
                elif b.get("is_error") and text.startswith(REJECTED):
                    status = "denied"
                elif b.get("is_error"):
                    status = "error"
                else:
                    status = "ok"
                tur = r.get("toolUseResult")
                agent = tur.get("agentId") if isinstance(tur, dict) else None
                results[b["tool_use_id"]] = (n, status, agent)
            if blocks:
                continue
            k = user_kind(r)
            if k in ("human", "subagent prompt") and goal is None:
                goal = goal_text(text_of(content))
            if k == "human":
                kinds["human"] += 1
            elif k == "interrupt":
                kinds["event"] += 1
                events["interrupt"] += 1
                interrupts.append(n)
            elif k and k != "subagent prompt":
                kinds["event"] += 1
                events[k] += 1
        elif t == "progress":
            dt = (r.get("data") or {}).get("type") or "progress"
            if dt == "hook_progress":
                kinds["hook"] += 1
            else:
                kinds["event"] += 1
                events[dt] += 1
        elif t == "system":
            st = r.get("subtype") or "system"
            if st == "api_error":
                kinds["error"] += 1
            else:
                kinds["event"] += 1
                events["compaction" if st == "compact_boundary" else st] += 1
        else:
            kinds["event"] += 1
            events[t] += 1
    kinds["agent"] = len(sessions)
    kinds["model"] = len(messages)
    orphans = [i for i in results if i not in uses]
    kinds["tool"] = len(uses) + len(orphans)

    statuses = collections.Counter()
    for i, (n, _) in uses.items():
        if i in results:
            statuses[results[i][1]] += 1
        elif any(k > n for k in interrupts):
            statuses["cancelled"] += 1
        else:
            statuses["unfinished"] += 1
    tokens = collections.Counter()
    for usage in messages.values():
        tokens["input"] += usage.get("input_tokens", 0)
        tokens["output"] += usage.get("output_tokens", 0)
        tokens["cache_read"] += usage.get("cache_read_input_tokens", 0)
        tokens["cache_creation"] += usage.get("cache_creation_input_tokens", 0)
    agent_of_tool = {i: res[2] for i, res in results.items() if res[2]}
    return {
        "records": len(recs),
        "lines": len([l for l in lines if l.strip()]),
        "spans": sum(kinds.values()),
        "kinds": dict(sorted(kinds.items())),
        "events": dict(sorted(events.items())),
        "tool_calls": len(uses),
        "paired": len([i for i in uses if i in results]),
        "unpaired_uses": [i for i in uses if i not in results],
        "orphan_results": orphans,
        "tool_status": dict(sorted(statuses.items())),
        "tokens": dict(tokens),
        "task_agents": agent_of_tool,
        "tool_names_of_task_agents": {i: uses[i][1] for i in agent_of_tool if i in uses},
        "goal": (goal or "")[:80],
    }


def compaction_links():
    """The compact_boundary's logicalParentUuid, and the compaction agent's last parentUuid outside its file."""
    main = [json.loads(l) for l in open(os.path.join(HERE, SESSION + ".jsonl"), encoding="utf-8") if l.strip()]
    boundary = [r.get("logicalParentUuid") for r in main if r.get("subtype") == "compact_boundary"]
    side = [json.loads(l) for l in open(os.path.join(HERE, FILES[5]), encoding="utf-8") if l.strip()]
    own = {r.get("uuid") for r in side}
    external = [r["parentUuid"] for r in side if r.get("parentUuid") and r["parentUuid"] not in own]
    return boundary, external[-1] if external else None


if __name__ == "__main__":
    total = collections.Counter()
    for rel in FILES:
        result = analyze(rel)
        print(rel)
        for key, value in result.items():
            print("  %-26s %s" % (key, json.dumps(value)))
        if rel.startswith(SESSION):
            total.update(result["kinds"])
    print("session %s as a directory input: spans by kind %s, total %d" %
          (SESSION, json.dumps(dict(sorted(total.items()))), sum(total.values())))
    boundary, external = compaction_links()
    print("compact_boundary logicalParentUuid %s; compaction agent's last external parentUuid %s -> %s" %
          (boundary, external, "linked" if external in boundary else "NOT linked"))
    sys.exit(0)
