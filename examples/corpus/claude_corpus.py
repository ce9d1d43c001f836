"""Claude Code form of the labeled corpus (used by make_corpus.py --form claude|both).

The same run shapes as the AgentEye form, written the way Claude Code and the tools around it record them:
<session>.jsonl transcripts (uuid/parentUuid chain, one assistant record per content block sharing message.id,
tool_use / tool_result pairs with is_error, user rejections and interrupts, system api_error retries,
isApiErrorMessage, compact_boundary + isCompactSummary), and for policy denials what the user's setup keeps:
failproofai hook-activity rows, Claude Code PreToolUse hook payloads with the hook's answer, or only the
transcript's own "PreToolUse:Bash hook error" / "Hook PreToolUse:Bash denied this tool" result.
Standard library only; depends on make_corpus.py (the run shapes and projects).
"""
import datetime
import json
import os
import uuid

import make_corpus

MODEL = "claude-sonnet-4-5-20250929"
REJECTED = ("The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file "
            "edit, the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell "
            "you how to proceed.")
COMPACT_SUMMARY = ("This session is being continued from a previous conversation that ran out of context. The "
                   "conversation is summarized below:\nAnalysis: the user asked to fix a failing test; work so far "
                   "touched the files named in the goal.")


class ClaudeRun(make_corpus.Run):
    """One Claude Code session. Inherits the step shapes (on_task_step, off_task_step) from the AgentEye run;
    every record is written here."""

    NOISE = ["fail_once", "approval", "one_rate_limit", "interrupt"]

    def __init__(self, rng, start, index):  # pylint: disable=super-init-not-called
        self.rng = rng
        self.t = start
        self.sid = self.uuid()
        self.project = rng.choice(make_corpus.PROJECTS)
        self.version = rng.choice(["2.1.38", "2.1.39"])
        # How this user's setup shows a policy denial (see the module comment), and the wording of the result.
        self.block_via = rng.choice(["failproofai", "payload", "transcript", "user"])
        self.deny_text = rng.choice(["exit2", "json"])
        self.records = []   # transcript lines: (time, seq, line)
        self.activity = []  # failproofai hook-activity rows
        self.payloads = []  # Claude Code hook payload log rows
        self.parent = None  # uuid of the previous record (the next record's parentUuid)
        self.message = None  # (message id, request id) of the assistant message being written
        # Some sessions hand a search to a subagent (Task): its transcript is a file of its own.
        self.delegates = rng.random() < 0.35
        self.subagents = {}  # agent id -> its records
        self.sidechain = None  # the agent id while a subagent's records are written

    def uuid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def ts(self, t=None):
        when = datetime.datetime.fromtimestamp(self.t if t is None else t, datetime.timezone.utc)
        return when.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"

    def rec(self, type_, **fields):
        own = self.uuid()
        record = {"parentUuid": self.parent, "isSidechain": self.sidechain is not None, "userType": "external",
                  "cwd": self.project["root"], "sessionId": self.sid, "version": self.version, "gitBranch": "main",
                  "type": type_}
        if self.sidechain is not None:
            record["agentId"] = self.sidechain
        record.update(fields)
        record["uuid"] = own
        record["timestamp"] = self.ts()
        self.records.append((self.t, len(self.records), json.dumps(record, ensure_ascii=False)))
        self.parent = own
        return own

    def b58(self, prefix, n):
        return prefix + "".join(self.rng.choice("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
                                for _ in range(n))

    def usage(self):
        return {"input_tokens": self.rng.randint(1, 9), "cache_creation_input_tokens": self.rng.randint(0, 3000),
                "cache_read_input_tokens": self.rng.randint(2000, 90000), "output_tokens": self.rng.randint(20, 300),
                "service_tier": "standard"}

    def assistant(self, block, stop_reason=None, new_message=False):
        if new_message or self.message is None:
            self.message = (self.b58("msg_01", 22), self.b58("req_011C", 16))
        mid, rid = self.message
        message = {"model": MODEL, "id": mid, "type": "message", "role": "assistant", "content": [block],
                   "stop_reason": stop_reason, "stop_sequence": None, "usage": self.usage()}
        return self.rec("assistant", message=message, requestId=rid)

    def user_text(self, text, **extra):
        return self.rec("user", message={"role": "user", "content": text}, **extra)

    def system(self, subtype, **fields):
        return self.rec("system", subtype=subtype, **fields)

    # ---- a subagent ----
    def on_task_step(self, k):
        if self.delegates and k == 1:
            self.delegate()
        make_corpus.Run.on_task_step(self, k)

    def delegate(self):
        """A Task call whose subagent reads and greps on-task files, then reports back."""
        p, rng = self.project, self.rng
        self.model("Let me have a subagent find the code involved.")
        cid = self.call_id()
        prompt = "Find where the code for this task lives: " + p["goal"]
        use = self.assistant({"type": "tool_use", "id": cid, "name": "Task",
                              "input": {"description": "Find the code involved", "prompt": prompt,
                                        "subagent_type": "Explore"}}, "tool_use")
        self.advance(0.05, 0.2)
        agent = "a%06x" % rng.getrandbits(24)
        started = self.t
        saved = (self.records, self.parent, self.message)
        self.records, self.parent, self.message, self.sidechain = [], None, None, agent
        self.user_text(prompt)
        steps = rng.randint(2, 4)
        for j in range(steps):
            f = p["on"][j % len(p["on"])]
            self.model("Searching.")
            if j % 2:
                self.tool("Grep", {"pattern": os.path.splitext(os.path.basename(f))[0], "path": p["root"] + "/src"},
                          output=f + ":12: match")
            else:
                self.tool("Read", {"file_path": p["root"] + "/" + f}, output="line 1\nline 2\n")
        self.model("The code is in " + p["on"][0] + ".", stop_reason="end_turn")
        self.subagents[agent] = self.records
        self.records, self.parent, self.message = saved
        self.sidechain = None
        self.advance(0.1, 0.5)
        report = "The code is in " + p["on"][0] + "."
        self.rec("user", message={"role": "user", "content": [
                     {"tool_use_id": cid, "type": "tool_result", "content": [{"type": "text", "text": report}]}]},
                 toolUseResult={"status": "completed", "prompt": prompt, "agentId": agent,
                                "content": [{"type": "text", "text": report}],
                                "totalDurationMs": int((self.t - started) * 1000), "totalTokens": rng.randint(9000, 40000),
                                "totalToolUseCount": steps},
                 sourceToolAssistantUUID=use)
        self.advance(0.02, 0.2)

    # ---- the steps make_corpus.build() asks for ----
    def start(self, goal=None):
        self.records.append((self.t - 0.01, -1, json.dumps(
            {"type": "file-history-snapshot", "messageId": self.uuid(),
             "snapshot": {"messageId": "", "trackedFileBackups": {}, "timestamp": self.ts()},
             "isSnapshotUpdate": False})))
        self.user_text(goal or self.project["goal"], permissionMode="default")
        self.advance(0.05, 0.2)

    def model(self, text="Next step.", stop_reason=None):
        self.advance(1.0, 4.0)  # the API answering
        self.assistant({"type": "text", "text": text}, stop_reason, new_message=True)
        self.advance(0.01, 0.05)

    def hook_logs(self, name, input_, cid, decision, policy, reason):
        """The PreToolUse hook's own record of its decision, where this setup keeps one."""
        if self.block_via == "failproofai":
            took = self.rng.randint(3, 60)
            self.activity.append((self.t, len(self.activity), json.dumps({
                "eventType": "PreToolUse", "integration": "claude", "toolName": name, "sessionId": self.sid,
                "cwd": self.project["root"], "permissionMode": "default", "timestamp": int(self.t * 1000) + took,
                "policyName": policy if decision == "deny" else None, "decision": decision,
                "reason": reason if decision == "deny" else None, "durationMs": took})))
        elif self.block_via == "payload":
            answer = {"hookEventName": "PreToolUse", "permissionDecision": decision}
            if decision == "deny":
                answer["permissionDecisionReason"] = reason
            self.payloads.append((self.t, len(self.payloads), json.dumps({
                "timestamp": self.ts(), "session_id": self.sid, "cwd": self.project["root"],
                "transcript_path": "/home/dev/.claude/projects/%s/%s.jsonl" % (
                    self.project["root"].replace("/", "-"), self.sid),
                "permission_mode": "default", "hook_event_name": "PreToolUse", "tool_name": name,
                "tool_input": input_, "tool_use_id": cid, "hookSpecificOutput": answer})))

    def tool(self, name, input_, output="ok", error=None, hook=None, wait=None):
        cid = self.call_id()
        use = self.assistant({"type": "tool_use", "id": cid, "name": name, "input": input_}, "tool_use")
        self.advance(0.005, 0.02)
        denied = bool(hook) and hook[1] == "deny"
        if hook and self.block_via != "user":
            self.rec("progress", data={"type": "hook_progress", "hookEvent": "PreToolUse",
                                       "hookName": "PreToolUse:" + name, "command": "failproofai --hook PreToolUse"},
                     parentToolUseID=cid, toolUseID=cid)
            self.hook_logs(name, input_, cid, hook[1], hook[0], hook[2])
            self.advance(0.02, 0.08)
        elif wait:
            self.advance(*wait)  # the permission prompt: the call waits for the person
        if denied and self.block_via == "user":
            self.advance(2, 20)  # the person reads the request, then says no
            text, result = REJECTED, "User rejected tool use"
        elif denied:
            text = ("PreToolUse:%s hook error: [failproofai --hook PreToolUse]: %s" % (name, hook[2])
                    if self.deny_text == "exit2" else "Hook PreToolUse:%s denied this tool" % name)
            result = "Error: " + text
        elif error:
            self.advance(0.2, 3.0)
            text = "Exit code 1\n" + output if error.startswith("exit code") else error
            result = "Error: " + text
        else:
            self.advance(0.2, 3.0)
            text = output
            result = {"stdout": output, "stderr": "", "interrupted": False, "isImage": False}
        block = {"tool_use_id": cid, "type": "tool_result", "content": text, "is_error": bool(denied or error)}
        self.rec("user", message={"role": "user", "content": [block]}, toolUseResult=result,
                 sourceToolAssistantUUID=use)
        if denied and self.block_via == "user":
            self.user_text_block("[Request interrupted by user for tool use]")
            self.advance(10, 60)
            self.user_text("Don't run `%s`. Find another way." % input_.get("command", name))
        self.advance(0.02, 0.2)

    def user_text_block(self, text):
        return self.rec("user", message={"role": "user", "content": [{"type": "text", "text": text}]})

    def end(self, outcome="success", summary="Done."):
        self.model("Done: the fix is in and the test passes.", stop_reason="end_turn")
        self.system("turn_duration", durationMs=self.rng.randint(20000, 900000), isMeta=False)

    def compaction(self):
        before = self.parent
        self.advance(5, 20)  # summarising takes a while
        self.parent = None
        self.system("compact_boundary", logicalParentUuid=before, content="Conversation compacted", isMeta=False,
                    level="info", compactMetadata={"trigger": "auto", "preTokens": self.rng.randint(150000, 190000)})
        self.user_text(COMPACT_SUMMARY, isVisibleInTranscriptOnly=True, isCompactSummary=True)
        self.advance(0.1, 0.5)

    def fatal_error(self):
        rng = self.rng
        self.model("Running the full suite.")
        how = rng.choice(["overloaded", "server", "tool"])
        if how == "tool":  # the sandbox died under the call: nothing after it
            self.tool("Bash", {"command": self.project["test"]},
                      error="Error: the sandbox container exited with code 137 (out of memory)")
            return
        self.tool("Bash", {"command": self.project["test"]}, output="1 failed, 11 passed")
        self.advance(1, 3)
        text = ("API Error: 529 {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"
                if how == "overloaded" else
                "API Error: 500 {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"Internal server error\"}}")
        self.rec("assistant", message={"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "model": "<synthetic>",
                                       "role": "assistant", "stop_reason": "stop_sequence", "type": "message",
                                       "content": [{"type": "text", "text": text}]},
                 isApiErrorMessage=True)

    def open_call(self, name, input_):
        self.assistant({"type": "tool_use", "id": self.call_id(), "name": name, "input": input_}, "tool_use")

    def api_retry(self, attempt, wait_s):
        self.system("api_error", level="error", content="API Error (429 rate_limit_error): Rate limited. Retrying in "
                    "%d seconds (attempt %d/10)" % (wait_s, attempt), retryInMs=wait_s * 1000, retryAttempt=attempt,
                    maxRetries=10)

    def retry_loop(self, count):
        for attempt in range(1, count + 1):
            self.advance(1, 5)
            self.api_retry(attempt, 30)

    def benign(self, what):
        """Things a clean session may hold: a test failing once, a permission prompt, one retried rate limit,
        the person interrupting and steering."""
        p = self.project
        if what == "fail_once":
            self.model("Running the tests.")
            self.tool("Bash", {"command": p["test"]}, output="FAILED", error="exit code 1")
            self.model("Fixing.")
            self.tool("Edit", {"file_path": p["root"] + "/" + p["on"][0], "old_string": "q", "new_string": "r"})
        elif what == "approval":
            self.model("Running the tests.")
            self.tool("Bash", {"command": p["test"] + " --maxfail=1"}, output="passed", wait=(300, 900))
        elif what == "one_rate_limit":
            self.advance(1, 3)
            self.api_retry(1, 5)
            self.advance(5, 6)
        else:
            self.model("I will restructure the whole module first.")
            self.advance(2, 6)
            self.user_text_block("[Request interrupted by user]")
            self.advance(20, 200)
            self.user_text("No, keep to the failing test please.")
            self.advance(0.05, 0.2)


def write_claude(out, plain, cut, per_file):
    """OUT/logs/projects/<project>/<session>.jsonl, and the hook logs of each batch of per_file sessions
    (hooks/failproofai/hook-activity/, hooks/claude/): one file holds the rows of many sessions, interleaved
    by time."""
    logs = os.path.join(out, "logs")
    runs = plain + cut
    for r in runs:
        folder = os.path.join(logs, "projects", r.project["root"].replace("/", "-"))
        os.makedirs(folder, exist_ok=True)
        lines = [line for _, _, line in sorted(r.records)]
        for agent, records in r.subagents.items():  # <session>/subagents/agent-<id>.jsonl, as Claude Code lays it out
            os.makedirs(os.path.join(folder, r.sid, "subagents"), exist_ok=True)
            with open(os.path.join(folder, r.sid, "subagents", "agent-%s.jsonl" % agent), "w", encoding="utf-8") as sub:
                for _, _, line in sorted(records):
                    sub.write(line + "\n")
        with open(os.path.join(folder, r.sid + ".jsonl"), "w", encoding="utf-8") as out_file:
            if r in cut:
                for line in lines[:-1]:
                    out_file.write(line + "\n")
                out_file.write(lines[-1][: len(lines[-1]) // 2])  # the process died mid-write
            else:
                for line in lines:
                    out_file.write(line + "\n")
    runs.sort(key=lambda r: r.records[0][0])
    for f in range(0, len(runs), per_file):
        group = runs[f:f + per_file]
        for attr, folder, name in (("activity", "hooks/failproofai/hook-activity", "activity-%03d.jsonl"),
                                   ("payloads", "hooks/claude", "pretooluse-%03d.jsonl")):
            rows = sorted(row for r in group for row in getattr(r, attr))
            if not rows:
                continue
            os.makedirs(os.path.join(logs, folder), exist_ok=True)
            with open(os.path.join(logs, folder, name % (f // per_file)), "w", encoding="utf-8") as out_file:
                for _, _, line in rows:
                    out_file.write(line + "\n")
    return logs
