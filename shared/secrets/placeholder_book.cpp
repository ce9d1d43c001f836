// Placeholder numbering (see placeholder_book.h).
#include "secrets/placeholder_book.h"

namespace agentreel::secrets {

uint32_t PlaceholderBook::number_for(const Finding& finding) {
  auto [it, inserted] = numbers_.try_emplace(finding.value, uint32_t(first_ + rules_.size()));
  if (inserted) rules_.push_back(finding.rule);
  return it->second;
}

std::string PlaceholderBook::placeholder(uint32_t number) const {
  return "[REDACTED " + label(*rules_[number - first_]) + " #" + std::to_string(number) + "]";
}

}  // namespace agentreel::secrets
