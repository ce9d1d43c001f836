#!/usr/bin/env python3
"""Expected numbers for tests/shared/readers/codex/codex_reader_test.cpp, computed from the rollouts alone
(json module, not the reader): records, spans by kind, tool calls by status, tokens. Run by hand from this
folder; paste its output into the test. The rules are docs/formats.md's Codex section, written out again here.

Tokens: a model call's tokens are the growth of token_count's cumulative total_token_usage (an event that
repeats the total is no call), so their sum over a file is the last total itself: that is what is checked.
"""
import glob
import json
import os
import re

OUTPUT_ITEMS = {"message", "reasoning", "function_call", "custom_tool_call", "local_shell_call", "web_search_call"}
CALLS = {"function_call", "custom_tool_call", "local_shell_call"}
QUIET_EVENTS = {"task_started", "task_complete", "turn_started", "turn_complete", "exec_command_begin",
                "patch_apply_begin", "mcp_tool_call_begin", "web_search_begin", "web_search_end",
                "collab_agent_spawn_begin", "collab_agent_spawn_end", "item_completed", "item_started", "plan_update",
                "turn_diff", "agent_message_delta", "agent_reasoning_delta", "thread_context_usage_updated",
                "thread_goal_updated", "thread_skills_updated", "view_image_tool_call", "user_message",
                "agent_message", "agent_reasoning", "agent_reasoning_raw_content", "token_count", "turn_aborted",
                "error", "exec_command_end", "patch_apply_end", "mcp_tool_call_end", "context_compacted"}
INJECTED = ("<environment_context>", "<user_instructions>", "<INSTRUCTIONS>", "# AGENTS.md instructions",
            "<user_shell_command>", "<turn_aborted>")


def output_status(text):
    """A tool output's status, as docs/formats.md states the rule."""
    text = text.strip()
    if text.startswith("{"):
        try:
            obj = json.loads(text)
            code = obj.get("metadata", {}).get("exit_code")
            if isinstance(code, int) and code != 0:
                return "error"
            if "metadata" in obj:
                return "ok"
        except ValueError:
            pass
    for line in text.split("\n")[:4]:
        m = re.match(r"(Exit code:|Process exited with code)\s*(-?\d+)", line)
        if m and int(m.group(2)) != 0:
            return "error"
    head = text.split("\n")[0]
    if "rejected by user" in head:
        return "denied"
    if head == "aborted" or head.startswith("aborted by user"):
        return "cancelled"
    for prefix in ("failed to parse function arguments", "unsupported call", "patch rejected",
                   "apply_patch verification failed", "execution error", "error:", "Script failed"):
        if head.startswith(prefix):
            return "error"
    return "ok"


def output_text(output):
    if isinstance(output, str):
        return output
    if isinstance(output, list):
        return "\n\n".join(b.get("text", "") for b in output if isinstance(b, dict) and "text" in b)
    if isinstance(output, dict):
        return output.get("content", "") if isinstance(output.get("content"), str) else ""
    return ""


