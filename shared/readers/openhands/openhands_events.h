// What one OpenHands history event is, in either generation of its schema, decided from its JSON alone: the V0
// events of OpenHands' own runtime ({id, timestamp, source, action | observation, cause, args, content, extras,
// tool_call_metadata}, and the older resolver events without id, time or cause) and the V1 events of the
// software-agent-sdk ({kind: ActionEvent | ObservationEvent | MessageEvent | AgentErrorEvent | ..., id,
// timestamp, source, tool_call_id, action {kind, ...}, observation {kind, ...}, llm_response_id}); then pairing
// of actions with the observations that answer them. Pure functions over simdjson DOM values; no sink.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_extents.h"
#include "model/span.h"

namespace agentreel::openhands {

inline constexpr size_t kNone = size_t(-1);

enum class EventRole : uint8_t {
  action,       // a call the agent made (V0 action, V1 ActionEvent)
  observation,  // its answer (V0 observation, V1 ObservationEvent / UserRejectObservation / AgentErrorEvent)
  message,      // a conversational message (V0 "message" action, V1 MessageEvent)
  error,        // an error of the harness itself (V1 ConversationErrorEvent)
  other,        // anything else with a name (V1 SystemPromptEvent, Condensation, PauseEvent, ...)
  unknown,      // neither an action, an observation nor a V1 kind: skipped as a bad record
};

struct Event {
  simdjson::dom::object fields;
  bool is_object = false;
  bool v1 = false;              // software-agent-sdk event (has "kind")
  json_extents::Extent extent;  // its bytes in the run's text
  int64_t time_ns = 0;
  bool has_time = false;
  EventRole role = EventRole::unknown;
  std::string_view type;         // V0 action / observation type; V1 kind of event
  std::string_view name;         // the span's name: the tool called (function_name, tool_name), else type
  std::string_view source;       // "user", "agent", "environment"
  std::string_view response_id;  // the model response that produced it (V0 model_response.id, V1 llm_response_id)
  // V0 pairing: an observation's "cause" is its action's "id".
  bool has_id = false, has_cause = false;
  int64_t id = 0, cause = 0;
  // V1 pairing: an observation answers the action with its tool_call_id (and its action_id is that event's id).
  std::string_view tool_call_id;
  size_t partner = kNone;  // the paired observation (of an action) or action (of an observation)
};

// Reads one history event (V0 or V1). `extent` is where it sits in the run's text.
Event read_event(simdjson::dom::element value, json_extents::Extent extent);

// Pairs actions with their observations, in place: V0 by cause, else (older output without ids) the observation
// right after its action; V1 by tool_call_id.
void pair_events(std::vector<Event>& events);

// Whether an unanswered action of this V0 type was cut off (the runtime answers it) rather than a call that
// never gets an observation (system, message, finish).
bool expects_observation(const Event& action);

// How an observation ended, and where its words are (JSON pointers into the observation's record; "" = none).
struct Outcome {
  SpanStatus status = SpanStatus::ok;
  bool has_exit_code = false;
  int64_t exit_code = 0;
  std::string output_pointer;  // what the call returned
  std::string error_pointer;   // what failed (an error observation, an AgentErrorEvent, an error output)
  std::string reason_pointer;  // why it was refused (a user or hook rejection)
};
Outcome observation_outcome(const Event& observation);

// Where a V0 action's arguments are: "/args" when it has them, else "" (older output keeps them flat in the
// event). V1: "/action". Empty with `found` false when the event has no arguments object.
std::string arguments_pointer(const Event& action, simdjson::dom::object& arguments, bool& found);

// Where the words of the model's visible reply that came with an action are (V0 thought, V1 thought blocks), and
// of its reasoning (V1 reasoning_content); "" when none.
std::string reply_pointer(const Event& action);
std::string reasoning_pointer(const Event& action);
// Where a message's text is (V0 args.content / content / message, V1 llm_message.content).
std::string message_pointer(const Event& message);

}  // namespace agentreel::openhands
