#!/usr/bin/env python3
# Synthetic Claude Code transcripts (~/.claude/projects/<project>/<session>.jsonl) for benchmarks.
# Standard library only; depends on nothing in this repository. Shape follows tests/data/claude-code/:
# uuid/parentUuid chains, assistant messages split into one record per content block sharing message.id,
# tool_use/tool_result pairs, and each tool output repeated in `toolUseResult` and `message.content`.
"""usage: generate_claude_code.py -o DIR --bytes N [--seed S] [--session-bytes N]

Writes sessions of about --session-bytes each into DIR/<uuid>.jsonl until about N bytes are written.
The same seed gives the same files."""

import argparse
import json
import os
import random
import uuid
from datetime import datetime, timedelta, timezone

WORDS = ("the function returns config value parser error handler request response cache index table "
         "column string buffer stream block thread session span token model tool result output input file "
         "path test build module import export struct class method field type check fix update read write").split()
FILES = ["src/server/router.ts", "src/server/handlers/orders.ts", "lib/billing/invoice.py", "lib/billing/tax.py",
         "crates/logtail/src/reader.rs", "crates/logtail/src/index.rs", "tests/test_invoice.py", "README.md",
         "src/components/Cart.tsx", "package.json", "Cargo.toml", "pyproject.toml"]
COMMANDS = ["npm test", "pytest -q tests/", "cargo test --all", "git status", "git diff --stat", "ls -la src",
            "rg -n 'TODO' src", "npm run lint", "cargo clippy -- -D warnings", "python -m mypy lib"]
MODELS = ["claude-opus-4-6", "claude-sonnet-4-5-20250929"]


class Ids:
    def __init__(self, rng):
        self.rng = rng

    def uuid(self):
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def b58(self, prefix, n):
        alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
        return prefix + "".join(self.rng.choice(alphabet) for _ in range(n))


def sentence(rng, lo=6, hi=24):
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def code_lines(rng, n):
    out = []
    indent = 0
    for i in range(n):
        kind = rng.random()
        if kind < 0.15:
            line = "def %s_%s(%s):" % (rng.choice(WORDS), rng.choice(WORDS), ", ".join(rng.sample(WORDS, 2)))
            indent = 1
        elif kind < 0.25:
            line = "    return %s.%s(%d)" % (rng.choice(WORDS), rng.choice(WORDS), rng.randint(0, 999))
        elif kind < 0.35:
            line = ""
        else:
            line = "    " * indent + "%s = %s(%s, %r)" % (rng.choice(WORDS), rng.choice(WORDS), rng.choice(WORDS),
                                                          rng.choice(WORDS))
        out.append("%6d\u2192%s" % (i + 1, line))
    return "\n".join(out)


def test_output(rng, n):
    lines = []
    for i in range(n):
        ok = rng.random() > 0.05
        lines.append("tests/test_%s.py::test_%s_%d %s" % (rng.choice(WORDS), rng.choice(WORDS), i,
                                                        "PASSED" if ok else "FAILED"))
    lines.append("==== %d passed, %d failed in %.2fs ====" % (n, rng.randint(0, 3), rng.random() * 9))
    return "\n".join(lines)


