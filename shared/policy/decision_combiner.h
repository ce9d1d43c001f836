// failproofai's evaluatePolicies fold: policies in order, the first deny ends the evaluation (and discards the
// instructs and messages gathered before it), instructs accumulate, allow-messages accumulate, a policy that
// throws is skipped. Works on named verdicts, so built-ins and any other policy (the parity fixtures' synthetic
// ones) combine the same way. No dependency beyond policy_verdict.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/policy_verdict.h"

namespace agentreel::policy {

enum class Decision : uint8_t { allow, deny, instruct };
std::string_view decision_name(Decision decision);

// One policy's contribution to the combined result.
struct NamedReason {
  std::string policy_name;
  std::string reason;
};

// The aggregate failproofai logs (HookActivityEntry's policyName / policyNames / decision / reason) and renders.
struct HookDecision {
  Decision decision = Decision::allow;
  std::string policy_name;                // the denier, or the first instructing / messaging policy; "" for null
  std::vector<std::string> policy_names;  // every instructing (or messaging) policy; empty for deny and plain allow
  std::optional<std::string> reason;      // deny reason, or the reasons joined with '\n'; nullopt for plain allow
  std::vector<NamedReason> entries;       // what produced `reason`, in order
};

class DecisionCombiner {
 public:
  // Feeds the next policy's verdict. `reason` is nullopt when the policy gave none (failproofai then writes
  // "Blocked by policy: <name>" / "Instruction from policy: <name>"); `hint` is the configured hint (may be
  // empty). Returns false once a deny has decided the result: later policies do not run.
  bool add(std::string_view policy_name, VerdictKind kind, const std::optional<std::string>& reason,
           std::string_view hint);
  bool decided() const { return denied_; }
  HookDecision finish() const;

 private:
  bool denied_ = false;
  NamedReason deny_;
  std::vector<NamedReason> instructs_;
  std::vector<NamedReason> messages_;
};

// appendHint: `<reason trimmed>. <hint trimmed>`, or the trimmed reason when the hint is blank, or the hint when
// the reason is blank.
std::string append_hint(std::string_view reason, std::string_view hint);

}  // namespace agentreel::policy
