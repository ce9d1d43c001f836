// The audit replay: every tool call of a recorded session rebuilt as the PreToolUse (and, for a call that ran,
// PostToolUse) hook call the harness would have made, fed in span order through a PolicyEngine with the state the
// recording gives (git branch, first working directory), and compared with the denials the recording holds.
// Reads a Trace and its records through the caller's reader; no I/O, no threads of its own (a caller's
// ParallelFor), no output formatting (the CLI's).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/parallel_for.h"
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
  std::string call;   // what the call did in one line (call_summary), when AuditOptions::call_summaries
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
  // Fill AuditFinding::call with call_summary(.., call_summary_bytes) while the call's records are at hand.
  bool call_summaries = false;
  size_t call_summary_bytes = 60;
};

// Calls, decisions and recorded denials summed over sessions: what `audit` and the MCP audit tool report.
struct AuditTally {
  uint64_t calls = 0, mapped = 0, post_calls = 0, denied = 0, post_denied = 0, instructed = 0, what_if = 0,
           uncertain = 0, recorded = 0, agree = 0, differs = 0, missed = 0;
  void add(const SessionAudit& audit);
};

// Reads the bytes of a record into `out`, replacing what it held; false when they cannot be read. The audit
// reads every record through one such buffer, so a read allocates nothing once the buffer has grown.
using RecordBytesReader = std::function<bool(RecordRef ref, std::string& out)>;

// Replays one session's tool calls in span order with a fresh SessionState. The session's attributes and text
// facts are decoded in one pass each, and a record that several facts of a call name is read once.
SessionAudit audit_session(const PolicyEngine& engine, const Trace& trace, const RecordBytesReader& read,
                           uint32_t session, const AuditOptions& options);
// The same through a RecordReader (each record a fresh string).
SessionAudit audit_session(const PolicyEngine& engine, const Trace& trace, const RecordReader& read, uint32_t session,
                           const AuditOptions& options);

// `sessions` (indices into trace.sessions) audited side by side: split into `tasks` runs of neighbouring sessions
// of about equal span counts (neighbours share a bundle's blocks), given to `parallel`; each task reads through its
// own reader from make_reader, so no block cache is shared between threads. Results in the order of `sessions`,
// identical to auditing them one by one (sessions are independent: each starts from a fresh SessionState).
std::vector<SessionAudit> audit_sessions(const PolicyEngine& engine, const Trace& trace,
                                         const std::vector<uint32_t>& sessions,
                                         const std::function<RecordBytesReader()>& make_reader,
                                         const ParallelFor& parallel, size_t tasks, const AuditOptions& options);

}  // namespace agentreel::policy
