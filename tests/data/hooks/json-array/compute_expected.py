#!/usr/bin/env python3
"""Independent computation of what tests/shared/readers/hooks/hooks_json_array_test.cpp asserts about the hook
payload logs kept as one JSON array per file (pre_tool_use.json, post_tool_use.json).

Run by hand from this folder (python3 compute_expected.py). It reads the files with Python's json module and a
raw decoder for the byte offset of each element, never the reader's output, and prints per file: the number of
records, and per record its byte offset, its line, its event, tool, the keys of its tool_input and whether it
has a tool_response; then the counts the test asserts (records, records with a command, with a file_path).
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def elements(text):
    """(offset, value) of each element of the top-level array, by Python's own raw decoder."""
    decoder = json.JSONDecoder()
    at = text.index("[") + 1
    out = []
    while True:
        while text[at] in " \t\r\n,":
            at += 1
        if text[at] == "]":
            return out
        value, end = decoder.raw_decode(text, at)
        out.append((at, value))
        at = end


for name in ("pre_tool_use.json", "post_tool_use.json"):
    text = open(os.path.join(HERE, name), encoding="utf-8").read()
    assert text.isascii(), "byte offsets below are character offsets: the files are ASCII"
    records = elements(text)
    print(f"== {name}: {len(records)} records")
    commands = paths = responses = 0
    for index, (offset, record) in enumerate(records):
        line = text.count("\n", 0, offset) + 1
        tool_input = record.get("tool_input", {})
        commands += isinstance(tool_input.get("command"), str)
        paths += isinstance(tool_input.get("file_path"), str)
        responses += "tool_response" in record
        print(f"  [{index}] byte {offset} line {line} {record['hook_event_name']} {record['tool_name']}"
              f" input keys {sorted(tool_input)} response {'tool_response' in record}")
    print(f"  records {len(records)}, with command {commands}, with file_path {paths}, with tool_response {responses}")
    print(f"  sessions {sorted(set(r['session_id'] for _, r in records))}")
