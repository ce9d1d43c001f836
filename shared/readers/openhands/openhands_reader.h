// Reader for OpenHands evaluation output (output.jsonl): one run per line, {instance_id,
// instruction, metadata, history[events], metrics, error, test_result}; also the older resolver
// output ({issue, history, metrics, error, ...}) whose events carry no id, timestamp or cause.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "readers/format_reader.h"

namespace agentreel {

// Span model, one session per run (line):
// - session id: instance_id; for resolver output "owner/repo#number" from `issue`; else
//   "<file name>:<line>";
// - a root agent span named metadata.agent_class (else "openhands") whose payload is the run's
//   line, from the first event to the last; error when the run's `error` is set (attribute error);
//   attributes model (metadata.llm_config.model), cost (metrics.accumulated_cost as its JSON
//   text), input_tokens / output_tokens / cache_read_tokens / cache_creation_tokens from
//   metrics.accumulated_token_usage;
// - an action and the observation that names it in `cause` (older output: the next observation)
//   form one tool span, named tool_call_metadata.function_name else the action type, from the
//   action's event to the observation's; error when the observation is "error" or its exit code is
//   not 0, denied when it is "user_rejected". A runnable action (run, read, edit, ...) that never
//   got its observation stays open (unfinished); other unanswered actions (system, message,
//   finish) are instants: tool when they came from a tool call, else event;
// - an action produced by the model (tool_call_metadata / llm_metrics, or a thought in older
//   output) also gets a model span, one per model response id, ending at the action and starting
//   the response's latency earlier (metrics.response_latencies), else at the previous event;
//   tokens from metrics.token_usages or the response's usage;
// - an observation without its action is an error span when it is "error", else an event (or an
//   unpaired tool end when it names an unknown action in `cause`).
// Events without timestamps put the whole run on an ordinal timeline (event index x 1 s,
// kFlagOrdinalTime on every span). records() counts runs.
std::unique_ptr<FormatReader> make_openhands_reader(const ReaderContext& context);
// Why `head` (the first bytes of a file) is not OpenHands output, or empty if it looks like it.
std::string openhands_sniff(std::string_view head);

}  // namespace agentreel
