// Renders the 15 AgentEye event types as JSONL lines, keys in the schema's order (docs/event-schema.md):
// timestamp, session_id, agent_id, type, environment, then the type's own fields.
// Knows the format, not the story: what to say and when is decided by the session simulator.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "agenteye_gen/event_queue.h"

namespace agentreel::gen {

enum class AgentOutcome { success, failure, error, cancelled };
enum class StopReason { end_turn, tool_use, max_tokens };
enum class HookTrigger { pre_tool_use, post_tool_use, user_prompt_submit };
enum class HookOutcome { allow, deny, modify };

// Who emits: the common fields every line carries after its timestamp.
struct EventSource {
  std::string_view session_id;
  std::string_view agent_id;
  std::string_view environment;
};

// Writes AgentEye lines for one source into a queue; every call appends exactly one line and returns its time.
class AgentEyeEventWriter {
 public:
  AgentEyeEventWriter(EventQueue& queue, const EventSource& source) : queue_(queue), source_(source) {}

  Micros agent_start(Micros at, std::string_view goal, std::optional<std::string_view> parent_id);
  Micros agent_end(Micros at, AgentOutcome outcome, std::string_view summary);
  Micros agent_pause(Micros at, std::string_view pause_id, std::string_view reason);
  Micros agent_resume(Micros at, std::string_view pause_id, std::string_view reason);
  Micros tool_use(Micros at, std::string_view tool_name, std::string_view tool_call_id, std::string_view input_json);
  Micros tool_result(Micros at, std::string_view tool_name, std::string_view tool_call_id, std::string_view output,
                     std::optional<std::string_view> error, int64_t duration_ms);
  Micros model_request(Micros at, std::string_view model, std::string_view messages_json, std::string_view system,
                       std::string_view tools_json);
  Micros model_response(Micros at, std::string_view model, StopReason stop_reason, int64_t input_tokens,
                        int64_t output_tokens, std::string_view content);
  Micros error(Micros at, std::string_view error_type, std::string_view message,
               std::optional<std::string_view> traceback);
  Micros hook_triggered(Micros at, std::string_view hook_name, std::string_view hook_id, HookTrigger trigger,
                        std::string_view input_json);
  Micros hook_completed(Micros at, std::string_view hook_name, std::string_view hook_id, HookOutcome outcome,
                        std::string_view output_json, std::optional<std::string_view> error, int64_t duration_ms);
  Micros human_wait(Micros at, std::string_view input_id, std::string_view prompt);
  Micros human_input(Micros at, std::string_view input_id, std::string_view prompt, std::string_view response);
  Micros human_pause(Micros at, std::string_view reason);
  Micros human_interrupt(Micros at, std::string_view reason);

 private:
  enum class Counts { span, nothing };  // an opening or standalone event counts one span; a closing one none
  class Line;

  EventQueue& queue_;
  EventSource source_;
};

std::string_view to_string(AgentOutcome outcome);
std::string_view to_string(StopReason reason);
std::string_view to_string(HookTrigger trigger);
std::string_view to_string(HookOutcome outcome);

}  // namespace agentreel::gen
