"""Independent counts for tests/cli/find.sh, read from Claude Code JSONL with Python's json module.

find_check.py KIND ARG FILE_OR_DIR...
  tool A,B      tool calls (unique tool_use ids) named A or B
  not-tool A    tool calls not named A
  command TEXT  Bash calls whose command contains TEXT (case-insensitive)
  phrase TEXT   tool calls whose tool_use line or tool_result line contains TEXT (case-insensitive, raw bytes)
"""
import json
import os
import sys


def lines(paths):
    for path in paths:
        files = [path] if os.path.isfile(path) else sorted(
            os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs if f.endswith(".jsonl"))
        for name in files:
            with open(name, encoding="utf-8") as f:
                for line in f:
                    try:
                        yield line, json.loads(line)
                    except json.JSONDecodeError:
                        continue


def blocks(record):
    content = (record.get("message") or {}).get("content")
    return content if isinstance(content, list) else []


def main():
    kind, arg, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    calls, hits = {}, set()
    for line, record in lines(paths):
        for b in blocks(record):
            if not isinstance(b, dict):
                continue
            if b.get("type") == "tool_use":
                calls[b["id"]] = b
                if kind == "phrase" and arg.lower() in line.lower():
                    hits.add(b["id"])
            elif b.get("type") == "tool_result" and kind == "phrase" and arg.lower() in line.lower():
                hits.add(b.get("tool_use_id"))
    if kind == "tool":
        n = sum(1 for c in calls.values() if c["name"] in arg.split(","))
    elif kind == "not-tool":
        n = sum(1 for c in calls.values() if c["name"] != arg)
    elif kind == "command":
        n = sum(1 for c in calls.values()
                if c["name"] == "Bash" and arg.lower() in str((c.get("input") or {}).get("command", "")).lower())
    elif kind == "phrase":
        n = len(hits & calls.keys())
    else:
        sys.exit(f"unknown kind {kind}")
    print(n)


main()
