// What every reader records about a tool call beyond its name, so the conversation view, the details panel,
// the diagnosis and the policy audit read one vocabulary whatever the harness: the call's action (shell,
// read, write, edit, search, ...; attribute "action") and text facts for its well-known arguments (command,
// file, pattern, URL, query, description, an edit's old and new text). Harness-specific names are mapped here,
// in the readers' layer, so the analysis never learns them.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

#include "model/trace_sink.h"

namespace agentreel {

// The canonical action of a tool by its name in any harness ("Bash", "run_shell_command", "exec_command" ->
// "shell"; "str_replace_editor" -> "edit"; "mcp__server__tool" -> "mcp"), or "" when it is none of them.
std::string_view tool_action(std::string_view tool_name);

// Records attribute "action" (when known) and a text fact for each well-known key of the call's arguments
// object `input`, found at `input_pointer` inside `record` (e.g. "/message/content/1/input"); the arguments
// object itself is recorded as TextRole::input. Keys of other types than the role wants are skipped.
void record_tool_call_facts(TraceSink& sink, SpanHandle span, std::string_view tool_name, RecordRef record,
                            const std::string& input_pointer, simdjson::dom::object input);

// Records the features the diagnosis compares (model/call_features.h) as integer attributes: "args_hash",
// "target_hash", "write_hash", "call_flags" and "topics" (docs/facts.md). `key_of_role` names the argument key
// that holds each text role (record_tool_call_facts fills it); called by record_tool_call_facts.
void record_call_features(TraceSink& sink, SpanHandle span, std::string_view tool_name, simdjson::dom::object input,
                          const std::string_view (&key_of_role)[kTextRoleCount]);

// Escapes one JSON pointer reference token ("/" -> "~1", "~" -> "~0").
std::string json_pointer_token(std::string_view key);

}  // namespace agentreel
