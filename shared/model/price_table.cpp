// The price table (see price_table.h). One row per model id; a dated snapshot, "-latest" or a provider
// prefix in a log's model name finds its row by model_cost.h's rule. Every number is the provider's list
// price, standard tier (no batch, flex, priority or regional uplift), read on the date in its row from the
// page in its row; docs/pricing.md says which rows a second page confirmed. kNoPrice where no page read
// gives the class: a call that has tokens of that class has an unknown cost.
#include "model/price_table.h"

namespace agentreel {
namespace {

constexpr int64_t kOneTier = 0;
constexpr TokenRates kNoRates{};

// Anthropic lists each class: base input, 5-minute and 1-hour cache writes, cache hits, output.
constexpr TokenRates anthropic(double input, double write_5m, double write_1h, double hit, double output) {
  return {input, output, hit, write_5m, write_1h};
}
// OpenAI and Google bill no cache-write surcharge: tokens written to a cache are input.
constexpr TokenRates input_cached_output(double input, double cached, double output) {
  return {input, output, cached, input, input};
}

constexpr const char* kAnthropic = "https://platform.claude.com/docs/en/about-claude/pricing";
constexpr const char* kAnthropicDocs = "https://docs.anthropic.com/en/docs/about-claude/pricing";
constexpr const char* kSonnet46 = "https://platform.claude.com/docs/en/models/sonnet-4-6/overview";
constexpr const char* kCopilotTable =
    "https://github.com/github/docs/blob/main/data/tables/copilot/models-and-pricing.yml";
constexpr const char* kClaude3Sonnet = "https://www.claudepricing.com/api";
constexpr const char* kGemini = "https://ai.google.dev/gemini-api/docs/pricing";
constexpr const char* kRead = "2026-12-07";

constexpr ModelPrice kTable[] = {
    // Anthropic: Claude 4.x, 3.x.
    {"claude-opus-4-8", anthropic(5, 6.25, 10, 0.50, 25), kOneTier, kNoRates, kAnthropic, kRead},
    {"claude-opus-4-7", anthropic(5, 6.25, 10, 0.50, 25), kOneTier, kNoRates, kAnthropic, kRead},
    {"claude-opus-4-6", anthropic(5, 6.25, 10, 0.50, 25), kOneTier, kNoRates, kAnthropic, kRead},
    {"claude-opus-4-5", anthropic(5, 6.25, 10, 0.50, 25), kOneTier, kNoRates, kAnthropic, kRead},
    {"claude-opus-4-1", anthropic(15, 18.75, 30, 1.50, 75), kOneTier, kNoRates, kAnthropic, kRead},
    {"claude-opus-4", anthropic(15, 18.75, 30, 1.50, 75), kOneTier, kNoRates, kAnthropic, kRead},
    {"claude-sonnet-4-6", anthropic(3, 3.75, 6, 0.30, 15), kOneTier, kNoRates, kSonnet46, kRead},
    // Sonnet 4 and 4.5 with the 1M-token context: a prompt over 200K tokens pays double input and 1.5x
    // output, the cache classes keeping their multiples of input.
    {"claude-sonnet-4-5", anthropic(3, 3.75, 6, 0.30, 15), 200000, anthropic(6, 7.50, 12, 0.60, 22.50), kCopilotTable,
     kRead},
    {"claude-sonnet-4", anthropic(3, 3.75, 6, 0.30, 15), 200000, anthropic(6, 7.50, 12, 0.60, 22.50), kAnthropicDocs,
     kRead},
    {"claude-3-7-sonnet", anthropic(3, 3.75, 6, 0.30, 15), kOneTier, kNoRates, kAnthropicDocs, kRead},
    {"claude-3-5-sonnet", anthropic(3, 3.75, 6, 0.30, 15), kOneTier, kNoRates, kAnthropicDocs, kRead},
    {"claude-3-sonnet", {3, 15}, kOneTier, kNoRates, kClaude3Sonnet, kRead},
    {"claude-haiku-4-5", anthropic(1, 1.25, 2, 0.10, 5), kOneTier, kNoRates, kCopilotTable, kRead},
    {"claude-3-5-haiku", anthropic(0.80, 1, 1.6, 0.08, 4), kOneTier, kNoRates, kAnthropicDocs, kRead},
    {"claude-3-opus", anthropic(15, 18.75, 30, 1.50, 75), kOneTier, kNoRates, kAnthropicDocs, kRead},
    {"claude-3-haiku", anthropic(0.25, 0.30, 0.50, 0.03, 1.25), kOneTier, kNoRates, kAnthropicDocs, kRead},

    // OpenAI: GPT-5 and its codex variants, GPT-4.1, GPT-4o, the o-series.
    {"gpt-5", input_cached_output(1.25, 0.125, 10), kOneTier, kNoRates,
     "https://developers.openai.com/api/docs/models/gpt-5.1", kRead},
    {"gpt-5-codex", input_cached_output(1.25, 0.125, 10), kOneTier, kNoRates,
     "https://developers.openai.com/api/docs/models/gpt-5-codex", kRead},
    {"gpt-5-mini", input_cached_output(0.25, 0.025, 2), kOneTier, kNoRates,
     "https://developers.openai.com/api/docs/models/gpt-5-mini", kRead},
    {"gpt-5.1", input_cached_output(1.25, 0.125, 10), kOneTier, kNoRates,
     "https://developers.openai.com/api/docs/models/gpt-5.1", kRead},
    {"gpt-5.2", input_cached_output(1.75, 0.175, 14), kOneTier, kNoRates, kCopilotTable, kRead},
    {"gpt-5.2-codex", input_cached_output(1.75, 0.175, 14), kOneTier, kNoRates, kCopilotTable, kRead},
    {"codex-mini-latest", input_cached_output(1.50, 0.375, 6), kOneTier, kNoRates,
     "https://developers.openai.com/api/docs/models/codex-mini-latest", kRead},
    {"gpt-4.1", input_cached_output(2, 0.50, 8), kOneTier, kNoRates, kCopilotTable, kRead},
    {"gpt-4.1-mini", input_cached_output(0.40, kNoPrice, 1.60), kOneTier, kNoRates,
     "https://gist.github.com/ei-grad/9a7c000f3487bc01221c7bb5e2b3d74a", kRead},
    {"gpt-4o", input_cached_output(2.50, 1.25, 10), kOneTier, kNoRates, "https://docs.sim.ai/models/openai/gpt-4o",
     kRead},
    // The first GPT-4o snapshot was sold at a higher price than "gpt-4o"; no page read gives it, so a row
    // without prices keeps it from taking gpt-4o's: its calls are unknown.
    {"gpt-4o-2024-05-13", kNoRates, kOneTier, kNoRates, "", kRead},
    {"gpt-4o-mini", input_cached_output(0.15, 0.075, 0.60), kOneTier, kNoRates,
     "https://docs.rs/crate/openai-models/0.1.1/source/src/lib.rs", kRead},
    {"o1", input_cached_output(15, 7.50, 60), kOneTier, kNoRates,
     "https://docs.rs/crate/openai-models/0.1.1/source/src/lib.rs", kRead},
    {"o3", input_cached_output(2, 0.50, 8), kOneTier, kNoRates,
     "https://blog.csdn.net/2501_93608822/article/details/152910541", kRead},
    {"o3-pro", input_cached_output(20, kNoPrice, 80), kOneTier, kNoRates, "https://openrouter.ai/openai/o3-pro", kRead},
    {"o3-mini", input_cached_output(1.10, kNoPrice, 4.40), kOneTier, kNoRates,
     "https://aimodelcalc.pages.dev/guides/openai-api-pricing.html", kRead},
    {"o4-mini", input_cached_output(1.10, 0.275, 4.40), kOneTier, kNoRates,
     "https://github.com/RooCodeInc/Roo-Code/pull/2691", kRead},

    // Google: the paid tier's text prices; thinking tokens are billed as output. A prompt over 200K tokens
    // pays the long rates on Pro.
    {"gemini-2.5-pro", input_cached_output(1.25, 0.125, 10), 200000, input_cached_output(2.50, 0.25, 15), kGemini,
     kRead},
    {"gemini-2.5-flash", input_cached_output(0.30, kNoPrice, 2.50), kOneTier, kNoRates, kGemini, kRead},
    {"gemini-2.5-flash-lite", input_cached_output(0.10, kNoPrice, 0.40), kOneTier, kNoRates, kGemini, kRead},
    {"gemini-3-pro-preview", input_cached_output(2, kNoPrice, 12), 200000, input_cached_output(4, kNoPrice, 18),
     kGemini, kRead},
    {"gemini-3.1-pro-preview", input_cached_output(2, 0.20, 12), 200000, input_cached_output(4, 0.40, 18), kGemini,
     kRead},
    {"gemini-3-flash-preview", input_cached_output(0.50, 0.05, 3), kOneTier, kNoRates, kGemini, kRead},
};

}  // namespace

std::span<const ModelPrice> price_table() { return kTable; }

}  // namespace agentreel
