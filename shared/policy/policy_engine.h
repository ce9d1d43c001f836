// The policy engine: failproofai's 39 built-in policies compiled once for a selection and configuration, then
// applied to hook calls one at a time. Live mode reproduces the hook exactly (fixed order, first deny wins,
// instructs accumulate, the stdout / stderr / exit code the agent would get); what-if mode also evaluates every
// selected policy on its own, so an audit sees every policy that would have fired, not only the first denier.
// An audit feeds calls session by session, in order, with one SessionState per session. Thread-safe for
// concurrent evaluate() calls on different SessionStates. No I/O.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "policy/decision_combiner.h"
#include "policy/hook_response.h"
#include "policy/json_value.h"
#include "policy/policy_catalog.h"
#include "policy/policy_config.h"
#include "policy/policy_input.h"
#include "policy/policy_selection.h"
#include "policy/policy_verdict.h"
#include "policy/repeated_calls.h"
#include "policy/replay_environment.h"

namespace agentreel::policy {

// Per session (or per group of sessions sharing transcript paths): what a live hook would read from its
// environment, and the repeated-call counts it would have kept in its sidecar files.
// One SessionState is used by one thread at a time.
struct SessionState {
  ReplayEnvironment environment;
  RepeatedCallCounter repeated_calls;
  EvaluationScratch scratch;  // reused buffers, not state
};

// One hook invocation.
struct HookCall {
  std::string_view event;              // canonical event (the --hook argument), e.g. "PreToolUse", "Stop"
  const JsonValue* payload = nullptr;  // the parsed stdin; nullptr is {}
  // Size of the stdin text in bytes when known; otherwise the engine measures JSON.stringify(payload). Above
  // 1,048,576 bytes the live hook discards the payload (see EngineOptions::apply_stdin_limit).
  std::optional<size_t> stdin_bytes;
  // `git rev-parse --abbrev-ref HEAD` in the payload's cwd at that moment (Claude Code records it as gitBranch);
  // nullopt: unknown (block-work-on-main then reports not_replayable); "": not a repository.
  std::optional<std::string_view> git_branch;
  const CommandOracle* commands = nullptr;  // answers for the Stop policies' git / gh commands
};

enum class EvaluationMode : uint8_t {
  live,     // only what the hook runs: stops at the first deny
  what_if,  // additionally every other selected policy for this event and tool, each on its own
};

// One policy's verdict on one call.
struct PolicyOutcome {
  PolicyId policy;
  PolicyVerdict verdict;     // the policy's own verdict and reason
  std::string shown_reason;  // deny / instruct: the reason as the agent would see it (hint appended)
  bool ran_live = false;     // the live hook ran it (false: an earlier deny, or a crash, stopped the evaluation)
};

struct Evaluation {
  bool payload_discarded = false;  // stdin over 1 MiB, or not JSON: the hook saw {}
  // A policy that the live hook runs could not be replayed (not_replayable); the live result treats it as allow.
  bool live_uncertain = false;
  std::optional<std::string> handler_error;  // failproofai's handler itself throws (exit 2)
  HookDecision decision;                     // the aggregate, as failproofai logs it
  HookResponse response;                     // what the agent receives
  // Live: the policies that ran. What-if: every selected policy the registry picks for this event and tool, in
  // evaluation order.
  std::vector<PolicyOutcome> outcomes;
};

struct EngineOptions {
  AgentCli cli = AgentCli::claude;  // which agent's response shapes to render
  bool apply_stdin_limit = true;    // mirror the live hook's 1 MiB stdin cap
  // See ResponseContext::notes_off_stdout_without_context (false: failproofai 0.0.11, as the spec describes).
  bool notes_off_stdout_without_context = false;
};

class PolicyEngine {
 public:
  // Compiles the selected policies with their parameters (and hints) from `config`. Fails only on a bug (a
  // built-in regex that does not compile); odd configuration values are handled the way failproofai handles them.
  static Result<PolicyEngine> create(const PolicySelection& selection, const PolicyConfig& config,
                                     EngineOptions options = {});

  PolicyEngine(PolicyEngine&&) noexcept;
  PolicyEngine& operator=(PolicyEngine&&) noexcept;
  ~PolicyEngine();

  // Evaluates one hook call. Updates `session` as the live hook would (warn-repeated-tool-calls' counts).
  Evaluation evaluate(const HookCall& call, SessionState& session, EvaluationMode mode) const;

  // The same from the raw stdin text, with the live hook's handling of it: over 1 MiB or not JSON, the payload
  // is {}; JSON null makes the handler throw.
  Evaluation evaluate_stdin(std::string_view event, std::string_view stdin_text, SessionState& session,
                            EvaluationMode mode, std::optional<std::string_view> git_branch = std::nullopt,
                            const CommandOracle* commands = nullptr) const;

  // The selected policies, in evaluation order.
  std::vector<PolicyId> enabled_policies() const;

 private:
  PolicyEngine();
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
};

// The stdin size above which failproofai discards the payload.
inline constexpr size_t kMaxHookStdinBytes = 1048576;

}  // namespace agentreel::policy
