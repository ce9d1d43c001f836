// Which built-ins an engine runs: failproofai's own rule (exactly the names in the merged enabledPolicies), its 11
// default-on policies, all 39, or a list of names. Names are canonicalised as failproofai does ("block-sudo" and
// "failproofai/block-sudo" are the same policy). Depends on the catalog only.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "policy/policy_catalog.h"

namespace agentreel::policy {

struct PolicySelection {
  std::array<bool, kPolicyCount> enabled{};
  // Configured names that are no built-in (failproofai ignores them silently; custom policies are JavaScript and
  // not replayed).
  std::vector<std::string> unknown_names;

  bool contains(PolicyId id) const { return enabled[static_cast<size_t>(id)]; }
  size_t count() const;

  // The 11 policies failproofai pre-selects on install (defaultEnabled).
  static PolicySelection defaults();
  static PolicySelection all();
  // Names as failproofai's enabledPolicies holds them.
  static PolicySelection from_names(const std::vector<std::string>& names);
  // A comma-separated list for people: policy names plus the keywords "defaults" and "all",
  // e.g. "defaults,block-rm-rf,failproofai/warn-git-amend".
  static PolicySelection parse_list(std::string_view list);
};

}  // namespace agentreel::policy
