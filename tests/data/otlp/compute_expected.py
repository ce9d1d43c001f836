#!/usr/bin/env python3
"""Expected values for tests/shared/readers/otlp/otlp_reader_test.cpp, computed independently of the
C++ reader: Python's json module walks resourceSpans/scopeSpans/spans; byte offsets come from
json.JSONDecoder.raw_decode over the file decoded as latin-1 (one character per byte). Run by hand:
    python3 tests/data/otlp/compute_expected.py
and copy the printed numbers into the test when the data or the mapping rules change.

Mapping rules (the reader's documented contract, re-implemented here):
  kind:  gen_ai.operation.name chat/text_completion/generate_content -> model, execute_tool -> tool,
         invoke_agent -> agent; else openinference.span.kind LLM -> model, TOOL -> tool, AGENT -> agent,
         GUARDRAIL -> hook; with neither attribute, a model attribute -> model, a tool name -> tool;
         everything else -> event.
  name:  model -> response model / request model / llm.model_name / span name; tool -> tool name / span
         name; agent -> agent name / span name; others -> span name.
  parent: the span whose spanId equals parentSpanId in the same trace (ids compared as bytes).
  status: status.code 2 / "STATUS_CODE_ERROR" -> error; no endTimeUnixNano -> unfinished; else ok.
"""
import base64
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = ["smol_deep_research_agent.json", "rag_earnings_agent.json", "trace.json", "genai_semconv.jsonl"]


def id_bytes(text, size):
    if len(text) == 2 * size and re.fullmatch(r"[0-9a-fA-F]+", text):
        return bytes.fromhex(text)
    raw = base64.b64decode(text + "=" * (-len(text) % 4))
    assert len(raw) == size, text
    return raw


def attrs(span):
    out = {}
    for a in span.get("attributes", []):
        v = a["value"]
        if "stringValue" in v:
            out[a["key"]] = v["stringValue"]
        elif "intValue" in v:
            out[a["key"]] = int(v["intValue"])
        elif "arrayValue" in v:
            out[a["key"]] = [x.get("stringValue") for x in v["arrayValue"].get("values", [])]
        else:
            out[a["key"]] = list(v.values())[0]
    return out


def first(*values):
    for v in values:
        if v not in (None, ""):
            return v
    return None


def classify(a):
    op, oi = a.get("gen_ai.operation.name"), (a.get("openinference.span.kind") or "").upper()
    if op in ("chat", "text_completion", "generate_content"):
        return "model"
    if op == "execute_tool":
        return "tool"
    if op == "invoke_agent":
        return "agent"
    if oi in ("LLM", "TOOL", "AGENT", "GUARDRAIL"):
        return {"LLM": "model", "TOOL": "tool", "AGENT": "agent", "GUARDRAIL": "hook"}[oi]
    if not op and not oi:
        if first(a.get("gen_ai.request.model"), a.get("gen_ai.response.model"), a.get("llm.model_name")):
            return "model"
        if first(a.get("gen_ai.tool.name"), a.get("tool.name")):
            return "tool"
    return "event"


