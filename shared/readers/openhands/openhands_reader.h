// Reader for OpenHands runs: evaluation output (output.jsonl), one run per line, {instance_id, instruction,
// metadata, history[events], metrics, error, test_result}, with V0 events (OpenHands' runtime) or V1 events (the
// software-agent-sdk's ActionEvent / ObservationEvent / MessageEvent / ...); the older resolver output ({issue,
// history, metrics, error, ...}) whose events carry no id, timestamp or cause; one pretty-printed run; and the
// V0 "download trajectory" export, one JSON array of events.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "readers/format_reader.h"

namespace agentreel {

// Span model, one session per run (line):
// - session id: instance_id; for resolver output "owner/repo#number" from `issue`; else
//   "<file name>:<line>"; a trajectory export: the file name without directory and extension;
// - a root agent span named metadata.agent_class (else "openhands") whose payload is the run's
//   line (the export's whole array), from the first event to the last; error when the run's `error` is set
//   (attribute error, text fact error); attributes model (metadata.llm_config.model, V1 metadata.llm.model),
//   goal and the prompt fact (the run's instruction), cost (metrics.accumulated_cost as its JSON text),
//   input_tokens / output_tokens / cache_read_tokens / cache_creation_tokens from metrics.accumulated_token_usage;
// - an action and the observation that answers it form one tool span, from the action's event to the
//   observation's: V0 by the observation's `cause` (older output: the next observation), V1 by tool_call_id
//   (ObservationEvent, UserRejectObservation, AgentErrorEvent). Named tool_call_metadata.function_name (V1
//   tool_name) else the action type. Error when the observation is "error" / an AgentErrorEvent, says is_error,
//   or its exit code is not 0 (attribute exit_code); denied when it is "user_rejected" / a UserRejectObservation
//   (attribute reason). Facts: the arguments (V0 args, or the flat older event; V1 action) with their command,
//   path, ... roles and action (tool_facts.h); output (V0 content, V1 observation.content / output / message),
//   error, reason. A runnable V0 action (run, read, edit, ...) or any V1 call that never got its observation
//   stays open (unfinished); other unanswered V0 actions (system, finish) are instants: tool when they came from
//   a tool call, else event;
// - an action produced by the model (tool_call_metadata / llm_metrics, a thought in older output, every V1
//   ActionEvent, a V1 MessageEvent from the agent) also gets a model span, one per model response id, ending at
//   the action and starting the response's latency earlier (metrics.response_latencies), else at the previous
//   event; facts reply (V0 thought or the response's message, V1 thought blocks or the message) and thinking
//   (V1 reasoning_content); tokens from metrics.token_usages or the response's usage, input_tokens without the
//   cached ones (cache_read_tokens, cache_creation_tokens), reasoning_tokens when reported;
// - a person's message (V0 action "message" from "user", V1 MessageEvent from "user") is a human span "human
//   input" with its prompt fact;
// - an observation without its action is an error span when it is "error", else an event (or an unpaired tool
//   end when it names an unknown action); V1 ConversationErrorEvent and an AgentErrorEvent outside a call are
//   error spans (attribute message, error fact); other V1 events (SystemPromptEvent, Condensation with its
//   summary fact, PauseEvent, ...) are events named by their kind.
// Events without timestamps put the whole run on an ordinal timeline (event index x 1 s,
// kFlagOrdinalTime on every span). records() counts runs (an export is one).
std::unique_ptr<FormatReader> make_openhands_reader(const ReaderContext& context);
// Why `head` (the first bytes of a file) is not OpenHands output, or empty if it looks like it.
std::string openhands_sniff(std::string_view head);

}  // namespace agentreel
