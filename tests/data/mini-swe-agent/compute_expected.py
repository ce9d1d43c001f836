#!/usr/bin/env python3
"""Expected numbers for tests/shared/readers/mini_swe_agent/mini_swe_agent_reader_test.cpp, computed with Python's
json module only, never from the reader. Run by hand: python3 compute_expected.py.

Rules (shared/readers/mini_swe_agent/mini_swe_agent_reader.h): one model span per assistant message; its calls are
extra.actions (else tool_calls, else the one ```mswea_bash_command / ```bash block of its text), each answered by
the tool message with its tool_call_id or (older) the next user message; a call fails when its return code
(extra.returncode, or the <returncode>N</returncode> the older observation starts with) is not 0; times are the
messages' epoch-second timestamps when every message has one, else steps.
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
FENCE = re.compile(r"```(?:mswea_bash_command|bash)\s*\n(.*?)\n```", re.S)

for name in ("github_issue.traj.json", "hand-written/toolcall.traj.json"):
    doc = json.load(open(os.path.join(HERE, name)))
    messages = doc if isinstance(doc, list) else doc["messages"]
    stamp = lambda m: m.get("timestamp", (m.get("extra") or {}).get("timestamp"))
    timed = all(isinstance(stamp(m), (int, float)) for m in messages)
    steps = [m for m in messages if m["role"] == "assistant"]
    calls, failures, commands = 0, 0, []
    pending = []
    for m in messages:
        if m["role"] == "assistant":
            actions = (m.get("extra") or {}).get("actions")
            if actions:
                pending = [a["command"] for a in actions]
            else:
                found = FENCE.findall(m["content"])
                pending = found[:1]
            calls += len(pending)
            commands += pending
        elif m["role"] in ("user", "tool") and pending and m is not messages[1]:
            extra = m.get("extra") or {}
            code = extra.get("returncode")
            if code is None:
                tag = re.match(r"\s*<returncode>(-?\d+)</returncode>", m["content"])
                code = int(tag.group(1)) if tag else None
            failures += code not in (None, 0)
            pending = []
    tokens = [(m["extra"]["response"]["usage"]) for m in steps if "response" in (m.get("extra") or {})]
    print(f"== {name}: messages {len(messages)}, steps {len(steps)}, calls {calls}, failed {failures}, timed {timed}")
    print(f"  spans {1 + len(steps) + calls}; last command {commands[-1][:50]!r}")
    if timed:
        print(f"  start ns {round(stamp(messages[0]) * 1e9)}, end ns {round(max(stamp(m) for m in messages) * 1e9)}")
    for u in tokens:
        cached = u["prompt_tokens_details"]["cached_tokens"]
        print(f"  turn tokens: input {u['prompt_tokens'] - cached} cache_read {cached} output {u['completion_tokens']}")
