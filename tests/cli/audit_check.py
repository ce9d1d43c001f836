#!/usr/bin/env python3
"""Independent truth for tests/cli/audit.sh, read from the raw logs and the spec's table, never from audit itself.

  audit_check.py vectors EXPECTED.tsv FIND.json AUDIT.json all|default
      the (span, policy, decision) findings audit must report on tests/data/audit/vectors.jsonl: each row of
      EXPECTED.tsv (from failproofai-policies.md section 6) located by its command or file in `find kind:tool`'s
      snippets; with `default`, only the rows of policies failproofai enables by default
  audit_check.py recorded JSONL FIND.json AUDIT.json
      the recorded denials: the transcript's tool_results rejected by a failproofai hook must be reproduced
      (agreement "agree"), the ones the user rejected must be "missed"
  audit_check.py calls FORMAT FILE...
      how many tool calls the raw logs hold (claude: distinct tool_use ids; agenteye: distinct tool_call_ids of
      tool_use and tool_result events; codex: function_call, custom_tool_call and local_shell_call items)
  audit_check.py shell-calls codex FILE...
      how many of the codex calls are shell commands (their arguments hold a "command")
"""
import json
import sys


def rows(path):
    out = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        key, policy, decision, default, source = line.rstrip("\n").split("\t")
        out.append({"key": key, "policy": policy, "decision": decision, "default": default == "yes", "source": source})
    return out


def span_of(find, key):
    hits = [m for m in find["matches"] if m["snippet"].endswith(key) and (m["snippet"].startswith("$ " + key) or
                                                                          m["snippet"].split(" ", 1)[1] == key)]
    if len(hits) != 1:
        sys.exit("no single tool call for %r in find's snippets (%d)" % (key, len(hits)))
    return hits[0]["span"]


def vectors(expected, find_path, audit_path, mode):
    find = json.load(open(find_path))
    audit = json.load(open(audit_path))
    want = set()
    for r in rows(expected):
        span = span_of(find, r["key"])
        if r["policy"] != "-" and (mode == "all" or r["default"]):
            want.add((span, "failproofai/" + r["policy"], r["decision"]))
    got = set()
    for s in audit["sessions"]:
        for f in s["findings"]:
            got.add((f["span"], f["policy"], f["decision"]))
    if got != want:
        sys.exit("audit findings differ:\n  missing %s\n  unexpected %s" % (sorted(want - got), sorted(got - want)))
    print(len(want))


def recorded(jsonl, find_path, audit_path):
    find = json.load(open(find_path))
    audit = json.load(open(audit_path))
    commands = {}
    for line in open(jsonl, encoding="utf-8"):
        r = json.loads(line)
        content = r.get("message", {}).get("content")
        if not isinstance(content, list):
            continue
        for block in content:
            if block.get("type") == "tool_use":
                commands[block["id"]] = block["input"].get("command") or block["input"].get("file_path")
            elif block.get("type") == "tool_result" and block.get("is_error"):
                text = block["content"]
                how = "agree" if "by failproofai because" in text else "missed"
                commands[block["tool_use_id"]] = (commands[block["tool_use_id"]], how)
    want = {(span_of(find, v[0]), v[1]) for v in commands.values() if isinstance(v, tuple)}
    got = {(d["span"], d["agreement"]) for s in audit["sessions"] for d in s["recorded_denials"]}
    if got != want:
        sys.exit("recorded denials differ: want %s, got %s" % (sorted(want), sorted(got)))
    print(len(want))


def calls(fmt, files, shell_only=False):
    ids = set()
    n = 0
    for path in files:
        for line in open(path, encoding="utf-8"):
            try:
                r = json.loads(line)
            except ValueError:
                continue
            if fmt == "claude":
                content = r.get("message", {}).get("content") if isinstance(r.get("message"), dict) else None
                for block in content if isinstance(content, list) else []:
                    if isinstance(block, dict) and block.get("type") == "tool_use":
                        ids.add(block["id"])
            elif fmt == "agenteye":
                if r.get("type") in ("tool_use", "tool_result") and r.get("tool_call_id"):
                    ids.add((r.get("session_id"), r["tool_call_id"]))
            elif fmt == "codex":
                p = r.get("payload", {})
                if p.get("type") in ("function_call", "custom_tool_call", "local_shell_call"):
                    if not shell_only:
                        n += 1
                        continue
                    args = p.get("arguments", "{}")
                    args = json.loads(args) if isinstance(args, str) else args
                    action = p.get("action") if isinstance(p.get("action"), dict) else {}
                    n += "command" in args or "cmd" in args or "command" in action
    print(len(ids) if fmt != "codex" else n)


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "vectors":
        vectors(*sys.argv[2:6])
    elif what == "recorded":
        recorded(*sys.argv[2:5])
    elif what == "calls":
        calls(sys.argv[2], sys.argv[3:])
    elif what == "shell-calls":
        calls(sys.argv[2], sys.argv[3:], shell_only=True)
