// Reader for SWE-agent trajectories (.traj): one JSON document per file, {environment,
// trajectory[{action, observation, response, thought, state, execution_time?}], history[...],
// info{exit_status, submission, model_stats}, replay_config?}, legacy (v0.x) and v1.x alike; also a .traj that
// keeps only its chat `history` (a demonstration).
// The log has no wall-clock times, so every span is on an ordinal timeline (kFlagOrdinalTime), measured
// in the steps' own execution time when any step has one (kFlagExecutionTime too).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "readers/format_reader.h"

namespace agentreel {

// Span model, one session per file:
// - session id: replay_config.problem_statement.id when present (v1.x), else the file name without
//   its directory and ".traj" (SWE-agent names each file <instance_id>.traj);
// - a root agent span "swe-agent" from the document's object to its `info` object, status ok when
//   info.exit_status starts with "submitted", error otherwise, unfinished when there is none;
//   attributes exit_status, cost (model_stats.instance_cost, else total_cost, as its JSON text),
//   input_tokens (tokens_sent), output_tokens (tokens_received), api_calls;
// - per trajectory step (payload: the step object's exact bytes) a model span, an instant at the
//   step's start, when the step has a thought or response (named by replay_config's model, else
//   "model"), and a tool span named by the action's first word, lasting execution_time seconds
//   when the step has one, else one second; steps follow each other from time 0. A tool span is an
//   error only when the observation is one of SWE-agent's own refusals (see is_tool_refusal). Facts: the
//   model's reply is the step's thought (else its response); the call's input and command are the step's action
//   (the command line SWE-agent ran), its output the observation (also its error when refused); attribute action
//   from the command word (open -> read, edit -> edit, find_file -> list, other commands shell);
// - history only (no `trajectory`): one step per assistant message, a model span (reply: its thought, else its
//   content) and a tool span per tool call named by the function (input: the call's arguments text; command: the
//   message's action), open until the tool message whose tool_call_ids name it (an older message without tool
//   calls: the next observation) answers it, one step long; the first user message before any step is the task
//   (root's goal and prompt fact); the root ends ok at the last step when the agent called submit, else stays
//   unfinished;
// - every span carries kFlagOrdinalTime, and kFlagExecutionTime too when any step has an
//   execution_time: the axis is then seconds of execution, not step numbers.
// records() counts trajectory steps.
std::unique_ptr<FormatReader> make_swe_agent_reader(const ReaderContext& context);
// Why `head` (the first bytes of a file) is not a SWE-agent trajectory, or empty if it looks like one.
std::string swe_agent_sniff(std::string_view head);

}  // namespace agentreel
