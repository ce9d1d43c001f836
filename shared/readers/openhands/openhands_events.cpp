// OpenHands history events, V0 and V1 (see openhands_events.h).
#include "readers/openhands/openhands_events.h"

#include <unordered_map>

#include "core/timestamp.h"
#include "readers/json_line.h"

namespace agentreel::openhands {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

bool non_empty_string(object o, std::string_view key) { return !string_field(o, key).empty(); }

bool non_empty_array(object o, std::string_view key) {
  array items;
  return !o[key].get_array().get(items) && items.size() > 0;
}

bool true_field(object o, std::string_view key) {
  bool value = false;
  return !o[key].get_bool().get(value) && value;
}

// The first integer among these paths of `o`.
bool exit_code_of(object o, std::initializer_list<std::initializer_list<std::string_view>> paths, int64_t& code) {
  for (const auto& path : paths) {
    auto key = path.begin();
    simdjson::simdjson_result<element> at = o[*key];
    for (++key; key != path.end(); ++key) at = at[*key];
    if (!at.get_int64().get(code)) return true;
  }
  return false;
}

void read_v1(Event& e) {
  const std::string_view kind = e.type;
  e.source = string_field(e.fields, "source");
  e.tool_call_id = string_field(e.fields, "tool_call_id");
  e.response_id = string_field(e.fields, "llm_response_id");
  e.name = string_field(e.fields, "tool_name");
  object inner;
  if (kind == "ActionEvent") {
    e.role = EventRole::action;
    if (!e.fields["action"].get_object().get(inner) && non_empty_string(inner, "kind"))
      e.type = string_field(inner, "kind");
    if (e.name.empty() && e.fields["tool_call"]["name"].get_string().get(e.name)) e.name = {};
  } else if (kind == "ObservationEvent" || kind == "UserRejectObservation" || kind == "AgentErrorEvent") {
    e.role = !e.tool_call_id.empty() ? EventRole::observation : EventRole::error;
  } else if (kind == "MessageEvent") {
    e.role = EventRole::message;
  } else if (kind == "ConversationErrorEvent") {
    e.role = EventRole::error;
  } else {
    e.role = EventRole::other;
  }
  if (e.name.empty()) e.name = e.type;
}

void read_v0(Event& e) {
  const std::string_view action = string_field(e.fields, "action");
  const std::string_view observation = string_field(e.fields, "observation");
  e.source = string_field(e.fields, "source");
  e.has_id = !e.fields["id"].get_int64().get(e.id);
  e.has_cause = !e.fields["cause"].get_int64().get(e.cause);
  object call;
  const bool has_call = !e.fields["tool_call_metadata"].get_object().get(call);
  if (has_call) {
    e.name = string_field(call, "function_name");
    if (call["model_response"]["id"].get_string().get(e.response_id)) e.response_id = {};
  }
  if (!action.empty()) {
    e.type = action;
    // A person's message is a message; the agent's own messages stay actions, as calls or instants.
    e.role = action == "message" && !has_call && e.source == "user" ? EventRole::message : EventRole::action;
  } else if (!observation.empty()) {
    e.type = observation;
    e.role = EventRole::observation;
  }
  if (e.name.empty()) e.name = e.type;
}

}  // namespace

Event read_event(element value, json_extents::Extent extent) {
  Event e;
  e.extent = extent;
  e.is_object = !value.get_object().get(e.fields);
  if (!e.is_object) return e;
  if (const auto ns = parse_rfc3339_ns(string_field(e.fields, "timestamp"))) {  // no zone: UTC
    e.time_ns = *ns;
    e.has_time = true;
  }
  e.type = string_field(e.fields, "kind");
  e.v1 = !e.type.empty();
  if (e.v1) {
    read_v1(e);
  } else {
    read_v0(e);
  }
  return e;
}

void pair_events(std::vector<Event>& events) {
  std::unordered_map<int64_t, size_t> open_by_id;
  std::unordered_map<std::string_view, size_t> open_by_call;
  size_t last_action = kNone;  // older output: an observation answers the action just before it
  for (size_t k = 0; k < events.size(); ++k) {
    Event& e = events[k];
    if (!e.is_object) continue;
    if (e.role == EventRole::action || (e.role == EventRole::message && !e.v1)) {
      if (e.v1) {
        if (!e.tool_call_id.empty()) open_by_call.try_emplace(e.tool_call_id, k);
      } else {
        if (e.has_id) open_by_id[e.id] = k;
        last_action = k;
      }
      continue;
    }
    if (e.role != EventRole::observation) continue;
    size_t action = kNone;
    if (e.v1) {
      if (auto it = open_by_call.find(e.tool_call_id); it != open_by_call.end()) {
        action = it->second;
        open_by_call.erase(it);
      }
    } else if (e.has_cause) {
      if (auto it = open_by_id.find(e.cause); it != open_by_id.end()) {
        action = it->second;
        open_by_id.erase(it);
      }
    } else if (!e.has_id && last_action != kNone && events[last_action].partner == kNone) {
      action = last_action;
    }
    if (action != kNone) {
      events[action].partner = k;
      e.partner = action;
    }
  }
}

