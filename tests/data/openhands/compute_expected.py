#!/usr/bin/env python3
"""Expected numbers for tests/shared/readers/openhands/, computed with Python's json and datetime
modules only (independently of the C++ reader). Run by hand: python3 compute_expected.py; the tests
hard-code what it prints. The rules applied are the span model documented in
shared/readers/openhands/openhands_reader.h."""
import datetime
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNABLE = {"run", "run_ipython", "read", "write", "edit", "browse", "browse_interactive", "mcp", "call_tool_mcp",
            "think", "recall", "delegate"}


def ns(ts):
    # ISO-8601 without a zone: UTC.
    d = datetime.datetime.fromisoformat(ts).replace(tzinfo=datetime.timezone.utc)
    return int(d.timestamp()) * 10**9 + d.microsecond * 1000


def failed_in_own_words(obs):
    """A V0 tool that failed with no error observation or exit code, in OpenHands' words: the file editor's
    "ERROR:\n" (openhands-aci's make_api_tool_result), or the IPython agentskills' linter refusing an edit."""
    content = obs.get("content") if isinstance(obs.get("content"), str) else ""
    if obs.get("observation") in ("edit", "read") and content.startswith("ERROR:\n"):
        return True
    return obs.get("observation") == "run_ipython" and content.startswith(
        "[Your proposed edit has introduced new syntax error(s).")


def exit_code(obs):
    for path in (("extras", "metadata", "exit_code"), ("extras", "exit_code"), ("exit_code",)):
        value = obs
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    return None


def history_offsets(line):
    """Byte offset (within the line) and length of each history event, by raw_decode."""
    text = line.decode("utf-8")
    decoder = json.JSONDecoder()
    i = text.index("[", text.index('"history"') + 9) + 1
    out = []
    while True:
        while text[i] in " \t\r\n,":
            i += 1
        if text[i] == "]":
            return out
        _, end = decoder.raw_decode(text, i)
        out.append((len(text[:i].encode()), len(text[i:end].encode())))
        i = end


