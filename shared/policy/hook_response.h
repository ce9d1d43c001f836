// What failproofai's hook prints and exits with for a combined decision (policy-evaluator.ts's response shapes):
// Claude Code's hookSpecificOutput JSON on stdout, exit 2 with a MANDATORY ACTION text for Stop, and the shapes
// of the other agent CLIs failproofai supports. Pure text; depends on decision_combiner.h and json_stringify.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "policy/decision_combiner.h"
#include "policy/json_value.h"

namespace agentreel::policy {

// failproofai's --cli values (claude when absent).
enum class AgentCli : uint8_t { claude, codex, copilot, cursor, opencode, pi, gemini };
std::optional<AgentCli> parse_agent_cli(std::string_view name);

struct HookResponse {
  int exit_code = 0;
  std::string stdout_text;
  std::string stderr_text;
};

struct ResponseContext {
  AgentCli cli = AgentCli::claude;
  std::string_view event;         // canonical event, e.g. "PreToolUse"
  std::string_view display_tool;  // see display_tool_name
  // Gemini's hookEventName: the payload's hook_event_name when present (any type), else `raw_event`.
  const JsonValue* payload_hook_event_name = nullptr;
  std::string_view raw_event;  // the --hook argument
  // failproofai 0.0.11 (the spec) prints allow-messages on events without a context channel (Stop, SessionStart,
  // ...) as {"reason": ...}; later revisions (its parity corpus, commit 9de5c4f) keep them off stdout, on stderr
  // only. True selects the later behaviour.
  bool notes_off_stdout_without_context = false;
};

// The noun in "Blocked <noun> by failproofai": the tool name when there is one, else "prompt",
// "session start", "session end", "stop" or "operation" by event.
std::string display_tool_name(std::string_view event, std::string_view tool_name);

HookResponse render_hook_response(const ResponseContext& context, const HookDecision& decision);

// The response when failproofai's handler itself throws: exit 2, "Unexpected error: <message>\n" on stderr.
HookResponse handler_error_response(std::string_view message);

}  // namespace agentreel::policy
