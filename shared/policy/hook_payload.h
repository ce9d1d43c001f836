// The stdin payload Claude Code sends a hook, built from a recorded tool call (or stop) in Claude Code's own key
// order, so a replay gives the sanitizers (which search JSON.stringify of the whole payload) the text the live hook
// saw. For an audit that reads tool calls out of transcripts or bundles. No I/O.
#pragma once

#include <optional>
#include <string_view>

#include "policy/json_value.h"

namespace agentreel::policy {

struct RecordedHookCall {
  std::string_view session_id;       // the transcript's sessionId
  std::string_view transcript_path;  // ~/.claude/projects/<project>/<session>.jsonl on the recorded machine
  std::string_view cwd;              // the transcript line's cwd
  std::string_view permission_mode = "default";
  std::string_view tool_name;  // empty for events without a tool (Stop, ...)
  const JsonValue* tool_input = nullptr;
  std::string_view tool_use_id;              // the tool_use block's id
  const JsonValue* tool_response = nullptr;  // PostToolUse: the line's toolUseResult, or the tool_result text
  std::optional<bool> stop_hook_active;      // Stop and SubagentStop
};

// {session_id, transcript_path, cwd, permission_mode, hook_event_name, tool_name, tool_input, tool_response,
// tool_use_id} (tool fields only with a tool name; stop_hook_active after hook_event_name when given). Empty strings
// and null pointers leave their key out.
JsonValue claude_hook_payload(std::string_view event, const RecordedHookCall& call);

}  // namespace agentreel::policy
