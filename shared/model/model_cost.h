// What model calls cost: a log's model name mapped to a row of the price table (model/price_table.h), a
// call's cost from its token attributes, a session's sum with the calls whose price is unknown counted
// apart. An unknown model, a class of tokens without a price, or a call without token counts is unknown,
// never guessed and never 0. The rules are in docs/pricing.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/price_table.h"
#include "model/trace.h"

namespace agentreel {

// The name as the table spells it: lower case, without a router's or proxy's provider prefix (everything
// up to the last '/': "openai/gpt-4o", "litellm_proxy/neulab/gpt-4o-2024-08-06") or a trailing "[...]"
// ("claude-sonnet-4-5[1m]").
std::string normalize_model_name(std::string_view name);

// The row whose model id is the longest one the normalized name starts with, where '.' and '-' match each
// other ("claude-sonnet-4.6") and what follows the id is nothing, a date or version number ("-20250929",
// "-2024-08-06", "-001", "@20250929") or "-latest". Null for any other name: "gpt-5.1-codex-max" does not
// take "gpt-5.1"'s price.
const ModelPrice* find_model_price(std::string_view name);

// A model call's tokens as docs/facts.md keeps them; cache_creation_1h is the part of cache_creation written
// for an hour (Claude Code reports the split), the rest is priced as a 5-minute write.
struct CallTokens {
  int64_t input = 0, output = 0, cache_read = 0, cache_creation = 0, cache_creation_1h = 0;
};

// USD; nullopt when a class with tokens has no price.
std::optional<double> call_cost_usd(const ModelPrice& price, const CallTokens& tokens);

// The cost of a model span from its `model` and token attributes; nullopt when unknown (no model, a model
// not in the table, no token counts, or tokens of a class without a price). Claude Code's "<synthetic>"
// messages are written by Claude Code, not a model: 0.
std::optional<double> span_cost_usd(const Trace& trace, uint32_t span);

struct CostTotal {
  double usd = 0;              // the sum over the calls whose cost is known
  uint64_t priced_calls = 0;   // model calls with a known cost
  uint64_t unknown_calls = 0;  // model calls whose cost is unknown: `usd` is then a lower bound
};

// Over the session's model spans.
CostTotal session_cost(const Trace& trace, uint32_t session);

// "$0.0123", "$12.34", "$1,234"; "≥ $1.23 (2 calls of unknown price)"; "unknown (5 calls of unknown price)".
std::string usd_text(double usd);
std::string cost_text(const CostTotal& cost);

}  // namespace agentreel
