// One function per AgentEye event type; the common prefix and the line framing live in the Line helper.
// Field names and their order here are the wire format: change them only together with docs/event-schema.md.
#include "agenteye_gen/agenteye_events.h"

#include "agenteye_gen/json_writer.h"

namespace agentreel::gen {

// Opens a queue line, writes the common fields and leaves the object open for the type's fields.
class AgentEyeEventWriter::Line {
 public:
  Line(AgentEyeEventWriter& owner, Micros at, std::string_view type, Counts counts)
      : queue_(owner.queue_), time_(queue_.begin_line(at)), json_(queue_.line_buffer()) {
    std::string& out = queue_.line_buffer();
    out.append("{\"timestamp\":\"");
    append_rfc3339_micros(out, time_);
    out.append("\",\"session_id\":");
    append_json_string(out, owner.source_.session_id);
    out.append(",\"agent_id\":");
    append_json_string(out, owner.source_.agent_id);
    out.append(",\"type\":\"");
    out.append(type);
    out.append("\",\"environment\":");
    append_json_string(out, owner.source_.environment);
    json_.resume_object();
    if (counts == Counts::span) queue_.count_span();
  }

  JsonWriter& json() { return json_; }

  Micros finish() {
    json_.end_object();
    queue_.end_line();
    return time_;
  }

