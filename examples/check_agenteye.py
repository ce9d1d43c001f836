#!/usr/bin/env python3
"""Checks that an AgentEye JSONL log follows the writer rules of docs/event-schema.md: framing, key order,
field types, timestamp order and every pairing rule. Extra fields and unknown event types are allowed and
counted, as the schema says. Standard library only. Exit status 0 when the log is valid, 1 otherwise.

usage: check_agenteye.py LOG.jsonl [--allow-unfinished] [--quiet]
"""
import collections
import json
import re
import sys

COMMON = ["timestamp", "session_id", "agent_id", "type", "environment"]
FIELDS = {
    "agent_start": ["goal", "parent_id"],
    "agent_end": ["outcome", "summary"],
    "agent_pause": ["pause_id", "reason"],
    "agent_resume": ["pause_id", "reason"],
    "tool_use": ["tool_name", "tool_call_id", "input"],
    "tool_result": ["tool_name", "tool_call_id", "output", "error", "duration_ms"],
    "model_request": ["model", "messages", "system", "tools"],
    "model_response": ["model", "stop_reason", "input_tokens", "output_tokens", "content", "role"],
    "error": ["error_type", "message", "traceback"],
    "hook_triggered": ["hook_name", "hook_id", "trigger_event", "input"],
    "hook_completed": ["hook_name", "hook_id", "outcome", "output", "error", "duration_ms"],
    "human_wait": ["input_id", "prompt"],
    "human_input": ["input_id", "prompt", "response"],
    "human_pause": ["reason"],
    "human_interrupt": ["reason"],
}
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")
TOOL_CALL_ID = re.compile(r"^toolu_01[0-9A-Za-z]{22}$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
ENUMS = {
    ("agent_end", "outcome"): {"success", "failure", "error", "cancelled"},
    ("model_response", "stop_reason"): {"end_turn", "tool_use", "max_tokens"},
    ("model_response", "role"): {"assistant"},
    ("hook_triggered", "trigger_event"): {"pre_tool_use", "post_tool_use", "user_prompt_submit"},
    ("hook_completed", "outcome"): {"allow", "deny", "modify"},
}
STRINGS = {"goal", "summary", "pause_id", "reason", "tool_name", "tool_call_id", "output", "model", "system",
           "content", "error_type", "message", "hook_name", "hook_id", "input_id", "prompt", "response"}


class Checker:
    def __init__(self, allow_unfinished):
        self.allow_unfinished = allow_unfinished
        self.problems = []
        self.counts = collections.Counter()
        self.outcomes = collections.Counter()
        self.last_timestamp = ""
        self.sessions = set()
        self.open_tools = {}      # tool_call_id -> (session, agent, tool_name, line)
        self.open_hooks = {}      # hook_id -> (session, agent, hook_name, line)
        self.open_pauses = {}     # pause_id -> (session, agent, line)
        self.open_waits = {}      # input_id -> (session, agent, prompt, line)
        self.open_requests = collections.defaultdict(collections.deque)  # (session, agent) -> lines
        self.agents = {}          # (session, agent) -> {"parent", "ended", "line"}
        self.seen_ids = set()
        self.non_ascii_lines = 0
        self.escaped_controls = 0
        self.max_line = 0
        self.unknown_types = collections.Counter()
        self.extra_fields = 0

    def problem(self, line_no, text):
        if len(self.problems) < 50:
            self.problems.append(f"line {line_no}: {text}")
        elif len(self.problems) == 50:
            self.problems.append("… more problems omitted")

    def check_line(self, line_no, raw):
        self.max_line = max(self.max_line, len(raw))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            return self.problem(line_no, f"not UTF-8 at byte {error.start}")
        if any(ord(c) > 127 for c in text):
            self.non_ascii_lines += 1
        self.escaped_controls += text.count("\\u00")
        try:
            event = json.loads(text)
        except json.JSONDecodeError as error:
            return self.problem(line_no, f"invalid JSON: {error}")
        if not isinstance(event, dict):
            return self.problem(line_no, "not a JSON object")
        keys = list(event.keys())
        kind = event.get("type")
        if kind not in FIELDS:
            if keys[:len(COMMON)] != COMMON:
                self.problem(line_no, f"unknown type {kind!r} without the common fields in order")
            self.unknown_types[kind] += 1
            return
        expected = COMMON + FIELDS[kind]
        if keys[:len(expected)] != expected:
            self.problem(line_no, f"{kind}: keys {keys} do not start with {expected}")
        self.extra_fields += len(keys) - len(expected)
        self.counts[kind] += 1
        self.check_types(line_no, kind, event)
        self.check_pairing(line_no, kind, event)

    def check_types(self, line_no, kind, event):
        timestamp = event.get("timestamp", "")
        if not isinstance(timestamp, str) or not TIMESTAMP.match(timestamp):
            self.problem(line_no, f"bad timestamp {timestamp!r}")
        elif timestamp < self.last_timestamp:
            self.problem(line_no, f"timestamp {timestamp} earlier than previous {self.last_timestamp}")
        else:
            self.last_timestamp = timestamp
        if not UUID.match(str(event.get("session_id"))):
            self.problem(line_no, f"session_id not a UUID: {event.get('session_id')!r}")
        if not re.match(r"^agent-[0-9a-f]{4}$", str(event.get("agent_id"))):
            self.problem(line_no, f"agent_id shape: {event.get('agent_id')!r}")
        if event.get("environment") not in ("production", "staging", "dev"):
            self.problem(line_no, f"environment {event.get('environment')!r}")
        for field in FIELDS[kind]:
            value = event.get(field)
            allowed = ENUMS.get((kind, field))
            if allowed is not None and value not in allowed:
                self.problem(line_no, f"{kind}.{field} = {value!r} not in {sorted(allowed)}")
            if field in STRINGS and not (field == "output" and kind == "hook_completed") and not isinstance(value, str):
                self.problem(line_no, f"{kind}.{field} must be a string")
        if kind == "agent_start" and event["parent_id"] is not None and not isinstance(event["parent_id"], str):
            self.problem(line_no, "parent_id must be null or a string")
        if kind in ("tool_use", "hook_triggered") and not isinstance(event.get("input"), dict):
            self.problem(line_no, f"{kind}.input must be an object")
        if kind in ("tool_use", "tool_result") and not TOOL_CALL_ID.match(str(event.get("tool_call_id"))):
            self.problem(line_no, f"tool_call_id shape: {event.get('tool_call_id')!r}")
        for id_field in ("hook_id", "pause_id", "input_id"):
            if id_field in FIELDS[kind] and not UUID.match(str(event.get(id_field))):
                self.problem(line_no, f"{id_field} not a UUID")
        if kind in ("tool_result", "hook_completed"):
            if event["error"] is not None and not isinstance(event["error"], str):
                self.problem(line_no, f"{kind}.error must be null or a string")
            if not isinstance(event["duration_ms"], (int, float)) or event["duration_ms"] < 0:
                self.problem(line_no, f"{kind}.duration_ms must be a non-negative number")
        if kind == "hook_completed":
            output = event["output"]
            if not (isinstance(output, str) or (isinstance(output, dict) and isinstance(output.get("reason"), str))):
                self.problem(line_no, "hook_completed.output must be a string or an object with a reason")
        if kind == "error" and event["traceback"] is not None and not isinstance(event["traceback"], str):
            self.problem(line_no, "error.traceback must be null or a string")
        if kind == "model_request":
            messages = event["messages"]
            if not isinstance(messages, list) or not messages or not all(
                    isinstance(m, dict) and list(m.keys()) == ["role", "content"] and m["role"] in ("user", "assistant")
                    and isinstance(m["content"], str) for m in messages):
                self.problem(line_no, "model_request.messages must be a non-empty array of {role, content}")
            if not isinstance(event["tools"], list) or not all(isinstance(t, str) for t in event["tools"]):
                self.problem(line_no, "model_request.tools must be an array of strings")
        if kind == "model_response":
            for field in ("input_tokens", "output_tokens"):
                if not isinstance(event[field], int) or event[field] < 0:
                    self.problem(line_no, f"model_response.{field} must be a non-negative integer")

    def check_pairing(self, line_no, kind, event):
        session, agent = event["session_id"], event["agent_id"]
        key = (session, agent)
        self.sessions.add(session)
        if kind == "agent_start":
            if key in self.agents:
                return self.problem(line_no, f"second agent_start for {agent}")
            parent = event["parent_id"]
            if parent is not None:
                parent_state = self.agents.get((session, parent))
                if parent_state is None:
                    self.problem(line_no, f"parent_id {parent} has not started in this session")
                elif parent_state["ended"]:
                    self.problem(line_no, f"parent {parent} already ended")
            self.agents[key] = {"parent": parent, "ended": False, "line": line_no}
            return
        state = self.agents.get(key)
        if state is None:
            return self.problem(line_no, f"{kind} from {agent} before its agent_start")
        if state["ended"]:
            return self.problem(line_no, f"{kind} from {agent} after its agent_end")
        if kind == "agent_end":
            state["ended"] = True
            self.outcomes[event["outcome"]] += 1
            for (other_session, other), other_state in self.agents.items():
                if other_session == session and other_state["parent"] == agent and not other_state["ended"]:
                    self.problem(line_no, f"{agent} ended before its subagent {other}")
        elif kind == "tool_use":
            call_id = event["tool_call_id"]
            if call_id in self.seen_ids:
                self.problem(line_no, f"tool_call_id {call_id} reused")
            self.seen_ids.add(call_id)
            self.open_tools[call_id] = (session, agent, event["tool_name"], line_no)
        elif kind == "tool_result":
            opened = self.open_tools.pop(event["tool_call_id"], None)
            if opened is None:
                self.problem(line_no, f"tool_result without tool_use {event['tool_call_id']}")
            elif opened[:3] != (session, agent, event["tool_name"]):
                self.problem(line_no, f"tool_result does not match its tool_use (line {opened[3]})")
        elif kind == "hook_triggered":
            self.open_hooks[event["hook_id"]] = (session, agent, event["hook_name"], line_no)
        elif kind == "hook_completed":
            opened = self.open_hooks.pop(event["hook_id"], None)
            if opened is None or opened[:3] != (session, agent, event["hook_name"]):
                self.problem(line_no, f"hook_completed without matching hook_triggered {event['hook_id']}")
        elif kind == "agent_pause":
            self.open_pauses[event["pause_id"]] = (session, agent, line_no)
        elif kind == "agent_resume":
            opened = self.open_pauses.pop(event["pause_id"], None)
            if opened is None or opened[:2] != (session, agent):
                self.problem(line_no, f"agent_resume without matching agent_pause {event['pause_id']}")
        elif kind == "human_wait":
            self.open_waits[event["input_id"]] = (session, agent, event["prompt"], line_no)
        elif kind == "human_input":
            opened = self.open_waits.pop(event["input_id"], None)
            if opened is None or opened[:3] != (session, agent, event["prompt"]):
                self.problem(line_no, f"human_input without matching human_wait {event['input_id']}")
        elif kind == "model_request":
            self.open_requests[key].append(line_no)
        elif kind == "model_response":
            if not self.open_requests[key]:
                self.problem(line_no, f"model_response from {agent} without an open model_request")
            else:
                self.open_requests[key].popleft()

    def finish(self):
        unfinished_sessions = {s for (s, a), st in self.agents.items() if not st["ended"]}
        leftovers = []
        for name, table in (("tool_use", self.open_tools), ("hook_triggered", self.open_hooks),
                            ("agent_pause", self.open_pauses), ("human_wait", self.open_waits)):
            for opened in table.values():
                leftovers.append((name, opened[0], opened[-1]))
        for (session, agent), lines in self.open_requests.items():
            leftovers += [("model_request", session, line) for line in lines]
        for name, session, line in leftovers:
            if session not in unfinished_sessions:
                self.problem(line, f"{name} never closed although its agent ended")
        if unfinished_sessions and not self.allow_unfinished:
            self.problems.append(f"{len(unfinished_sessions)} session(s) have agents without agent_end "
                                 "(pass --allow-unfinished if the log was cut off on purpose)")
        return unfinished_sessions, leftovers


def main(argv):
    paths = [a for a in argv[1:] if not a.startswith("--")]
    if len(paths) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    checker = Checker(allow_unfinished="--allow-unfinished" in argv)
    lines = 0
    with open(paths[0], "rb") as log:
        for line_no, raw in enumerate(log, 1):
            lines = line_no
            if not raw.endswith(b"\n"):
                checker.problem(line_no, "last line has no newline")
            checker.check_line(line_no, raw.rstrip(b"\r\n"))
    unfinished, leftovers = checker.finish()
    if "--quiet" not in argv:
        spans = sum(checker.counts[k] for k in ("agent_start", "model_request", "tool_use", "hook_triggered",
                                                "agent_pause", "human_wait", "error", "human_pause",
                                                "human_interrupt"))
        print(f"{lines} lines, {len(checker.sessions)} sessions, {len(checker.agents)} agents, {spans} spans; "
              f"longest line {checker.max_line} bytes; {checker.non_ascii_lines} lines with non-ASCII; "
              f"{checker.escaped_controls} \\u00XX escapes")
        print("types:", dict(sorted(checker.counts.items())))
        print("outcomes:", dict(checker.outcomes))
        if checker.unknown_types or checker.extra_fields:
            print(f"extensions: {checker.extra_fields} extra fields, unknown types {dict(checker.unknown_types)}")
        if unfinished:
            print(f"unfinished sessions: {len(unfinished)}; open spans left: "
                  f"{dict(collections.Counter(name for name, _, _ in leftovers))}")
    for problem in checker.problems:
        print("PROBLEM", problem)
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
