// What one policy says about one hook call, before failproofai's evaluator combines the verdicts (decision_combiner.h).
// Plain data; no dependencies.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace agentreel::policy {

enum class VerdictKind : uint8_t {
  allow,           // no objection; `reason` may carry a message (only the Stop policies give one)
  deny,            // stop the call (PreToolUse), or a note after it ran (PostToolUse)
  instruct,        // let it run, with extra context for the agent
  failed,          // failproofai's policy would throw (e.g. a parameter of the wrong type): skipped, i.e. allowed
  not_replayable,  // the verdict needs live state the replay was not given (git/GitHub for the Stop policies)
};

inline std::string_view verdict_kind_name(VerdictKind kind) {
  switch (kind) {
    case VerdictKind::allow: return "allow";
    case VerdictKind::deny: return "deny";
    case VerdictKind::instruct: return "instruct";
    case VerdictKind::failed: return "failed";
    case VerdictKind::not_replayable: return "not_replayable";
  }
  return "allow";
}

struct PolicyVerdict {
  VerdictKind kind = VerdictKind::allow;
  // deny / instruct: the reason as the policy returns it (before any hint); allow: the message, or empty;
  // failed / not_replayable: why, for people reading an audit.
  std::string reason;

  static PolicyVerdict allow(std::string message = {}) { return {VerdictKind::allow, std::move(message)}; }
  static PolicyVerdict deny(std::string reason) { return {VerdictKind::deny, std::move(reason)}; }
  static PolicyVerdict instruct(std::string reason) { return {VerdictKind::instruct, std::move(reason)}; }
  static PolicyVerdict failed(std::string why) { return {VerdictKind::failed, std::move(why)}; }
  static PolicyVerdict not_replayable(std::string why) { return {VerdictKind::not_replayable, std::move(why)}; }
};

}  // namespace agentreel::policy