 private:
  EventQueue& queue_;
  Micros time_;
  JsonWriter json_;
};

namespace {

void optional_string(JsonWriter& json, std::string_view name, std::optional<std::string_view> text) {
  json.key(name);
  if (text) {
    json.string(*text);
  } else {
    json.null();
  }
}

}  // namespace

Micros AgentEyeEventWriter::agent_start(Micros at, std::string_view goal, std::optional<std::string_view> parent_id) {
  Line line(*this, at, "agent_start", Counts::span);
  line.json().field("goal", goal);
  optional_string(line.json(), "parent_id", parent_id);
  return line.finish();
}

Micros AgentEyeEventWriter::agent_end(Micros at, AgentOutcome outcome, std::string_view summary) {
  Line line(*this, at, "agent_end", Counts::nothing);
  line.json().field("outcome", to_string(outcome)).field("summary", summary);
  return line.finish();
}

Micros AgentEyeEventWriter::agent_pause(Micros at, std::string_view pause_id, std::string_view reason) {
  Line line(*this, at, "agent_pause", Counts::span);
  line.json().field("pause_id", pause_id).field("reason", reason);
  return line.finish();
}

Micros AgentEyeEventWriter::agent_resume(Micros at, std::string_view pause_id, std::string_view reason) {
  Line line(*this, at, "agent_resume", Counts::nothing);
  line.json().field("pause_id", pause_id).field("reason", reason);
  return line.finish();
}

Micros AgentEyeEventWriter::tool_use(Micros at, std::string_view tool_name, std::string_view tool_call_id,
                                     std::string_view input_json) {
  Line line(*this, at, "tool_use", Counts::span);
  line.json().field("tool_name", tool_name).field("tool_call_id", tool_call_id).key("input").raw_json(input_json);
  return line.finish();
}

Micros AgentEyeEventWriter::tool_result(Micros at, std::string_view tool_name, std::string_view tool_call_id,
                                        std::string_view output, std::optional<std::string_view> error,
                                        int64_t duration_ms) {
  Line line(*this, at, "tool_result", Counts::nothing);
  line.json().field("tool_name", tool_name).field("tool_call_id", tool_call_id).field("output", output);
  optional_string(line.json(), "error", error);
  line.json().field("duration_ms", duration_ms);
  return line.finish();
}

Micros AgentEyeEventWriter::model_request(Micros at, std::string_view model, std::string_view messages_json,
                                          std::string_view system, std::string_view tools_json) {
  Line line(*this, at, "model_request", Counts::span);
  line.json()
      .field("model", model)
      .key("messages")
      .raw_json(messages_json)
      .field("system", system)
      .key("tools")
      .raw_json(tools_json);
  return line.finish();
}

Micros AgentEyeEventWriter::model_response(Micros at, std::string_view model, StopReason stop_reason,
                                           int64_t input_tokens, int64_t output_tokens, std::string_view content) {
  Line line(*this, at, "model_response", Counts::nothing);
  line.json()
      .field("model", model)
      .field("stop_reason", to_string(stop_reason))
      .field("input_tokens", input_tokens)
      .field("output_tokens", output_tokens)
      .field("content", content)
      .field("role", "assistant");
  return line.finish();
}

Micros AgentEyeEventWriter::error(Micros at, std::string_view error_type, std::string_view message,
                                  std::optional<std::string_view> traceback) {
  Line line(*this, at, "error", Counts::span);
  line.json().field("error_type", error_type).field("message", message);
  optional_string(line.json(), "traceback", traceback);
  return line.finish();
}

Micros AgentEyeEventWriter::hook_triggered(Micros at, std::string_view hook_name, std::string_view hook_id,
                                           HookTrigger trigger, std::string_view input_json) {
  Line line(*this, at, "hook_triggered", Counts::span);
  line.json()
      .field("hook_name", hook_name)
      .field("hook_id", hook_id)
      .field("trigger_event", to_string(trigger))
      .key("input")
      .raw_json(input_json);
  return line.finish();
}

Micros AgentEyeEventWriter::hook_completed(Micros at, std::string_view hook_name, std::string_view hook_id,
                                           HookOutcome outcome, std::string_view output_json,
                                           std::optional<std::string_view> error, int64_t duration_ms) {
  Line line(*this, at, "hook_completed", Counts::nothing);
  line.json()
      .field("hook_name", hook_name)
      .field("hook_id", hook_id)
      .field("outcome", to_string(outcome))
      .key("output")
      .raw_json(output_json);
  optional_string(line.json(), "error", error);
  line.json().field("duration_ms", duration_ms);
  return line.finish();
}

Micros AgentEyeEventWriter::human_wait(Micros at, std::string_view input_id, std::string_view prompt) {
  Line line(*this, at, "human_wait", Counts::span);
  line.json().field("input_id", input_id).field("prompt", prompt);
  return line.finish();
}

Micros AgentEyeEventWriter::human_input(Micros at, std::string_view input_id, std::string_view prompt,
                                        std::string_view response) {
  Line line(*this, at, "human_input", Counts::nothing);
  line.json().field("input_id", input_id).field("prompt", prompt).field("response", response);
  return line.finish();
}

Micros AgentEyeEventWriter::human_pause(Micros at, std::string_view reason) {
  Line line(*this, at, "human_pause", Counts::span);
  line.json().field("reason", reason);
  return line.finish();
}

Micros AgentEyeEventWriter::human_interrupt(Micros at, std::string_view reason) {
  Line line(*this, at, "human_interrupt", Counts::span);
  line.json().field("reason", reason);
  return line.finish();
}

std::string_view to_string(AgentOutcome outcome) {
  switch (outcome) {
    case AgentOutcome::success: return "success";
    case AgentOutcome::failure: return "failure";
    case AgentOutcome::error: return "error";
    case AgentOutcome::cancelled: return "cancelled";
  }
  return "error";
}

std::string_view to_string(StopReason reason) {
  switch (reason) {
    case StopReason::end_turn: return "end_turn";
    case StopReason::tool_use: return "tool_use";
    case StopReason::max_tokens: return "max_tokens";
  }
  return "end_turn";
}

std::string_view to_string(HookTrigger trigger) {
  switch (trigger) {
    case HookTrigger::pre_tool_use: return "pre_tool_use";
    case HookTrigger::post_tool_use: return "post_tool_use";
    case HookTrigger::user_prompt_submit: return "user_prompt_submit";
  }
  return "pre_tool_use";
}

std::string_view to_string(HookOutcome outcome) {
  switch (outcome) {
    case HookOutcome::allow: return "allow";
    case HookOutcome::deny: return "deny";
    case HookOutcome::modify: return "modify";
  }
  return "allow";
}

}  // namespace agentreel::gen
