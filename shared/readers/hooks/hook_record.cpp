// Interpretation of one hook log record (see hook_record.h and, for the shapes, hooks_reader.h).
// Times are integer ns: an epoch-ms integer is multiplied exactly, never routed through a double.
#include "readers/hooks/hook_record.h"

#include <cmath>
#include <limits>

#include "core/timestamp.h"
#include "readers/tool_facts.h"

namespace agentreel {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

constexpr size_t kMaxTextAttribute = 512;  // bytes of a reason / error kept as an attribute (payload has all)

bool is_string(object o, std::string_view key) {
  std::string_view ignored;
  return !o[key].get_string().get(ignored);
}

bool child_object(object o, std::string_view key, object& out) { return !o[key].get_object().get(out); }

// Claude Code's hook events: a logger that writes its own {"ts", "event": <one of these>, ...} record is read as
// a Claude payload too.
bool is_claude_hook_event(std::string_view name) {
  for (std::string_view event :
       {"PreToolUse", "PostToolUse", "PostToolUseFailure", "UserPromptSubmit", "Notification", "Stop", "SubagentStop",
        "SubagentStart", "PreCompact", "SessionStart", "SessionEnd", "PermissionRequest"}) {
    if (name == event) return true;
  }
  return false;
}

// The Claude Code payload inside `root`, and where: root itself, or root.payload / root.input /
// root.input.payload (a logger's {timestamp, event, payload} wrapper; failproofai's parity fixture {input:
// {payload}}); or, for a logger's {"event": "PreToolUse", ...} record, its "payload" / "data" / "input" object
// when that holds the payload's fields, else the record itself.
bool find_payload(object root, object& payload, std::string& pointer) {
  pointer.clear();
  if (is_string(root, "hook_event_name")) {
    payload = root;
    return true;
  }
  for (std::string_view key : {"payload", "input"}) {
    object inner;
    if (!child_object(root, key, inner)) continue;
    if (is_string(inner, "hook_event_name")) {
      payload = inner;
      pointer = "/" + std::string(key);
      return true;
    }
    object nested;
    if (child_object(inner, "payload", nested) && is_string(nested, "hook_event_name")) {
      payload = nested;
      pointer = "/" + std::string(key) + "/payload";
      return true;
    }
  }
  if (!is_claude_hook_event(string_field(root, "event"))) return false;
  for (std::string_view key : {"payload", "data", "input"}) {
    object inner;
    if (child_object(root, key, inner) && (is_string(inner, "tool_name") || is_string(inner, "session_id"))) {
      payload = inner;
      pointer = "/" + std::string(key);
      return true;
    }
  }
  payload = root;
  return true;
}

// A UTF-8-safe prefix of at most kMaxTextAttribute bytes.
std::string_view clip(std::string_view text) {
  if (text.size() <= kMaxTextAttribute) return text;
  size_t end = kMaxTextAttribute;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

bool is_deny(std::string_view decision) {
  return decision == "deny" || decision == "denied" || decision == "block" || decision == "blocked";
}

// A JSON number of `unit_ns` units to ns, exactly for integers; nullopt if not a number or out of
// [0, INT64_MAX].
std::optional<int64_t> number_to_ns(element value, int64_t unit_ns) {
  int64_t whole = 0;
  if (!value.get_int64().get(whole)) {
    if (whole < 0 || whole > std::numeric_limits<int64_t>::max() / unit_ns) return std::nullopt;
    return whole * unit_ns;
  }
  double real = 0;
  if (value.get_double().get(real) || !std::isfinite(real) || real < 0) return std::nullopt;
  const double floor_part = std::floor(real);
  if (floor_part >= double(std::numeric_limits<int64_t>::max() / unit_ns)) return std::nullopt;
  return int64_t(floor_part) * unit_ns + std::llround((real - floor_part) * double(unit_ns));
}

// A timestamp of a Claude payload log: RFC 3339 text, or an epoch number whose magnitude says its unit
// (< 1e11 seconds, < 1e14 milliseconds, < 1e17 microseconds, else nanoseconds).
std::optional<int64_t> payload_timestamp_ns(element value) {
  std::string_view text;
  if (!value.get_string().get(text)) return parse_rfc3339_ns(text);
  double magnitude = 0;
  if (value.get_double().get(magnitude)) return std::nullopt;
  const int64_t unit = magnitude < 1e11 ? 1000000000 : magnitude < 1e14 ? 1000000 : magnitude < 1e17 ? 1000 : 1;
  return number_to_ns(value, unit);
}

// A duration in ms (0 .. 1e12) to ns; nullopt when absent or not a sane number.
std::optional<int64_t> duration_ms_ns(object o, std::string_view key) {
  element value;
  if (o[key].get(value)) return std::nullopt;
  double ms = 0;
  if (value.get_double().get(ms) || !(ms >= 0) || ms > 1e12) return std::nullopt;
  return number_to_ns(value, 1000000);
}

// Policy names from "policyNames" (array of strings) and "policyName" (string) of `o`.
void read_policies(object o, HookRecord& out) {
  std::string joined;
  array names;
  if (!o["policyNames"].get_array().get(names)) {
    for (element name : names) {
      std::string_view text;
      if (name.get_string().get(text) || text.empty()) continue;
      if (!joined.empty()) joined += ", ";
      joined.append(text);
    }
  }
  const std::string_view decider = string_field(o, "policyName");
  out.policy = !decider.empty() ? std::string(decider) : joined;
  out.name = !joined.empty() ? joined : out.policy;
}

bool read_failproofai(object root, HookRecord& out, HookRecordError& error) {
  out.form = HookForm::failproofai;
  out.event = string_field(root, "eventType");
  out.decision = string_field(root, "decision");
  element stamp;
  if (root["timestamp"].get(stamp)) {
    error = {SkipReason::missing_field, "expected number field \"timestamp\" (epoch milliseconds)"};
    return false;
  }
  std::string_view text;
  out.time_ns = !stamp.get_string().get(text) ? parse_rfc3339_ns(text) : number_to_ns(stamp, 1000000);
  if (!out.time_ns) {
    error = {SkipReason::bad_timestamp,
             "expected \"timestamp\" in epoch milliseconds (e.g. 1785740912000) or RFC 3339 text"};
    return false;
  }
  out.time_marks_end = true;  // failproofai takes Date.now() after the evaluation that durationMs measures
  out.duration_ns = duration_ms_ns(root, "durationMs").value_or(0);
  out.session_id = string_field(root, "sessionId");
  out.cwd = string_field(root, "cwd");
  out.tool_name = string_field(root, "toolName");
  out.tool_use_id = string_field(root, "toolUseId");
  if (out.tool_use_id.empty()) out.tool_use_id = string_field(root, "tool_use_id");
  out.reason = clip(string_field(root, "reason"));
  if (!out.reason.empty()) out.reason_pointer = "/reason";
  read_policies(root, out);
  if (out.name.empty()) out.name = std::string(out.event);
  out.status = is_deny(out.decision) ? SpanStatus::denied : SpanStatus::ok;
  return true;
}

bool read_claude_payload(object root, object payload, JsonLineParser& stdout_parser, HookRecord& out,
                         HookRecordError& error) {
  out.form = HookForm::claude_payload;
  out.event = string_field(payload, "hook_event_name");
  if (out.event.empty()) out.event = string_field(root, "event");
  out.cwd = string_field(payload, "cwd");
  out.has_tool_input = payload["tool_input"].is_object();
  out.has_tool_response = !payload["tool_response"].error();
  out.has_prompt = payload["prompt"].is_string();
  out.tool_name = string_field(payload, "tool_name");
  out.tool_use_id = string_field(payload, "tool_use_id");
  if (out.tool_use_id.empty()) out.tool_use_id = string_field(root, "tool_use_id");
  out.session_id = string_field(payload, "session_id");
  if (out.session_id.empty()) out.session_id = string_field(root, "session_id");
  if (out.session_id.empty()) out.session_id = string_field(root, "sessionId");

  // A logger's time: "timestamp", or "ts" in loggers of their own.
  for (std::string_view key : {"timestamp", "ts"}) {
    element stamp;
    if (root[key].get(stamp) && payload[key].get(stamp)) continue;
    out.time_ns = payload_timestamp_ns(stamp);
    if (!out.time_ns) {
      error = {SkipReason::bad_timestamp,
               "expected \"" + std::string(key) + "\" as RFC 3339 text or an epoch number (seconds, ms, us or ns)"};
      return false;
    }
    break;
  }

  // The hook's response, when the log keeps it beside the payload.
  object response;
  bool has_response = false;
  std::string response_pointer;
  for (std::string_view key : {"output", "response", "result"}) {
    if (child_object(root, key, response)) {
      has_response = true;
      response_pointer = "/" + std::string(key);
      break;
    }
  }
  std::optional<int64_t> duration = duration_ms_ns(root, "durationMs");
  if (!duration) duration = duration_ms_ns(root, "duration_ms");
  if (!duration && has_response) duration = duration_ms_ns(response, "durationMs");
  out.duration_ns = duration.value_or(0);

  // hookSpecificOutput: in the response, at the top level, or inside the response's stdout JSON text.
  object specific, stdout_json;
  std::string specific_pointer;  // "" when it is inside the stdout text (no pointer reaches into a string)
  bool has_specific = false;
  if (has_response && child_object(response, "hookSpecificOutput", specific)) {
    has_specific = true;
    specific_pointer = response_pointer + "/hookSpecificOutput";
  } else if (child_object(root, "hookSpecificOutput", specific)) {
    has_specific = true;
    specific_pointer = "/hookSpecificOutput";
  }
  bool has_stdout_json = false;
  if (std::string_view text = has_response ? string_field(response, "stdout") : std::string_view{};
      text.find_first_not_of(" \t\r\n") != std::string_view::npos && text[text.find_first_not_of(" \t\r\n")] == '{') {
    element parsed;
    has_stdout_json = !stdout_parser.parse(text, parsed) && !parsed.get_object().get(stdout_json);
    if (has_stdout_json && !has_specific) has_specific = child_object(stdout_json, "hookSpecificOutput", specific);
  }

  // Decision: the harness's own verdict, then what Claude Code was told, then the exit code.
  if (has_response) out.decision = string_field(response, "decision");
  if (out.decision.empty() && has_specific) {
    out.decision = string_field(specific, "permissionDecision");
    object permission;  // PermissionRequest: {"decision": {"behavior": "allow" | "deny"}}
    if (out.decision.empty() && child_object(specific, "decision", permission)) {
      out.decision = string_field(permission, "behavior");
    }
  }
  if (out.decision.empty() && has_stdout_json) out.decision = string_field(stdout_json, "decision");
  if (out.decision.empty()) out.decision = string_field(root, "permissionDecision");
  if (out.decision.empty()) out.decision = string_field(payload, "permissionDecision");
  if (out.decision.empty()) out.decision = string_field(root, "decision");  // a logger's flat verdict
  int64_t exit_code = 0;
  const bool has_exit = has_response && !response["exitCode"].get_int64().get(exit_code);
  if (out.decision.empty() && has_exit && exit_code == 2) out.decision = "deny";  // exit 2 blocks the call

  // The reason, and where it sits for its text fact (none when it is inside the stdout JSON text).
  const auto take_reason = [&](std::string_view text, std::string pointer) {
    if (!out.reason.empty() || text.empty()) return;
    out.reason = text;
    out.reason_pointer = std::move(pointer);
  };
  if (has_response) take_reason(string_field(response, "reason"), response_pointer + "/reason");
  if (has_specific) {
    take_reason(string_field(specific, "permissionDecisionReason"),
                specific_pointer.empty() ? "" : specific_pointer + "/permissionDecisionReason");
  }
  if (has_stdout_json) take_reason(string_field(stdout_json, "reason"), "");
  take_reason(string_field(root, "permissionDecisionReason"), "/permissionDecisionReason");
  take_reason(string_field(payload, "permissionDecisionReason"), out.payload_pointer + "/permissionDecisionReason");
  take_reason(string_field(root, "reason"), "/reason");
  if (has_exit && exit_code == 2) take_reason(string_field(response, "stderr"), response_pointer + "/stderr");
  out.reason = clip(out.reason);

  if (has_response) read_policies(response, out);
  if (out.name.empty()) read_policies(root, out);
  if (out.name.empty()) out.name = std::string(out.event);

  out.status = is_deny(out.decision) ? SpanStatus::denied : SpanStatus::ok;
  if (has_exit && exit_code != 0 && exit_code != 2 && out.status == SpanStatus::ok) {
    out.status = SpanStatus::error;  // the hook itself failed (a non-blocking error for Claude Code)
    out.error = clip(string_field(response, "stderr"));
    if (!out.error.empty()) out.error_pointer = response_pointer + "/stderr";
  }
  return true;
}

}  // namespace

HookForm classify_hook_record(object root) {
  if (is_string(root, "type") && (is_string(root, "session_id") || is_string(root, "sessionId"))) {
    return HookForm::none;
  }
  if (is_string(root, "eventType") && is_string(root, "decision")) return HookForm::failproofai;
  object payload;
  std::string pointer;
  if (find_payload(root, payload, pointer)) return HookForm::claude_payload;
  return HookForm::none;
}

bool read_hook_record(object root, JsonLineParser& stdout_parser, HookRecord& out, HookRecordError& error) {
  out = HookRecord{};
  switch (classify_hook_record(root)) {
    case HookForm::failproofai: return read_failproofai(root, out, error);
    case HookForm::claude_payload: {
      object payload;
      find_payload(root, payload, out.payload_pointer);
      return read_claude_payload(root, payload, stdout_parser, out, error);
    }
    case HookForm::none: break;
  }
  error = {SkipReason::unknown_type,
           "expected a failproofai hook-activity row (string fields \"eventType\" and \"decision\") or a Claude Code "
           "hook payload (string field \"hook_event_name\", maybe under \"payload\" or \"input\"; or a logger's "
           "\"event\" naming a hook event such as \"PreToolUse\")"};
  return false;
}

void record_hook_facts(TraceSink& sink, SpanHandle span, const HookRecord& record, object root, RecordRef ref) {
  if (record.has_tool_input) {
    object payload;
    std::string pointer;
    object input;
    // No tool name: the hook judged a call, it is not one, so it takes no "action" of its own.
    if (find_payload(root, payload, pointer) && !payload["tool_input"].get_object().get(input)) {
      record_tool_call_facts(sink, span, "", ref, record.payload_pointer + "/tool_input", input);
    }
  }
  if (record.has_tool_response) sink.text(span, TextRole::output, ref, record.payload_pointer + "/tool_response");
  if (record.has_prompt) sink.text(span, TextRole::prompt, ref, record.payload_pointer + "/prompt");
  if (!record.reason.empty() && !record.reason_pointer.empty())
    sink.text(span, TextRole::reason, ref, record.reason_pointer);
  if (!record.error_pointer.empty()) sink.text(span, TextRole::error, ref, record.error_pointer);
}

}  // namespace agentreel
