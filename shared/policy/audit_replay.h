// The audit replay: every tool call of a recorded session rebuilt as the PreToolUse (and, for a call that ran,
// PostToolUse) hook call the harness would have made, fed in span order through a PolicyEngine with the state the
// recording gives (git branch, first working directory), and compared with the denials the recording holds.
// Reads a Trace and its records through the caller's RecordReader; no I/O, no output formatting (the CLI's).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/record_reader.h"
#include "model/trace.h"
#include "policy/json_value.h"
#include "policy/policy_engine.h"

namespace agentreel::policy {

// A recorded tool call as failproofai's policies see it: Claude Code's tool name and tool_input.
struct HookTool {
  std::string name;     // "Bash", "Read", "Write", "Edit", or the recorded name when no mapping applies
  JsonValue input;      // the tool_input object
  bool mapped = false;  // the recorded name was not Claude Code's and was mapped by the call's action
};

// Claude Code's tool names are kept with their recorded arguments. Any other harness's call is mapped by its
// canonical action (attribute "action", shared/readers/tool_facts.cpp): shell -> Bash {"command"}, read -> Read
// {"file_path"}, write -> Write {"file_path", "content"}, edit -> Edit {"file_path", "old_string", "new_string"},
// from the call's text facts; other calls keep their name and arguments.
HookTool hook_tool_for_span(const Trace& trace, const RecordReader& read, uint32_t span);

// A shell command recorded as an argv array (Codex, Copilot) as one command line: ["bash","-lc","ls -la"] is
// "ls -la"; other arrays are joined with spaces. Text that is not a JSON array of strings is returned unchanged.
std::string command_line_of(std::string_view text);

// The home directory a working directory lies in ("/home/u/proj" -> "/home/u", "/Users/u/x" -> "/Users/u",
// "/root/x" -> "/root"), or "" when it shows none.
std::string home_of(std::string_view cwd);

// One policy that would have objected to one call.
struct AuditFinding {
  uint32_t span = 0;
  PolicyId policy{};
  bool post_tool_use = false;            // the PostToolUse call (after the tool ran), else PreToolUse
  VerdictKind kind = VerdictKind::deny;  // deny or instruct
  std::string reason;                    // as the agent would have been shown it (hint appended)
  bool live = false;  // part of the live decision (false: only what-if shows it, an earlier deny hid it)
};

// A call the recording shows denied, and what the replay says about it.
struct RecordedDenial {
  uint32_t span = 0;
  std::string denied_by;        // the recording's attribute "denied_by" ("policy", "hook", "user", ...)
  std::string recorded_policy;  // attribute "policy", canonical when it names a built-in; "" when not recorded
  std::string replay_policy;    // the policy whose deny the live replay reproduces, "" when the replay allows
  // agree: the replay denies it (by the recorded policy, when one is recorded); differs: it denies by another
  // policy; missed: the replay lets it through.
  enum class Agreement : uint8_t { agree, differs, missed } agreement = Agreement::missed;
};
std::string_view agreement_name(RecordedDenial::Agreement agreement);

struct SessionAudit {
  uint32_t session = 0;
  uint64_t calls = 0;                  // tool calls replayed (PreToolUse)
  uint64_t post_calls = 0;             // PostToolUse replays: calls that ran (status ok) and have an output
  uint64_t mapped_calls = 0;           // calls whose tool name was mapped onto Claude Code's
  uint64_t denied_calls = 0;           // calls the live replay denies (PreToolUse)
  uint64_t post_denied_calls = 0;      // PostToolUse denies (the sanitizers: the output would have been withheld)
  uint64_t instructed_calls = 0;       // calls the live replay lets run with an instruction
  uint64_t what_if_calls = 0;          // calls some selected policy objects to on its own (what-if mode only)
  uint64_t uncertain_calls = 0;        // a policy the live hook runs could not be replayed on the call
  std::vector<AuditFinding> findings;  // in span order
  std::array<uint32_t, kPolicyCount> not_replayable{};  // per policy: calls it could not decide
  std::vector<RecordedDenial> recorded;                 // in span order
  std::string project_dir;                              // the session's first working directory
};

struct AuditOptions {
  EvaluationMode mode = EvaluationMode::live;
  bool post_tool_use = true;  // also replay PostToolUse for calls that ran
};

// Replays one session's tool calls in span order with a fresh SessionState.
SessionAudit audit_session(const PolicyEngine& engine, const Trace& trace, const RecordReader& read, uint32_t session,
                           const AuditOptions& options);

}  // namespace agentreel::policy
