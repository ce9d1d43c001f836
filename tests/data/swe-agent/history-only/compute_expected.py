#!/usr/bin/env python3
"""Expected numbers for the history-only SWE-agent trajectory (function_calling_simple.traj: {"history": [...]},
no "trajectory"), asserted by tests/shared/readers/swe_agent/swe_agent_history_test.cpp. Python's json module
only, never the reader. Run by hand: python3 compute_expected.py.

Rules (shared/readers/swe_agent/swe_agent_reader.h): one step (1 s on the ordinal axis) per assistant message, a
model span with the message's thought as its reply and one tool span per tool call (named by the function),
answered by the tool message whose tool_call_ids name it (its content the output); the first user message is the
task; the run ends at the last step when the agent submitted.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
doc = json.load(open(os.path.join(HERE, "function_calling_simple.traj")))
history = doc["history"]
steps = [m for m in history if m["role"] == "assistant"]
calls = [(c["function"]["name"], c["id"], m.get("action")) for m in steps for c in m.get("tool_calls") or []]
answered = {i for m in history if m["role"] == "tool" for i in m.get("tool_call_ids") or []}
print("messages", len(history), "steps", len(steps), "tool calls", len(calls), "answered", len(answered & {c[1] for c in calls}))
print("spans", 1 + len(steps) + len(calls), "(root, one model per step, one tool per call)")
for name, call_id, action in calls:
    print("  call", name, call_id, "action", repr(action))
print("last call", calls[-1][0], "-> the run", "ends ok" if calls[-1][0] == "submit" else "is unfinished")
print("task starts", repr(next(m for m in history if m["role"] == "user")["content"][:40]))
