#!/usr/bin/env python3
"""Independent computation of what tests/shared/readers/claude_code/claude_code_variants_test.cpp asserts about
the same Claude Code records kept in other containers: chat-json-array.json (one JSON array) and
web-loglines.json ({"loglines": [...]}, records without uuid or sessionId).

Run by hand from this folder (python3 compute_expected.py). Reads the files with Python's json module, never
the reader's output, and prints: records, their byte offsets, sessions, tool_use blocks (by name), tool_results
(errors among them), assistant records, text and thinking blocks, and human prompts (user records whose content
is a string or text blocks, not isMeta / isCompactSummary / an interrupt / local command output).
"""
import json
import os
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))


def elements(text, array_begin):
    decoder = json.JSONDecoder()
    at = array_begin + 1
    out = []
    while True:
        while text[at] in " \t\r\n,":
            at += 1
        if text[at] == "]":
            return out
        value, end = decoder.raw_decode(text, at)
        out.append((at, value))
        at = end


def is_prompt(record):
    if record.get("type") != "user" or record.get("isMeta") or record.get("isCompactSummary"):
        return False
    content = record.get("message", {}).get("content")
    if isinstance(content, list):
        if any(isinstance(b, dict) and b.get("type") == "tool_result" for b in content):
            return False
        content = "\n".join(b.get("text", "") for b in content if isinstance(b, dict) and b.get("type") == "text")
    if not isinstance(content, str):
        return False
    text = content.lstrip()
    return not (text.startswith("[Request interrupted by user") or text.startswith("<local-command-")
                or text.startswith("<task-notification>"))


for name, key in (("chat-json-array.json", None), ("web-loglines.json", "loglines")):
    text = open(os.path.join(HERE, name), encoding="utf-8").read()
    begin = text.index("[") if key is None else text.index("[", text.index('"%s"' % key))
    records = elements(text, begin)
    raw = text.encode("utf-8")
    print(f"== {name}: {len(records)} records; first offsets (bytes) "
          f"{[len(text[:o].encode('utf-8')) for o, _ in records[:4]]}")
    types = Counter(r.get("type") for _, r in records)
    uses, results, errors, texts, thinking = Counter(), 0, 0, 0, 0
    for _, r in records:
        content = r.get("message", {}).get("content") if isinstance(r.get("message"), dict) else None
        if not isinstance(content, list):
            continue
        for b in content:
            if not isinstance(b, dict):
                continue
            if b.get("type") == "tool_use":
                uses[b.get("name")] += 1
            elif b.get("type") == "tool_result":
                results += 1
                errors += bool(b.get("is_error"))
            elif b.get("type") == "text" and r.get("type") == "assistant":
                texts += 1
            elif b.get("type") == "thinking":
                thinking += 1
    ids = {r.get("message", {}).get("id") for _, r in records if r.get("type") == "assistant"}
    print(f"  types {dict(types)}")
    print(f"  sessions {sorted({r.get('sessionId') for _, r in records if r.get('sessionId')})}")
    print(f"  tool_use {sum(uses.values())} {dict(uses)}; tool_result {results}, is_error {errors}")
    print(f"  assistant records {types['assistant']}, distinct message ids {len(ids)} (None = no id)")
    print(f"  assistant text blocks {texts}, thinking blocks {thinking}")
    print(f"  human prompts {sum(is_prompt(r) for _, r in records)}")