def span_objects(path):
    """(span dict, byte offset, byte length) for every span, from json.load and raw_decode."""
    data = open(path, "rb").read()
    text = data.decode("latin-1")
    if path.endswith(".jsonl"):
        docs = [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
    else:
        loaded = json.loads(data.decode("utf-8"))
        docs = loaded if isinstance(loaded, list) else [loaded]
    spans = [s for d in docs for rs in d["resourceSpans"] for ss in rs["scopeSpans"] for s in ss["spans"]]
    # Every '{' that opens an object whose first key is "traceId" is a span object here.
    decoder = json.JSONDecoder()
    located = {}
    for m in re.finditer(r'\{\s*"traceId"', text):
        obj, end = decoder.raw_decode(text, m.start())
        located[obj["spanId"]] = (m.start(), end - m.start())
    assert len(located) == len(spans), (path, len(located), len(spans))
    return [(s, *located[s["spanId"]]) for s in spans]


def main():
    for name in FILES:
        rows = span_objects(os.path.join(HERE, name))
        by_id = {(id_bytes(s["traceId"], 16), id_bytes(s["spanId"], 8)): off for s, off, _ in rows}
        print(f"== {name}")
        print(f"spans {len(rows)}")
        traces = sorted({id_bytes(s["traceId"], 16).hex() for s, _, _ in rows})
        print(f"traces {traces}")
        kinds, models, roots, errors = {}, set(), [], []
        linked = unresolved = 0
        tokens = {"model_in": 0, "model_out": 0, "all_in": 0, "all_out": 0}
        table = []
        for s, off, length in rows:
            a = attrs(s)
            kind = classify(a)
            kinds[kind] = kinds.get(kind, 0) + 1
            model = first(a.get("gen_ai.response.model"), a.get("gen_ai.request.model"), a.get("llm.model_name"))
            if kind == "model":
                span_name = first(model, s.get("name"))
                models.add(span_name)
            elif kind == "tool":
                span_name = first(a.get("gen_ai.tool.name"), a.get("tool.name"), s.get("name"))
            elif kind == "agent":
                span_name = first(a.get("gen_ai.agent.name"), a.get("agent.name"), s.get("name"))
            else:
                span_name = s.get("name")
            tin = first(a.get("gen_ai.usage.input_tokens"), a.get("gen_ai.usage.prompt_tokens"),
                        a.get("llm.token_count.prompt"))
            # docs/facts.md: input_tokens are those not read from or written to a cache; both conventions
            # count cached tokens inside the input, so they are taken out.
            if tin is not None:
                cached = (first(a.get("gen_ai.usage.cache_read.input_tokens"),
                                a.get("llm.token_count.prompt_details.cache_read")) or 0) + \
                         (first(a.get("gen_ai.usage.cache_creation.input_tokens"),
                                a.get("llm.token_count.prompt_details.cache_write")) or 0)
                tin = max(0, int(tin) - int(cached))
            tout = first(a.get("gen_ai.usage.output_tokens"), a.get("llm.token_count.completion"))
            tokens["all_in"] += tin or 0
            tokens["all_out"] += tout or 0
            if kind == "model":
                tokens["model_in"] += tin or 0
                tokens["model_out"] += tout or 0
            parent = s.get("parentSpanId") or ""
            parent_off = -1
            if parent:
                key = (id_bytes(s["traceId"], 16), id_bytes(parent, 8))
                if key in by_id:
                    parent_off = by_id[key]
                    linked += 1
                else:
                    unresolved += 1
            if parent_off < 0:
                roots.append(span_name)
            code = (s.get("status") or {}).get("code")
            if code in (2, "STATUS_CODE_ERROR"):
                status = "error"
                errors.append((span_name, (s.get("status") or {}).get("message")))
            elif not s.get("endTimeUnixNano"):
                status = "unfinished"
            else:
                status = "ok"
            start = int(s["startTimeUnixNano"])
            duration = int(s["endTimeUnixNano"]) - start if s.get("endTimeUnixNano") else -1
            table.append((off, length, kind, span_name, parent_off, status, tin if tin is not None else -1,
                          tout if tout is not None else -1, start, duration))
        print(f"kinds {dict(sorted(kinds.items()))}")
        print(f"linked {linked} unresolved_parents {unresolved} roots {roots}")
        print(f"tokens {tokens}")
        print(f"models {sorted(models)}")
        print(f"errors {errors}")
        print("table (offset, length, kind, name, parent offset, status, input, output, start_ns, duration_ns):")
        for row in table:
            off, length, kind, span_name, parent_off, status, tin, tout, start, duration = row
            print(f'    {{{off}, {length}, SpanKind::{kind}, "{span_name}", {parent_off}, SpanStatus::{status}, '
                  f"{tin}, {tout}, {start}LL, {duration}LL}},")


if __name__ == "__main__":
    main()
