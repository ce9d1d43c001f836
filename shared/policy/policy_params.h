// The parameters one built-in policy sees, resolved the way failproofai's evaluator does: for each parameter the
// schema declares, the user's value when the key is present (even null or of another type), else the default;
// the policy then reads `value ?? default`, so null also means the default. Also the cross-cutting `hint`, and
// the one configuration failproofai's handler crashes on. Depends on the catalog and JSON values only.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "policy/json_value.h"
#include "policy/policy_catalog.h"

namespace agentreel::policy {

class PolicyParams {
 public:
  PolicyParams() = default;
  // `user_params` is policyParams["failproofai/<name>"] when that is truthy, else policyParams["<name>"]
  // (nullptr when neither exists): failproofai's getConfigParamsFor.
  static PolicyParams resolve(const PolicyInfo& info, const JsonValue* user_params);

  // The value the policy works with (the default when the user gave none or null). Requires a declared name.
  const JsonValue& get(std::string_view name) const;
  // The trimmed `hint` string, or empty (hints of another type are ignored).
  const std::string& hint() const { return hint_; }
  // When the user's params for a policy with a schema is a string, number or boolean, failproofai's
  // `key in userParams` throws and its hook exits 2 with "Unexpected error: <this message>".
  const std::optional<std::string>& handler_crash() const { return handler_crash_; }

 private:
  std::vector<std::pair<std::string, JsonValue>> values_;
  std::string hint_;
  std::optional<std::string> handler_crash_;
};

}  // namespace agentreel::policy
