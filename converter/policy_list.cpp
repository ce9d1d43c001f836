// Reading a policy list (see policy_list.h).
#include "policy_list.h"

namespace agentreel::cli {

Result<policy::PolicySelection> parse_policy_list(const std::string& list) {
  std::string normalized;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string item = list.substr(start, comma - start);
    if (item == "default") item = "defaults";  // the word people write; PolicySelection's keyword
    normalized += (normalized.empty() ? "" : ",") + item;
    start = comma + 1;
  }
  policy::PolicySelection selection = policy::PolicySelection::parse_list(normalized);
  if (!selection.unknown_names.empty()) {
    std::string names;
    for (const std::string& n : selection.unknown_names) names += (names.empty() ? "" : ", ") + ("\"" + n + "\"");
    return Status(ErrorCode::invalid_argument, "no built-in policy named " + names +
                                                   " (names are failproofai's, e.g. block-sudo; or the keywords "
                                                   "default and all)");
  }
  return selection;
}

}  // namespace agentreel::cli
