#!/usr/bin/env python3
"""Expected numbers for tests/shared/readers/swe_agent/, computed with Python's json module only
(independently of the C++ reader). Run by hand: python3 compute_expected.py; the tests hard-code
what it prints. The rules applied are the span model documented in
shared/readers/swe_agent/swe_agent_reader.h."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
REFUSALS = ("Your proposed edit has introduced new syntax error(s)", "Your output could not be parsed properly",
            "Your output was not formatted correctly", "Interactive operation", "EXECUTION TIMED OUT", "Usage: ")


def refused(observation):
    text = observation.lstrip(" \t\r\n")
    return bool(text) and (text.startswith(REFUSALS) or ": command not found" in text.split("\n", 1)[0])


def element_offsets(raw, key):
    """Byte offset and length of each element of the top-level array `key`, found with
    json.JSONDecoder.raw_decode (str indices converted to UTF-8 byte offsets)."""
    text = raw.decode("utf-8")
    decoder = json.JSONDecoder()
    i = text.index('"%s"' % key) + len(key) + 2
    i = text.index("[", i) + 1
    out = []
    while True:
        while text[i] in " \t\r\n,":
            i += 1
        if text[i] == "]":
            return out
        _, end = decoder.raw_decode(text, i)
        begin_byte = len(text[:i].encode("utf-8"))
        out.append((begin_byte, len(text[i:end].encode("utf-8"))))
        i = end


for name in sorted(os.listdir(HERE)):
    if not name.endswith(".traj"):
        continue
    raw = open(os.path.join(HERE, name), "rb").read()
    doc = json.loads(raw)
    steps = doc["trajectory"]
    replay = doc.get("replay_config")
    if isinstance(replay, str):
        replay = json.loads(replay)
    session = (replay or {}).get("problem_statement", {}).get("id") or name[: -len(".traj")]
    model = (((replay or {}).get("agent") or {}).get("model") or {}).get("name") or "model"
    models = sum(1 for s in steps if s.get("thought") or s.get("response"))
    durations = []
    for s in steps:
        t = s.get("execution_time")
        durations.append(round(t * 1e9) if isinstance(t, (int, float)) and 0 <= t < 1e7 else 1000000000)
    errors = [i for i, s in enumerate(steps) if refused(s.get("observation") or "")]
    names = [(s["action"].split() or ["action"])[0][:64] for s in steps]
    info = doc.get("info", {})
    stats = info.get("model_stats", {})
    cost_key = "instance_cost" if "instance_cost" in stats else "total_cost"
    offsets = element_offsets(raw, "trajectory")
    doc_begin = len(raw) - len(raw.lstrip())
    print("==", name)
    print("session", session, "| model span name", model)
    print("steps", len(steps), "| model spans", models, "| tool spans", len(steps), "| total spans", 1 + models + len(steps))
    print("tool names", names)
    print("tool errors (step indices)", errors, "count", len(errors))
    print("root status", "ok" if info.get("exit_status", "").startswith("submitted") else "error",
          "| exit_status", info.get("exit_status"))
    print("root end / total duration ns", sum(durations))
    print("step start ns", [sum(durations[:i]) for i in range(len(steps))])
    print("cost key", cost_key, "value text", json.dumps(stats.get(cost_key)),
          "| input_tokens", stats.get("tokens_sent"), "| output_tokens", stats.get("tokens_received"),
          "| api_calls", stats.get("api_calls"))
    print("root record: offset", doc_begin, "length", len(raw.strip()))
    info_text = raw.decode("utf-8")
    i = info_text.index('"info"') + 6
    i = info_text.index("{", i)
    _, end = json.JSONDecoder().raw_decode(info_text, i)
    print("info record: offset", len(info_text[:i].encode()), "length", len(info_text[i:end].encode()))
    print("step records: first", offsets[0], "last", offsets[-1], "count", len(offsets))

# Hand-written bad inputs (bad/): where Python's own parser stops, and the rest of the rules.
print("== bad/missing_comma.traj")
raw = open(os.path.join(HERE, "bad", "missing_comma.traj"), "rb").read()
try:
    json.loads(raw)
except json.JSONDecodeError as error:
    print("json error", error.msg, "| line", error.lineno, "| byte", len(raw.decode()[: error.pos].encode()))
print("== bad/step_not_object.traj")
raw = open(os.path.join(HERE, "bad", "step_not_object.traj"), "rb").read()
doc = json.loads(raw)
offsets = element_offsets(raw, "trajectory")
for i, s in enumerate(doc["trajectory"]):
    if not isinstance(s, dict):
        print("non-object step", i, "| byte", offsets[i][0], "| line", raw[: offsets[i][0]].count(b"\n") + 1)
good = [s for s in doc["trajectory"] if isinstance(s, dict)]
print("records", len(good), "| tool errors", sum(1 for s in good if refused(s["observation"])),
      "| root end ns", sum(round(s["execution_time"] * 1e9) for s in good) + 10**9 * (len(doc["trajectory"]) - len(good)),
      "| exit_status", doc["info"]["exit_status"])