bool expects_observation(const Event& action) {
  if (action.v1) return true;  // every SDK tool call is answered (observation, error or rejection)
  for (std::string_view runnable : {"run", "run_ipython", "read", "write", "edit", "browse", "browse_interactive",
                                    "mcp", "call_tool_mcp", "think", "recall", "delegate"}) {
    if (action.type == runnable) return true;
  }
  return false;
}

// V0 tools that failed without an error observation or an exit code, in OpenHands' own words: the file editor's
// ToolResult error (openhands-aci's make_api_tool_result writes "ERROR:\n" + the error; the edit or view did not
// happen), and the IPython agentskills' linter refusing an edit ("[Your proposed edit has introduced new syntax
// error(s). ...]": the file was left as it was).
static bool failed_in_own_words(std::string_view observation_type, std::string_view content) {
  if ((observation_type == "edit" || observation_type == "read") && content.starts_with("ERROR:\n")) return true;
  return observation_type == "run_ipython" &&
         content.starts_with("[Your proposed edit has introduced new syntax error(s).");
}

Outcome observation_outcome(const Event& e) {
  Outcome out;
  if (!e.v1) {
    if (!e.fields["content"].error()) out.output_pointer = "/content";
    std::string_view content;
    if (e.fields["content"].get_string().get(content)) content = {};
    out.has_exit_code = exit_code_of(
        e.fields, {{"extras", "metadata", "exit_code"}, {"extras", "exit_code"}, {"exit_code"}}, out.exit_code);
    if (e.type == "error") {
      out.status = SpanStatus::error;
      out.error_pointer = out.output_pointer;
    } else if (e.type == "user_rejected") {
      out.status = SpanStatus::denied;
      out.reason_pointer = out.output_pointer;
    } else if ((out.has_exit_code && out.exit_code != 0) || failed_in_own_words(e.type, content)) {
      out.status = SpanStatus::error;
      out.error_pointer = out.output_pointer;
    }
    return out;
  }
  if (e.type == "UserRejectObservation") {
    out.status = SpanStatus::denied;
    if (non_empty_string(e.fields, "rejection_reason")) out.output_pointer = out.reason_pointer = "/rejection_reason";
    return out;
  }
  if (e.type == "AgentErrorEvent") {
    out.status = SpanStatus::error;
    if (!e.fields["error"].error()) out.output_pointer = out.error_pointer = "/error";
    return out;
  }
  object observation;
  if (e.fields["observation"].get_object().get(observation)) return out;
  // The SDK's Observation keeps its text in "content" (text blocks); earlier tools in "output" or "message".
  if (non_empty_array(observation, "content")) {
    out.output_pointer = "/observation/content";
  } else {
    for (std::string_view key : {"output", "message", "text"}) {
      if (observation[key].is_string()) {
        out.output_pointer = "/observation/" + std::string(key);
        break;
      }
    }
  }
  out.has_exit_code = exit_code_of(observation, {{"exit_code"}, {"metadata", "exit_code"}}, out.exit_code);
  if (true_field(observation, "is_error") || true_field(observation, "error") ||
      (out.has_exit_code && out.exit_code != 0)) {
    out.status = SpanStatus::error;
    out.error_pointer = out.output_pointer;
  }
  return out;
}

std::string arguments_pointer(const Event& e, object& arguments, bool& found) {
  found = false;
  if (e.v1) {
    found = !e.fields["action"].get_object().get(arguments);
    return found ? "/action" : "";
  }
  if (!e.fields["args"].get_object().get(arguments)) {
    found = true;
    return "/args";
  }
  arguments = e.fields;  // older output: the arguments sit in the event itself
  found = true;
  return "";
}

std::string reply_pointer(const Event& e) {
  if (e.v1) return non_empty_array(e.fields, "thought") ? "/thought" : "";
  object args;
  if (!e.fields["args"].get_object().get(args) && non_empty_string(args, "thought")) return "/args/thought";
  if (non_empty_string(e.fields, "thought")) return "/thought";
  std::string_view content;
  if (!e.fields["tool_call_metadata"]["model_response"]["choices"].at(0)["message"]["content"].get_string().get(
          content) &&
      !content.empty()) {
    return "/tool_call_metadata/model_response/choices/0/message/content";
  }
  return {};
}

std::string reasoning_pointer(const Event& e) {
  return e.v1 && non_empty_string(e.fields, "reasoning_content") ? "/reasoning_content" : "";
}

std::string message_pointer(const Event& e) {
  if (e.v1) return e.fields["llm_message"]["content"].error() ? "" : "/llm_message/content";
  object args;
  if (!e.fields["args"].get_object().get(args) && args["content"].is_string()) return "/args/content";
  if (e.fields["content"].is_string()) return "/content";
  if (e.fields["message"].is_string()) return "/message";
  return {};
}

}  // namespace agentreel::openhands
