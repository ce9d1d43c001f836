// What one Claude Code transcript record means, decided from its JSON alone: record types, the text of a
// message, what a user record is (prompt, interrupt, tool results...), how a tool result ended. Pure
// functions over simdjson DOM values, shared by the reader and its sniffer; no sink, no state.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

#include "model/span.h"

namespace agentreel::claude_code {

// Record types Claude Code writes to a transcript (the "type" field).
bool is_transcript_type(std::string_view type);
// Types that carry no timestamp and never become spans (still counted as records).
bool is_untimed_type(std::string_view type);

// The text of a message content: a string as is, an array's "text" blocks joined by "\n".
std::string content_text(simdjson::dom::element content);

// What a user record without tool_result blocks is.
enum class UserRecord {
  context,            // isMeta / isCompactSummary: injected context, no span
  interrupt,          // "[Request interrupted by user...]": event, cancelled
  local_command,      // <local-command-stdout|stderr|caveat>: event
  task_notification,  // <task-notification>: a background task reported back; event
  subagent_prompt,    // a prompt in a sidechain (subagent) file: the agent's goal, no human span
  prompt,             // a person's prompt or slash command: human span
};
UserRecord classify_user_text(std::string_view text, bool is_meta, bool is_compact_summary, bool is_sidechain);
// A prompt as the agent's goal: a slash command reads "/name args", anything else as itself.
std::string goal_text(std::string_view text);

// How a tool_result ended, and the text worth keeping (error message or denial reason), with the normalized
// facts of docs/facts.md: who denied or cancelled the call, a hook denial's real failure, the user's guidance.
struct ToolOutcome {
  SpanStatus status = SpanStatus::ok;
  std::string text;
  std::string_view denied_by;     // "user" or "hook" when status is denied
  std::string_view cancelled_by;  // "user" (an interrupt) or "sibling" (a parallel call failed first)
  std::string hook;               // a hook denial: the hook's command, as the harness names it
  std::string reason;             // a hook denial: the lines of its output that say what failed
  bool user_guidance = false;     // a user rejection in which the user said how to proceed
};
ToolOutcome classify_tool_result(simdjson::dom::object block);

// The session of an exported transcript whose records name none (a web session export): the file name
// without its directory and extension ("exports/web-loglines.json" -> "web-loglines").
std::string export_session_id(std::string_view path);

}  // namespace agentreel::claude_code
