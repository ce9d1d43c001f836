// Costs of model calls: the name rule on model names as real logs in tests/data write them, a real Claude
// Code session's cost against tests/data/claude-code/compute_cost.py (which reads the JSONL and prices it
// without agentreel's code or table), and a session whose model has no price: unknown, never 0.
#include "model/model_cost.h"

#include <catch2/catch.hpp>
#include <string>

#include "trace_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

std::string row_of(std::string_view name) {
  const ModelPrice* price = find_model_price(name);
  return price ? price->model : "(none)";
}

ReadTrace read_one(const std::string& relative) { return read_trace({{relative, read_file(data_path(relative))}}); }

}  // namespace

TEST_CASE("model cost: the names logs write map to a price row by the documented rule") {
  // Dated snapshots, "-latest", dots for dashes (Copilot), router and proxy prefixes.
  CHECK(row_of("claude-sonnet-4-5-20250929") == "claude-sonnet-4-5");  // claude-code-variants, otlp
  CHECK(row_of("claude-sonnet-4-5") == "claude-sonnet-4-5");
  CHECK(row_of("claude-haiku-4-5-20251001") == "claude-haiku-4-5");
  CHECK(row_of("claude-opus-4-6") == "claude-opus-4-6");      // claude-code
  CHECK(row_of("claude-sonnet-4.6") == "claude-sonnet-4-6");  // copilot
  CHECK(row_of("claude-haiku-4.5") == "claude-haiku-4-5");
  CHECK(row_of("claude-3-5-sonnet-20241022") == "claude-3-5-sonnet");  // swe-agent
  CHECK(row_of("claude-3-5-haiku-latest") == "claude-3-5-haiku");
  CHECK(row_of("litellm_proxy/neulab/gpt-4o-2024-08-06") == "gpt-4o");  // openhands
  CHECK(row_of("openai/gpt-4o") == "gpt-4o");
  CHECK(row_of("gpt-4o") == "gpt-4o");
  CHECK(row_of("gpt-5.2") == "gpt-5.2");  // codex
  CHECK(row_of("gpt-5-codex") == "gpt-5-codex");
  CHECK(row_of("gemini-2.5-pro") == "gemini-2.5-pro");  // gemini
  CHECK(row_of("gemini-2.5-flash") == "gemini-2.5-flash");
  CHECK(row_of("gemini-3-flash-preview") == "gemini-3-flash-preview");
  CHECK(row_of("Claude-Sonnet-4-5[1m]") == "claude-sonnet-4-5");
  // A variant the table does not list never takes its base model's price.
  CHECK(row_of("gpt-5.1-codex") == "(none)");  // codex
  CHECK(row_of("gpt-5.1-codex-mini") == "(none)");
  CHECK(row_of("gemini-3.1-pro-preview-customtools") == "(none)");  // gemini
  CHECK(row_of("claude-opus-4-9") == "(none)");                     // a generation number is not a snapshot date
  CHECK(row_of("aide-gpt-5") == "(none)");                          // codex
  CHECK(row_of("gpt-x") == "(none)");
  CHECK(row_of("meta-llama/llama-4-maverick") == "(none)");  // mini-swe-agent
  CHECK(row_of("openai/openrouter-llama-4-maverick") == "(none)");
  CHECK(row_of("") == "(none)");
}

