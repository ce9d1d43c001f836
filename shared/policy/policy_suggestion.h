// What an audit recommends: the policies that would have objected to some call of the audited sessions (deny or
// instruct, live or what-if), with the calls each would have stopped, and failproofai's policies-config.json that
// enables them. Built from SessionAudits (audit_replay.h); used by `agentreel audit --suggest-config` and by `why`
// to name the fix for a finding. No I/O.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "policy/audit_replay.h"
#include "policy/json_value.h"
#include "policy/policy_catalog.h"

namespace agentreel::policy {

// One policy's objections in a set of audits.
struct PolicyObjections {
  PolicyId policy{};
  std::vector<uint32_t> spans;    // the calls it denies or instructs on (PreToolUse or PostToolUse), ascending
  uint32_t denied_calls = 0;      // of those, calls it denies
  uint32_t instructed_calls = 0;  // calls it only instructs on
};

// Every policy with at least one objection, in catalog order.
std::vector<PolicyObjections> policy_objections(const std::vector<SessionAudit>& audits);

// The calls any of `objections` denies or instructs on, each counted once.
struct StoppedCalls {
  uint32_t calls = 0;       // calls some policy denies or instructs on
  uint32_t denied = 0;      // calls some policy denies
  uint32_t instructed = 0;  // the others: only instructed
};
StoppedCalls stopped_calls(const std::vector<SessionAudit>& audits);

// failproofai's policies-config.json (spec section 5.4): {"enabledPolicies": [...], "policyParams": {...}},
// indented by two spaces, ending in a newline; valid JSON without comments. enabledPolicies: `base` as written,
// then each policy of `add` that `base` does not already name (flat names, as `failproofai policies --install`
// writes them). policyParams only when `params` is a non-empty object.
std::string suggested_config_json(const std::vector<std::string>& base, const std::vector<PolicyId>& add,
                                  const JsonValue& params);

// The flat names of the policies failproofai enables on install (catalog order).
std::vector<std::string> default_policy_names();

}  // namespace agentreel::policy
