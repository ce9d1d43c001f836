#!/usr/bin/env python3
"""Expected cost of a Claude Code transcript, from the JSONL alone (no agentreel code), for
tests/shared/model/model_cost_test.cpp. Run by hand: `python3 tests/data/claude-code/compute_cost.py FILE`.

Each assistant message.id counts once, with the usage of its LAST record in file order (streamed records
repeat it). Prices are Anthropic's list prices in USD per million tokens (docs/pricing.md), written here
again, not read from the C++ table: input, 5-minute cache write, 1-hour cache write, cache read, output.
A cache write is a 1-hour write for usage.cache_creation.ephemeral_1h_input_tokens, 5-minute for the rest.
"""
import collections
import json
import sys

PRICES = {"claude-opus-4-6": (5.00, 6.25, 10.00, 0.50, 25.00)}

messages = collections.OrderedDict()  # message id -> (model, usage)
for line in open(sys.argv[1], encoding="utf-8"):
    if not line.strip():
        continue
    r = json.loads(line)
    if r.get("type") != "assistant" or r.get("isApiErrorMessage"):
        continue
    m = r["message"]
    messages[m.get("id") or r["uuid"]] = (m.get("model"), m.get("usage") or {})

totals = collections.Counter()
usd = 0.0
for model, u in messages.values():
    p_in, p_5m, p_1h, p_hit, p_out = PRICES[model]
    written = u.get("cache_creation_input_tokens", 0)
    written_1h = (u.get("cache_creation") or {}).get("ephemeral_1h_input_tokens", 0)
    parts = {"input": u.get("input_tokens", 0), "output": u.get("output_tokens", 0),
             "cache_read": u.get("cache_read_input_tokens", 0), "write_5m": written - written_1h,
             "write_1h": written_1h}
    totals.update(parts)
    usd += (parts["input"] * p_in + parts["output"] * p_out + parts["cache_read"] * p_hit +
            parts["write_5m"] * p_5m + parts["write_1h"] * p_1h) / 1e6
print("calls", len(messages), "models", sorted({m for m, _ in messages.values()}))
print("tokens", dict(totals))
print("usd %.7f" % usd)
