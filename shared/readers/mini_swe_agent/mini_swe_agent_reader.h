// Reader for mini-swe-agent trajectories (<instance>.traj.json): one JSON document per file, written whole by the
// agent's save(): {info{exit_status, submission, model_stats{instance_cost, api_calls}, config, mini_version},
// messages[{role, content, ...}], trajectory_format: "mini-swe-agent-1" | "mini-swe-agent-1.1" | ...}; the oldest
// versions wrote the bare array of messages. No file I/O; the same chunked path as every reader.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "readers/format_reader.h"

namespace agentreel {

// Span model, one session per file (named by the file without its directory and ".traj.json" / ".json"):
// - a root agent span "mini-swe-agent" over the whole document (its payload), from the first message to the
//   last; ok when info.exit_status (or a closing {role: "exit"} message's extra.exit_status) is "Submitted", or,
//   without one, when the last command submits (echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT); error for any other
//   exit status (attribute exit_status); unfinished otherwise. The first user message is the task (goal, prompt).
//   Attributes model (info.config.model.model_name), cost (info.model_stats.instance_cost as its JSON text),
//   api_calls.
// - per assistant message a model span (reply: its content) from the message before it to the message, and its
//   calls as tool spans "bash" (action shell): each of extra.actions [{command, tool_call_id}] (command and
//   input facts point at it), else each of tool_calls, else (1.x) the one ```bash / ```mswea_bash_command block
//   of its text, whose command is kept as attribute "command" (no JSON value holds it alone). A call lasts until
//   the message that answers it: the {role: "tool"} message with its tool_call_id, or (1.x) the next user message;
//   output fact (extra.raw_output, else the message's content), attribute exit_code (extra.returncode, or 1.x's
//   <returncode>N</returncode>); error when it is not 0 or extra.exception_info is set.
// - times: every message's timestamp (epoch seconds: "timestamp", or extra.timestamp) when all have one;
//   otherwise steps (kFlagOrdinalTime): one per assistant message, a call lasting its step.
// - model tokens from extra.response.usage: input_tokens without prompt_tokens_details.cached_tokens
//   (cache_read_tokens), output_tokens, reasoning_tokens (completion_tokens_details.reasoning_tokens).
// records() counts assistant messages (steps).
std::unique_ptr<FormatReader> make_mini_swe_agent_reader(const ReaderContext& context);
// Why `head` (the first bytes of a file) is not a mini-swe-agent trajectory, or empty if it looks like one.
std::string mini_swe_agent_sniff(std::string_view head);

}  // namespace agentreel