def analyse(path):
    lines = [l for l in open(path, encoding="utf-8").read().split("\n") if l.strip()]
    records = [json.loads(l) for l in lines]
    envelope = "payload" in records[0] and "type" in records[0]
    kinds = dict(agent=1, human=0, model=0, tool=0, event=0, error=0)
    status = dict(ok=0, error=0, denied=0, cancelled=0, open=0)
    calls = {}           # call_id -> status (None while no output)
    event_status = {}    # call_id -> error from *_end events
    in_group = False     # inside a run of model output records
    group_has_usage = False
    last_total = None
    n_records = 0
    # Codex writes one compaction twice (the compacted record and the context_compacted event beside it, in
    # either order): the second of such a pair is the same compaction. Other output in between ends the pair.
    last_compaction = None

    def compaction(source):
        nonlocal last_compaction
        if last_compaction is not None and last_compaction != source:
            last_compaction = None
            return
        kinds["event"] += 1
        last_compaction = source
    for r in records:
        if not envelope and "record_type" in r:
            n_records += 1
            continue
        n_records += 1
        if envelope:
            kind, p = r["type"], r["payload"]
        else:
            if "type" not in r:
                continue  # the header
            kind, p = "response_item", r
        item = p.get("type")
        if kind in ("session_meta", "turn_context"):
            continue
        if kind == "compacted":
            compaction("record")
            in_group = False
            continue
        if kind == "response_item" and item not in ("compaction", "compaction_summary"):
            last_compaction = None
        if kind == "response_item":
            if item == "message" and p.get("role") == "assistant" or item in ("reasoning",) or item in CALLS or \
                    item == "web_search_call":
                if not in_group:
                    kinds["model"] += 1
                    in_group, group_has_usage = True, False
                if item in CALLS:
                    kinds["tool"] += 1
                    calls[p.get("call_id") or p.get("id")] = None
                if item == "web_search_call":
                    kinds["tool"] += 1
                    status["error" if p.get("status") == "failed" else "ok"] += 1
            elif item == "message" and p.get("role") == "user" and not envelope:
                text = "\n\n".join(b.get("text", "") for b in p["content"])
                if not text.strip().startswith(INJECTED):
                    kinds["human"] += 1
                    in_group = False
            elif item in ("function_call_output", "custom_tool_call_output"):
                in_group = False
                cid = p.get("call_id")
                if cid in calls and calls[cid] is None:
                    calls[cid] = output_status(output_text(p.get("output")))
                elif cid not in calls:
                    kinds["tool"] += 1  # unpaired
                    status[output_status(output_text(p.get("output")))] += 1
            elif item in ("compaction", "compaction_summary"):
                compaction("record")
                in_group = False
            continue
        if kind != "event_msg":
            kinds["event"] += 1
            continue
        if item == "user_message":
            kinds["human"] += 1
            in_group = False
        elif item in ("agent_message", "agent_reasoning", "agent_reasoning_raw_content"):
            if not in_group:
                kinds["model"] += 1
                in_group, group_has_usage = True, False
        elif item == "token_count":
            info = p.get("info")
            if not info:
                continue
            total = info["total_token_usage"]
            if last_total is not None and total == last_total:
                continue
            last_total = total
            if in_group and group_has_usage:
                in_group = False
            if not in_group:
                kinds["model"] += 1
                in_group = True
            group_has_usage = True
        elif item == "turn_aborted":
            kinds["event"] += 1
            for cid, st in calls.items():
                if st is None:
                    calls[cid] = "cancelled"
            in_group = False
        elif item == "error":
            kinds["error"] += 1
        elif item == "context_compacted":
            compaction("event")
        elif item == "exec_command_end":
            if p["call_id"] in calls:
                if p.get("exit_code", 0) != 0:
                    event_status[p["call_id"]] = "error"
            else:
                kinds["tool"] += 1
                status["error" if p.get("exit_code", 0) != 0 else "ok"] += 1
        elif item == "patch_apply_end":
            if p["call_id"] in calls and not p.get("success", True):
                event_status[p["call_id"]] = "error"
        elif item == "mcp_tool_call_end":
            res = p.get("result", {})
            if p["call_id"] in calls and ("Err" in res or res.get("Ok", {}).get("isError")):
                event_status[p["call_id"]] = "error"
        elif item not in QUIET_EVENTS:
            kinds["event"] += 1
    for cid, st in calls.items():
        if st is None:
            status["open"] += 1
        elif st == "ok" and cid in event_status:
            status[event_status[cid]] += 1
        else:
            status[st] += 1
    tokens = dict(input=0, cache_read=0, output=0, reasoning=0)
    if last_total:
        tokens = dict(input=last_total["input_tokens"] - last_total["cached_input_tokens"],
                      cache_read=last_total["cached_input_tokens"], output=last_total["output_tokens"],
                      reasoning=last_total["reasoning_output_tokens"])
    return n_records, kinds, status, tokens


os.chdir(os.path.dirname(os.path.abspath(__file__)))
for path in sorted(glob.glob("**/*.jsonl", recursive=True)):
    n, k, s, t = analyse(path)
    print('    {"%s", %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d},' % (
        path, n, k["agent"], k["human"], k["model"], k["tool"], k["event"], k["error"],
        s["ok"], s["error"], s["denied"], s["cancelled"], s["open"],
        t["input"], t["cache_read"], t["output"], t["reasoning"]))
