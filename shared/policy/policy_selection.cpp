// PolicySelection (see policy_selection.h).
#include "policy/policy_selection.h"

#include "policy/js_text.h"

namespace agentreel::policy {

size_t PolicySelection::count() const {
  size_t n = 0;
  for (bool on : enabled) n += on;
  return n;
}

PolicySelection PolicySelection::defaults() {
  PolicySelection selection;
  for (const PolicyInfo& info : policy_catalog())
    selection.enabled[static_cast<size_t>(info.id)] = info.default_enabled;
  return selection;
}

PolicySelection PolicySelection::all() {
  PolicySelection selection;
  selection.enabled.fill(true);
  return selection;
}

PolicySelection PolicySelection::from_names(const std::vector<std::string>& names) {
  PolicySelection selection;
  for (const std::string& name : names) {
    if (auto id = find_builtin_policy(name)) {
      selection.enabled[static_cast<size_t>(*id)] = true;
    } else {
      selection.unknown_names.push_back(name);
    }
  }
  return selection;
}

PolicySelection PolicySelection::parse_list(std::string_view list) {
  PolicySelection selection;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    const std::string_view name = js_trim(list.substr(start, comma - start));
    start = comma + 1;
    if (name.empty()) continue;
    PolicySelection part;
    if (name == "defaults") {
      part = defaults();
    } else if (name == "all") {
      part = all();
    } else {
      part = from_names({std::string(name)});
    }
    for (size_t i = 0; i < kPolicyCount; ++i) selection.enabled[i] = selection.enabled[i] || part.enabled[i];
    selection.unknown_names.insert(selection.unknown_names.end(), part.unknown_names.begin(), part.unknown_names.end());
  }
  return selection;
}

}  // namespace agentreel::policy