TEST_CASE("model cost: tiers, cache lifetimes and classes without a price") {
  const ModelPrice* sonnet = find_model_price("claude-sonnet-4-5");
  REQUIRE(sonnet);
  // 100k input + 50k cache read + 50k written: 200k, the short tier. 3 + 0.015 + 0.1875 + 15 x 0.001.
  CallTokens call{100000, 1000, 50000, 50000, 0};
  CHECK(call_cost_usd(*sonnet, call).value() == Approx(0.3 + 0.015 + 0.1875 + 0.015));
  // One more input token: every token at the long rates (6, 0.60, 7.50, 22.50).
  call.input += 1;
  CHECK(call_cost_usd(*sonnet, call).value() == Approx(100001 * 6e-6 + 50000 * 0.60e-6 + 50000 * 7.5e-6 + 0.0225));
  // A 1-hour write costs twice the input price, a 5-minute one 1.25 times.
  CHECK(call_cost_usd(*sonnet, CallTokens{0, 0, 0, 1000, 1000}).value() == Approx(0.006));
  CHECK(call_cost_usd(*sonnet, CallTokens{0, 0, 0, 1000, 0}).value() == Approx(0.00375));
  // No cache-read price read for Gemini 2.5 Flash: a call that read its cache is unknown, one that did not is priced.
  const ModelPrice* flash = find_model_price("gemini-2.5-flash");
  REQUIRE(flash);
  CHECK_FALSE(call_cost_usd(*flash, CallTokens{1000, 100, 500, 0, 0}).has_value());
  CHECK(call_cost_usd(*flash, CallTokens{1000, 100, 0, 0, 0}).value() == Approx(0.0003 + 0.00025));
  // A snapshot sold at another price than its alias has a row without prices.
  const ModelPrice* first_4o = find_model_price("gpt-4o-2024-05-13");
  REQUIRE(first_4o);
  CHECK_FALSE(call_cost_usd(*first_4o, CallTokens{10, 10, 0, 0, 0}).has_value());
}

TEST_CASE("model cost: a real Claude Code session priced by hand") {
  // compute_cost.py on tool_heavy.jsonl: 4 calls of claude-opus-4-6; 54 input, 212 output, 88,231 cache read,
  // 17,696 written to the 1-hour cache (none to the 5-minute one). At $5, $25, $0.50 and $10 per million:
  // 54 x 5 + 212 x 25 + 88,231 x 0.50 + 17,696 x 10 = 270 + 5,300 + 44,115.5 + 176,960 = 226,645.5 micro-dollars.
  const ReadTrace r = read_one("claude-code/tool_heavy.jsonl");
  REQUIRE(r.trace.sessions.size() == 1);
  const CostTotal cost = session_cost(r.trace, 0);
  CHECK(cost.priced_calls == 4);
  CHECK(cost.unknown_calls == 0);
  CHECK(cost.usd == Approx(0.2266455).epsilon(1e-12));
  CHECK(cost_text(cost) == "$0.23");
  // The 1-hour split is what the reader kept: priced as 5-minute writes it would be 176,960 x 0.625 cheaper.
  uint64_t written_1h = 0;
  for (uint32_t i = 0; i < r.trace.spans.size(); ++i) {
    if (auto a = r.trace.find_attribute(i, "cache_creation_1h_tokens")) written_1h += uint64_t(a->value);
  }
  CHECK(written_1h == 17696);
}

TEST_CASE("model cost: a model without a price is unknown, not 0") {
  // Codex rollout whose calls name "aide-gpt-5", a model no provider's page prices.
  const ReadTrace r = read_one("codex/rollout-codex-vscode-0.39.jsonl");
  REQUIRE(r.trace.sessions.size() == 1);
  const CostTotal cost = session_cost(r.trace, 0);
  CHECK(cost.priced_calls == 0);
  CHECK(cost.unknown_calls > 0);
  CHECK(cost.usd == 0);
  CHECK(cost_text(cost) == "unknown (" + std::to_string(cost.unknown_calls) + " calls of unknown price)");
  for (uint32_t i = 0; i < r.trace.spans.size(); ++i) {
    if (r.trace.spans.kind[i] == SpanKind::model) CHECK_FALSE(span_cost_usd(r.trace, i).has_value());
  }
  // Some known and some unknown: a lower bound, said as one.
  CHECK(cost_text(CostTotal{1.5, 3, 2}) == "\xE2\x89\xA5 $1.50 (2 calls of unknown price)");
  CHECK(usd_text(1234.4) == "$1,234");
  CHECK(usd_text(0.00421) == "$0.0042");
}
