// claude_hook_payload (see hook_payload.h).
#include "policy/hook_payload.h"

#include <string>

namespace agentreel::policy {
namespace {

void set_string(JsonValue& payload, std::string_view key, std::string_view value) {
  if (!value.empty()) payload.set(std::string(key), JsonValue::string(std::string(value)));
}

}  // namespace

JsonValue claude_hook_payload(std::string_view event, const RecordedHookCall& call) {
  JsonValue payload = JsonValue::object();
  set_string(payload, "session_id", call.session_id);
  set_string(payload, "transcript_path", call.transcript_path);
  set_string(payload, "cwd", call.cwd);
  set_string(payload, "permission_mode", call.permission_mode);
  set_string(payload, "hook_event_name", event);
  if (call.stop_hook_active) payload.set("stop_hook_active", JsonValue::boolean(*call.stop_hook_active));
  if (!call.tool_name.empty()) {
    set_string(payload, "tool_name", call.tool_name);
    if (call.tool_input != nullptr) payload.set("tool_input", *call.tool_input);
    if (call.tool_response != nullptr) payload.set("tool_response", *call.tool_response);
    set_string(payload, "tool_use_id", call.tool_use_id);
  }
  return payload;
}

}  // namespace agentreel::policy
