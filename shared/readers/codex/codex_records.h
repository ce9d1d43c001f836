// What the Codex rollout reader needs to know about single records, kept apart from its span building so each
// rule can be read and tested alone: how a tool's output reads (failed, denied, aborted), the token counts of a
// token_count event as per-call deltas, where the script sits in a shell argv, and which user messages are
// context the harness injected. No sink, no I/O.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/span.h"

namespace agentreel::codex {

// How a tool call ended, read from its output text.
struct ToolOutcome {
  SpanStatus status = SpanStatus::ok;
  std::string text;  // for the "error" / "reason" attribute: what failed or why it was refused
};

// A function_call_output / custom_tool_call_output's text as the model saw it: a JSON object
// {"output", "metadata": {"exit_code"}} (shell, until late 2025), "Exit code: N" / "Process exited with code N"
// headers (later shells), or the harness's own words for a refusal ("... rejected by user"), an interrupt
// ("aborted") or a call it could not make ("failed to parse function arguments", "unsupported call", a code-mode
// "Script failed").
// `parser` is the caller's, reused (parsing the JSON wrapper is the only allocation).
ToolOutcome classify_output(std::string_view output, simdjson::dom::parser& parser);

// Token counts as Codex's TokenUsage holds them: input includes the cached part, output the reasoning part.
struct TokenUsage {
  int64_t input = 0, cached_input = 0, output = 0, reasoning_output = 0, total = 0;
  bool is_zero() const { return input == 0 && cached_input == 0 && output == 0 && reasoning_output == 0; }
};

// Turns token_count events into the tokens of one model call each. Since late summer 2025 an event carries
// info {total_token_usage (cumulative over the session), last_token_usage}; a call is the growth of the total
// (an event that repeats the total, as a rate-limit update does, is no call). A total that shrinks (a resumed
// session counting afresh) restarts from last_token_usage. Older rollouts wrote the call's usage itself at the
// top level of the event.
class TokenCounter {
 public:
  // The tokens of the call this event reports, or nullopt when it reports none.
  std::optional<TokenUsage> call_usage(simdjson::dom::object event);

 private:
  TokenUsage total_;
  bool has_total_ = false;
};

// The index of the script in a shell argv (["bash", "-lc", "cd x && make"] -> 2), or -1 when the argv is not
// a shell running one script (["rg", "-n", "TODO"]).
int argv_script_index(simdjson::dom::array argv);

// A user message the harness wrote, not the person: environment context, AGENTS.md / user instructions, an
// aborted-turn notice. Only rollouts without user_message events (before the envelope) need telling apart.
bool is_injected_context(std::string_view text);

// The text of a message's content blocks ({"type":"input_text","text":…}), joined by blank lines.
std::string content_text(simdjson::dom::element content);

}  // namespace agentreel::codex
