// Numbers secrets for their placeholders: the same secret (by value, whatever escapes or wrapping it came in)
// always gets the same number and so the same placeholder, "[REDACTED api-key openai #3]", across every input
// of a bundle, and a run stays readable after redaction. The values live only in this object's memory.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "secrets/finding.h"

namespace agentreel::secrets {

class PlaceholderBook {
 public:
  // `numbers_taken`: numbers already used by placeholders in the bytes (redacting a redacted bundle again), so
  // new secrets are numbered after them.
  explicit PlaceholderBook(uint32_t numbers_taken = 0) : first_(numbers_taken + 1) {}
  // The secret's number (1-based) and the rule that named it first, assigning the next number when it is new.
  uint32_t number_for(const Finding& finding);
  // "[REDACTED <kind> <provider> #<number>]": only letters, digits, spaces, '-', '#', '[' and ']', so it can
  // stand inside a JSON string at any escape level, a shell line or a base64 payload's text.
  std::string placeholder(uint32_t number) const;
  // The rule of each secret this book numbered, by number - first_number().
  const std::vector<const RuleInfo*>& rules() const { return rules_; }
  uint32_t first_number() const { return first_; }

 private:
  uint32_t first_;
  std::unordered_map<std::string, uint32_t> numbers_;
  std::vector<const RuleInfo*> rules_;
};

}  // namespace agentreel::secrets