for folder in ("multi_swe_bench", "resolver_mock"):
    path = os.path.join(HERE, folder, "output.jsonl")
    raw = open(path, "rb").read()
    line_offset = 0
    print("==", folder + "/output.jsonl")
    for number, line in enumerate(raw.split(b"\n"), start=1):
        this_offset = line_offset
        line_offset += len(line) + 1
        if not line.strip():
            continue
        run = json.loads(line)
        h = run["history"]
        if "instance_id" in run:
            session = str(run["instance_id"])
        else:
            session = "%s/%s#%d" % (run["issue"]["owner"], run["issue"]["repo"], run["issue"]["number"])
        timed = bool(h) and all(isinstance(e.get("timestamp"), str) for e in h)
        times = [ns(e["timestamp"]) for e in h] if timed else [k * 10**9 for k in range(len(h))]
        # pairing
        partner = {}
        open_by_id = {}
        last_action = None
        for k, e in enumerate(h):
            if "action" in e:
                if "id" in e:
                    open_by_id[e["id"]] = k
                last_action = k
            elif "observation" in e:
                a = None
                if "cause" in e:
                    a = open_by_id.pop(e["cause"], None)
                elif "id" not in e and last_action is not None and last_action not in partner:
                    a = last_action
                if a is not None:
                    partner[a] = k
                    partner[k] = a
        latencies = {x["response_id"]: x["latency"] for x in run.get("metrics", {}).get("response_latencies", [])}
        kinds = {"agent": 1, "model": 0, "tool": 0, "event": 0, "error": 0, "human": 0}
        tool_errors = unfinished = unpaired = 0
        in_tokens = out_tokens = 0
        seen = set()
        model_durations = []
        names = {}
        for k, e in enumerate(h):
            if e.get("action") == "message" and e.get("source") == "user" and not e.get("tool_call_metadata"):
                kinds["human"] += 1  # a person's message: a human span with its prompt
                continue
            if "action" in e:
                tcm = e.get("tool_call_metadata") or None
                resp = (tcm or {}).get("model_response") or {}
                thought = e.get("thought") or (e.get("args") or {}).get("thought")
                from_model = tcm is not None or isinstance(e.get("llm_metrics"), dict) or (
                    "id" not in e and "cause" not in e and bool(thought))
                rid = resp.get("id", "")
                if from_model and (not rid or rid not in seen):
                    if rid:
                        seen.add(rid)
                    kinds["model"] += 1
                    usage = resp.get("usage") or {}
                    in_tokens += usage.get("prompt_tokens", 0)
                    out_tokens += usage.get("completion_tokens", 0)
                    if timed:
                        start = times[k] - round(latencies[rid] * 1e9) if rid in latencies else (
                            min(times[k - 1], times[k]) if k else times[k])
                        model_durations.append(times[k] - start)
                name = (tcm or {}).get("function_name") or e["action"]
                if k in partner:
                    kinds["tool"] += 1
                    names[name] = names.get(name, 0) + 1
                    obs = h[partner[k]]
                    code = exit_code(obs)
                    if obs["observation"] == "error" or (obs["observation"] != "user_rejected" and code not in (None, 0)) \
                            or failed_in_own_words(obs):
                        tool_errors += 1
                elif e["action"] in RUNNABLE:
                    kinds["tool"] += 1
                    unfinished += 1
                else:
                    kinds["tool" if tcm is not None else "event"] += 1
            elif "observation" in e:
                if k in partner:
                    continue
                if e["observation"] == "error":
                    kinds["error"] += 1
                elif "cause" in e:
                    kinds["tool"] += 1
                    unpaired += 1
                else:
                    kinds["event"] += 1
        pairs = sum(1 for k in partner if "action" in h[k])
        cause_pairs = sum(1 for k in partner if "observation" in h[k] and "cause" in h[k])
        metrics = run.get("metrics") or {}
        acc = metrics.get("accumulated_token_usage") or {}
        offsets = history_offsets(line)
        print("line", number, "offset", this_offset, "session", session, "| events", len(h), "| timed", timed)
        print("  spans", sum(kinds.values()), kinds, "| pairs", pairs, "(by cause", cause_pairs, ")",
              "| tool errors", tool_errors, "| unfinished tools", unfinished, "| unpaired ends", unpaired)
        print("  tool names", dict(sorted(names.items())))
        print("  model tokens in", in_tokens, "out", out_tokens, "| root tokens", acc.get("prompt_tokens"),
              acc.get("completion_tokens"), "| cost text", json.dumps(metrics.get("accumulated_cost")))
        print("  root status", "error" if run.get("error") else "ok", "| error", run.get("error"),
              "| start", min(times) if times else 0, "| duration ns", (max(times) - min(times)) if times else 0)
        if model_durations:
            print("  model span durations ns: first", model_durations[0], "sum", sum(model_durations))
        print("  event records: first", (this_offset + offsets[0][0], offsets[0][1]), "last",
              (this_offset + offsets[-1][0], offsets[-1][1]), "| line length", len(line))

# Hand-written bad input (bad/bad_lines.jsonl): per line, whether Python's parser accepts it and where
# it stops (an unterminated string is located at the end of the line, where the text runs out).
print("== bad/bad_lines.jsonl")
raw = open(os.path.join(HERE, "bad", "bad_lines.jsonl"), "rb").read()
offset = 0
for number, line in enumerate(raw.split(b"\n"), start=1):
    try:
        run = json.loads(line)
        print("line", number, "offset", offset, "valid;", "history" in run and "has history" or "no history")
    except json.JSONDecodeError as error:
        where = len(line) if error.msg.startswith("Unterminated string") else error.pos
        print("line", number, "offset", offset, "invalid:", error.msg, "| error byte", offset + where)
    offset += len(line) + 1