class Session:
    def __init__(self, rng, ids, project, start):
        self.rng, self.ids = rng, ids
        self.session_id = ids.uuid()
        self.cwd = "/home/dev/projects/" + project
        self.clock = start
        self.parent = None
        self.model = rng.choice(MODELS)
        self.lines = []
        self.size = 0

    def tick(self, lo_ms=20, hi_ms=4000):
        self.clock += timedelta(milliseconds=self.rng.randint(lo_ms, hi_ms))
        return self.clock.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (self.clock.microsecond // 1000)

    def emit(self, record_type, extra):
        record = {"parentUuid": self.parent, "isSidechain": False, "userType": "external", "cwd": self.cwd,
                  "sessionId": self.session_id, "version": "2.1.38", "gitBranch": "main", "type": record_type}
        record.update(extra)
        uid = self.ids.uuid()
        record["uuid"] = uid
        record["timestamp"] = self.tick()
        line = json.dumps(record, separators=(",", ":"), ensure_ascii=False) + "\n"
        self.lines.append(line)
        self.size += len(line.encode())
        self.parent = uid
        return uid

    def user_prompt(self):
        self.emit("user", {"message": {"role": "user", "content": sentence(self.rng, 8, 40)},
                           "permissionMode": "default"})

    def usage(self, out_tokens):
        return {"input_tokens": self.rng.randint(1, 12), "cache_creation_input_tokens": self.rng.randint(0, 9000),
                "cache_read_input_tokens": self.rng.randint(10000, 90000), "output_tokens": out_tokens,
                "service_tier": "standard"}

    def assistant_turn(self):
        """One model message split into records (thinking, text, tool_use...) sharing message.id."""
        msg_id = self.ids.b58("msg_01", 22)
        request_id = self.ids.b58("req_011C", 20)
        blocks = []
        if self.rng.random() < 0.5:
            blocks.append({"type": "thinking", "thinking": " ".join(sentence(self.rng) for _ in range(3)),
                           "signature": self.ids.b58("Eu", 180)})
        if self.rng.random() < 0.8:
            blocks.append({"type": "text", "text": " ".join(sentence(self.rng) for _ in range(self.rng.randint(1, 4)))})
        tools = [self.tool_call() for _ in range(self.rng.choice([0, 1, 1, 1, 2]))]
        for tool in tools:
            blocks.append({"type": "tool_use", "id": tool["id"], "name": tool["name"], "input": tool["input"]})
        if not blocks:
            blocks.append({"type": "text", "text": sentence(self.rng)})
        assistant_uuid = None
        for i, block in enumerate(blocks):
            last = i == len(blocks) - 1
            message = {"model": self.model, "id": msg_id, "type": "message", "role": "assistant", "content": [block],
                       "stop_reason": ("tool_use" if tools else "end_turn") if last else None,
                       "stop_sequence": None, "usage": self.usage(self.rng.randint(5, 900))}
            assistant_uuid = self.emit("assistant", {"message": message, "requestId": request_id})
        for tool in tools:
            self.tool_result(tool, assistant_uuid)
        return bool(tools)

    def tool_call(self):
        rng = self.rng
        tool_id = self.ids.b58("toolu_01", 22)
        kind = rng.random()
        if kind < 0.4:
            path = self.cwd + "/" + rng.choice(FILES)
            n = rng.randint(20, 400)
            content = code_lines(rng, n)
            return {"id": tool_id, "name": "Read", "input": {"file_path": path}, "text": content,
                    "result": {"type": "text", "file": {"filePath": path, "content": content, "numLines": n,
                                                        "startLine": 1, "totalLines": n}}}
        if kind < 0.75:
            command = rng.choice(COMMANDS)
            out = test_output(rng, rng.randint(5, 120))
            return {"id": tool_id, "name": "Bash", "input": {"command": command, "description": sentence(rng, 3, 8)},
                    "text": out, "result": {"stdout": out, "stderr": "", "interrupted": False, "isImage": False}}
        if kind < 0.9:
            path = self.cwd + "/" + rng.choice(FILES)
            old = code_lines(rng, rng.randint(2, 12))
            new = code_lines(rng, rng.randint(2, 12))
            text = "The file %s has been updated. Here's the result of running `cat -n` on a snippet:\n%s" % (
                path, code_lines(rng, rng.randint(8, 40)))
            return {"id": tool_id, "name": "Edit", "input": {"file_path": path, "old_string": old, "new_string": new},
                    "text": text, "result": {"filePath": path, "oldString": old, "newString": new,
                                             "originalFile": code_lines(rng, rng.randint(40, 300)),
                                             "structuredPatch": [], "userModified": False}}
        pattern = rng.choice(WORDS)
        matches = [self.cwd + "/" + rng.choice(FILES) for _ in range(rng.randint(1, 30))]
        text = "\n".join(matches)
        return {"id": tool_id, "name": "Grep", "input": {"pattern": pattern, "output_mode": "files_with_matches"},
                "text": text, "result": {"mode": "files_with_matches", "filenames": matches,
                                         "numFiles": len(matches)}}

    def tool_result(self, tool, assistant_uuid):
        # As real Claude Code does: the output twice, in message.content and in toolUseResult.
        self.emit("user", {"message": {"role": "user", "content": [
            {"tool_use_id": tool["id"], "type": "tool_result", "content": tool["text"], "is_error": False}]},
            "toolUseResult": tool["result"], "sourceToolAssistantUUID": assistant_uuid})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", dest="out", required=True)
    parser.add_argument("--bytes", type=float, required=True, help="approximate total size, e.g. 1e9")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--session-bytes", type=float, default=4e6)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    ids = Ids(rng)
    os.makedirs(args.out, exist_ok=True)
    total = 0
    start = datetime(2026, 2, 10, 9, 0, tzinfo=timezone.utc)
    projects = ["storefront", "billing", "logtail"]
    while total < args.bytes:
        s = Session(rng, ids, rng.choice(projects), start)
        start += timedelta(minutes=rng.randint(5, 90))
        budget = min(args.session_bytes, args.bytes - total)
        while s.size < budget:
            s.user_prompt()
            for _ in range(rng.randint(1, 8)):
                if not s.assistant_turn():
                    break
        with open(os.path.join(args.out, s.session_id + ".jsonl"), "w", encoding="utf-8", newline="") as f:
            f.writelines(s.lines)
        total += s.size


if __name__ == "__main__":
    main()
