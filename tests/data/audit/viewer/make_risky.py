#!/usr/bin/env python3
"""Writes risky_session.jsonl: the real Claude Code session ../../claude-code/tool_heavy.jsonl (copied byte for byte)
followed by hand-written calls in the same record shapes, same session, cwd and branch: a force push, a read of
.env, an rm -rf, and the same failing test command four times. Rerun to regenerate; see SOURCES.md."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.join(HERE, "..", "..", "claude-code", "tool_heavy.jsonl")
OUT = os.path.join(HERE, "risky_session.jsonl")

base = open(SOURCE, encoding="utf-8").read()
last = [json.loads(l) for l in base.splitlines() if l.strip()]
parent = next(r["uuid"] for r in reversed(last) if r.get("uuid"))
COMMON = {"isSidechain": False, "userType": "external", "cwd": "/home/marco/projects/spotter",
          "sessionId": "d6e0bada-1959-4eec-a9d2-0bfade768d8f", "version": "2.1.38", "gitBranch": "master"}

CALLS = [  # (tool, input, result text, is_error)
    ("Bash", {"command": "git push --force origin master", "description": "Force push the rebased branch"},
     "To github.com:marot/spotter.git\n + 3f1c2aa...9b07d41 master -> master (forced update)", False),
    ("Read", {"file_path": "/home/marco/projects/spotter/.env"},
     "     1\tPHX_HOST=localhost\n     2\tDATABASE_URL=ecto://postgres:postgres@localhost/spotter_dev\n", False),
    ("Bash", {"command": "rm -rf _build deps && ls /tmp", "description": "Remove build artifacts and list /tmp"}, "", False),
] + [("Bash", {"command": "mix test test/spotter/transcripts_test.exs", "description": "Run the transcript tests"},
      "** (Mix) Could not find a Mix.Project, please ensure you are running Mix in a directory with a mix.exs file",
      True)] * 4

records = []
seconds = 0
for i, (tool, tool_input, result, is_error) in enumerate(CALLS):
    use_id = f"toolu_01Risky{i:02d}xxxxxxxxxxxxxxx"
    a_uuid = f"7a0c1d2e-0000-4000-8000-0000000001{i:02d}"
    u_uuid = f"7a0c1d2e-0000-4000-8000-0000000002{i:02d}"
    t0 = f"2026-02-10T23:00:{seconds:02d}.100Z"
    t1 = f"2026-02-10T23:00:{seconds + 2:02d}.400Z"
    seconds += 5
    records.append({"parentUuid": parent, **COMMON, "message": {
        "model": "claude-opus-4-6", "id": f"msg_01Risky{i:02d}", "type": "message", "role": "assistant",
        "content": [{"type": "tool_use", "id": use_id, "name": tool, "input": tool_input,
                     "caller": {"type": "direct"}}],
        "stop_reason": None, "stop_sequence": None,
        "usage": {"input_tokens": 3, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 25798,
                  "output_tokens": 41, "service_tier": "standard"}},
        "requestId": f"req_01Risky{i:02d}", "type": "assistant", "uuid": a_uuid, "timestamp": t0})
    result_record = {"parentUuid": a_uuid, **COMMON, "type": "user", "message": {"role": "user", "content": [
        {"tool_use_id": use_id, "type": "tool_result", "content": result, "is_error": is_error}]},
        "uuid": u_uuid, "timestamp": t1, "sourceToolAssistantUUID": a_uuid}
    if tool == "Bash":
        result_record["toolUseResult"] = {"stdout": "" if is_error else result, "stderr": result if is_error else "",
                                          "interrupted": False, "isImage": False}
    records.append(result_record)
    parent = u_uuid

with open(OUT, "w", encoding="utf-8") as f:
    f.write(base if base.endswith("\n") else base + "\n")
    for r in records:
        f.write(json.dumps(r, separators=(",", ":")) + "\n")
