// What one hook log record says, whichever of the two supported shapes it has: a failproofai hook-activity
// row or a Claude Code hook payload (with or without the hook's response beside it). Pure interpretation
// of a parsed JSON object; no sink, no streaming (hooks_reader.cpp does that). See hooks_reader.h for the
// shapes and the rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/span.h"
#include "model/trace.h"
#include "model/trace_sink.h"
#include "readers/json_line.h"

namespace agentreel {

enum class HookForm : uint8_t {
  none = 0,
  failproofai = 1,     // {"eventType", "decision", "timestamp" (epoch ms), "durationMs", "sessionId", ...}
  claude_payload = 2,  // {"hook_event_name", "session_id", "tool_name", "tool_use_id", ...}, maybe wrapped; or a
                       // logger's own {"ts", "event": "PreToolUse", ...} with the payload's fields beside
};

// Which shape `root` has. Refuses objects that carry "type" plus a session id (AgentEye events,
// Claude Code transcript records) whatever else they hold.
HookForm classify_hook_record(simdjson::dom::object root);

// One decision. String views point into the parsed JSON (valid until the next parse).
struct HookRecord {
  HookForm form = HookForm::none;
  std::string_view session_id;   // "" when the record names none
  std::string_view event;        // PreToolUse, PostToolUse, Stop, ...
  std::string_view tool_name;    // "" for events without a tool
  std::string_view tool_use_id;  // "" when the record does not carry it
  std::string_view decision;     // as written (allow / deny / instruct / ask / block ...); "" if unknown
  std::string_view reason;
  std::string_view error;          // a failed hook's stderr (Claude payloads with a non-zero, non-2 exit)
  std::string policy;              // the deciding policy (policyName, else policyNames joined); "" if none
  std::string name;                // span name: policy names joined by ", ", else the policy, else the event
  std::optional<int64_t> time_ns;  // the record's own timestamp; nullopt = the record has none
  bool time_marks_end = false;     // failproofai stamps a row after its evaluation: start = time - duration
  int64_t duration_ns = 0;
  SpanStatus status = SpanStatus::ok;
  std::string_view cwd;  // the payload's working directory

  // JSON pointers (RFC 6901) into the record for its text facts; "" = the record has none.
  std::string payload_pointer;     // the Claude payload inside the record ("" = the record itself)
  std::string reason_pointer;      // the reason's own string (not one inside a stdout JSON text)
  std::string error_pointer;       // a failed hook's stderr
  bool has_tool_input = false;     // payload.tool_input is an object: the judged call's arguments
  bool has_tool_response = false;  // payload.tool_response: what the call returned (PostToolUse)
  bool has_prompt = false;         // payload.prompt: what the person asked (UserPromptSubmit)
};

struct HookRecordError {
  SkipReason reason = SkipReason::unknown_type;
  std::string detail;  // what was expected
};

// Interprets `root`. `stdout_parser` parses a response's "stdout" string when it holds JSON (its views
// stay valid until that parser's next use). Returns false with `error` set when the record cannot be used.
bool read_hook_record(simdjson::dom::object root, JsonLineParser& stdout_parser, HookRecord& out,
                      HookRecordError& error);

// The text facts (docs/facts.md) of the hook span `span` read from `record` (its RecordRef `ref`): the judged
// call's arguments (input, with their command, path, ... roles), its response (output), the prompt, the
// decision's reason and a failed hook's error.
void record_hook_facts(TraceSink& sink, SpanHandle span, const HookRecord& record, simdjson::dom::object root,
                       RecordRef ref);

}  // namespace agentreel
