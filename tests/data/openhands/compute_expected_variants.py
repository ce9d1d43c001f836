#!/usr/bin/env python3
"""Expected numbers for tests/shared/readers/openhands/openhands_variants_test.cpp: the software-agent-sdk (V1)
event stream in v1-sdk/output.jsonl and the V0 "download trajectory" export v0-trajectory-export/basic.json.
Computed with Python's json and datetime modules only, never from the reader. Run by hand:
python3 compute_expected_variants.py.

Rules (shared/readers/openhands/openhands_reader.h): V1 ActionEvent and the ObservationEvent /
UserRejectObservation / AgentErrorEvent with its tool_call_id form one tool span named by tool_name; one model span
per llm_response_id; an observation whose exit code (observation.exit_code, else observation.metadata.exit_code)
is not 0, or whose is_error / error is true, is an error. The V0 export is one run: its actions and the
observations that name them in "cause"; a person's message (action "message", source "user") is a human span.
"""
import datetime
import json
import os
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))


def ns(ts):
    d = datetime.datetime.fromisoformat(ts).replace(tzinfo=datetime.timezone.utc)
    return int(d.timestamp()) * 10**9 + d.microsecond * 1000


def v1_exit_code(obs):
    for value in (obs.get("exit_code"), (obs.get("metadata") or {}).get("exit_code")):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


print("== v1-sdk/output.jsonl")
for number, line in enumerate(open(os.path.join(HERE, "v1-sdk", "output.jsonl"), "rb"), start=1):
    run = json.loads(line)
    h = run["history"]
    actions = {e["tool_call_id"]: k for k, e in enumerate(h) if e["kind"] == "ActionEvent"}
    pairs = errors = 0
    names = Counter()
    commands = []
    for k, e in enumerate(h):
        if e["kind"] in ("ObservationEvent", "UserRejectObservation", "AgentErrorEvent") and e.get("tool_call_id") in actions:
            pairs += 1
            a = h[actions[e["tool_call_id"]]]
            names[a["tool_name"]] += 1
            obs = e.get("observation") or {}
            code = v1_exit_code(obs)
            if e["kind"] == "AgentErrorEvent" or obs.get("is_error") is True or obs.get("error") is True or code not in (None, 0):
                errors += 1
            if isinstance((a.get("action") or {}).get("command"), str):
                commands.append(a["action"]["command"])
    responses = {e.get("llm_response_id") for e in h if e["kind"] == "ActionEvent"}
    times = [ns(e["timestamp"]) for e in h]
    print(f"line {number} session {run['instance_id']} events {len(h)} kinds {dict(Counter(e['kind'] for e in h))}")
    print(f"  tool spans {pairs} {dict(names)} errors {errors}; model spans {len(responses)}; spans {1 + pairs + len(responses)}")
    print(f"  start {min(times)} duration {max(times) - min(times)} model {run['metadata']['llm']['model']}")
    print(f"  commands {len(commands)}; first {commands[0][:60]!r}")

print("== v0-trajectory-export/basic.json")
events = json.load(open(os.path.join(HERE, "v0-trajectory-export", "basic.json")))
by_id = {e["id"]: k for k, e in enumerate(events) if "action" in e}
kinds = Counter()
for k, e in enumerate(events):
    if e.get("action") == "message" and e.get("source") == "user" and not e.get("tool_call_metadata"):
        kinds["human"] += 1
    elif "action" in e:
        paired = any(o.get("cause") == e["id"] for o in events if "observation" in o)
        tcm = e.get("tool_call_metadata")
        kinds["tool" if paired or tcm else "event"] += 1
        if tcm:
            kinds["model"] += 1
print(f"  events {len(events)} spans {1 + sum(kinds.values())} {dict(kinds)}")
times = [ns(e["timestamp"]) for e in events]
print(f"  start {min(times)} duration {max(times) - min(times)}")
for e in events:
    if "action" in e and e.get("tool_call_metadata"):
        print(f"  {e['action']} {e['tool_call_metadata']['function_name']} args keys {sorted(e.get('args', {}))}")
