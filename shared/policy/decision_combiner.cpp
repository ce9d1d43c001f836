// DecisionCombiner and append_hint (see decision_combiner.h).
#include "policy/decision_combiner.h"

#include "policy/js_text.h"

namespace agentreel::policy {

std::string_view decision_name(Decision decision) {
  switch (decision) {
    case Decision::allow: return "allow";
    case Decision::deny: return "deny";
    case Decision::instruct: return "instruct";
  }
  return "allow";
}

std::string append_hint(std::string_view reason, std::string_view hint) {
  const std::string_view base = js_trim(reason);
  const std::string_view extra = js_trim(hint);
  if (extra.empty()) return std::string(base);
  if (base.empty()) return std::string(extra);
  return std::string(base) + ". " + std::string(extra);
}

bool DecisionCombiner::add(std::string_view policy_name, VerdictKind kind, const std::optional<std::string>& reason,
                           std::string_view hint) {
  if (denied_) return false;
  switch (kind) {
    case VerdictKind::deny:
      denied_ = true;
      deny_ = {std::string(policy_name),
               append_hint(reason ? *reason : "Blocked by policy: " + std::string(policy_name), hint)};
      return false;
    case VerdictKind::instruct:
      instructs_.push_back(
          {std::string(policy_name),
           append_hint(reason ? *reason : "Instruction from policy: " + std::string(policy_name), hint)});
      return true;
    case VerdictKind::allow:
      // `result.decision === "allow" && result.reason`: an empty message is no message; hints never apply.
      if (reason && !reason->empty()) messages_.push_back({std::string(policy_name), *reason});
      return true;
    case VerdictKind::failed:
    case VerdictKind::not_replayable: return true;
  }
  return true;
}

HookDecision DecisionCombiner::finish() const {
  HookDecision result;
  if (denied_) {
    result.decision = Decision::deny;
    result.policy_name = deny_.policy_name;
    result.reason = deny_.reason;
    result.entries = {deny_};
    return result;
  }
  const std::vector<NamedReason>& entries = !instructs_.empty() ? instructs_ : messages_;
  if (entries.empty()) return result;
  result.decision = !instructs_.empty() ? Decision::instruct : Decision::allow;
  std::string joined;
  for (const NamedReason& entry : entries) {
    if (!result.policy_names.empty()) joined.push_back('\n');
    joined += entry.reason;
    result.policy_names.push_back(entry.policy_name);
  }
  result.policy_name = result.policy_names.front();
  result.reason = std::move(joined);
  result.entries = entries;
  return result;
}

}  // namespace agentreel::policy
