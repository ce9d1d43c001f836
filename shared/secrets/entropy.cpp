// Randomness and placeholder checks (see entropy.h).
#include "secrets/entropy.h"

#include <array>
#include <cmath>
#include <cstdint>

#include "secrets/byte_classes.h"

namespace agentreel::secrets {
namespace {

bool contains_folded(std::string_view haystack, std::string_view lower_needle) {
  if (lower_needle.size() > haystack.size()) return false;
  for (size_t i = 0; i + lower_needle.size() <= haystack.size(); ++i) {
    size_t j = 0;
    while (j < lower_needle.size() && ascii_lower(uint8_t(haystack[i + j])) == uint8_t(lower_needle[j])) ++j;
    if (j == lower_needle.size()) return true;
  }
  return false;
}

bool equals_folded(std::string_view value, std::string_view lower_word) {
  if (value.size() != lower_word.size()) return false;
  for (size_t i = 0; i < value.size(); ++i) {
    if (ascii_lower(uint8_t(value[i])) != uint8_t(lower_word[i])) return false;
  }
  return true;
}

}  // namespace

double shannon_entropy(std::string_view value) {
  if (value.empty()) return 0;
  std::array<uint32_t, 256> counts{};
  for (char c : value) ++counts[uint8_t(c)];
  double bits = 0;
  const double n = double(value.size());
  for (uint32_t count : counts) {
    if (!count) continue;
    const double p = count / n;
    bits -= p * std::log2(p);
  }
  return bits;
}

bool looks_random(std::string_view value, size_t min_length) {
  if (value.size() < min_length) return false;
  bool upper = false, lower = false, digit = false;
  for (char c : value) {
    const uint8_t b = uint8_t(c);
    if (b <= ' ' || b == 0x7F) return false;
    upper |= in_class(b, kUpper);
    lower |= in_class(b, kLower);
    digit |= in_class(b, kDigit);
  }
  if (int(upper) + int(lower) + int(digit) < 2) return false;
  return shannon_entropy(value) >= 3.0;
}

bool looks_like_placeholder(std::string_view value) {
  if (value.empty()) return true;
  const uint8_t first = uint8_t(value[0]);
  // References and templates: $VAR, ${VAR}, %VAR%, <your-key>, {{ secret }}, [REDACTED ...] (a placeholder of
  // ours: a redacted bundle must scan clean), *** and ... masks.
  if (first == '$' || first == '%' || first == '<' || first == '{' || first == '[' || first == '*' || first == '(') {
    return true;
  }
  if (value.size() >= 2 && value.substr(0, 2) == "..") return true;
  bool all_same = true;
  for (char c : value) all_same &= c == value[0];
  if (all_same) return true;
  static constexpr std::string_view kPlaceholderWords[] = {
      "your",    "example", "placeholder", "changeme", "change_me", "change-me", "redacted", "xxxx",        "****",
      "dummy",   "replace", "insert",      "sample",   "todo",      "fixme",     "foobar",   "secret_here", "here>",
      "environ", "getenv",  "process.env", "env(",     "os.get",    "<",         "}}",
  };
  for (std::string_view word : kPlaceholderWords) {
    if (contains_folded(value, word)) return true;
  }
  static constexpr std::string_view kPlaceholderValues[] = {
      "null", "none",    "nil",    "true",   "false",  "undefined", "password", "passwd",   "secret", "token",
      "test", "testing", "string", "hidden", "masked", "empty",     "required", "optional", "pass",   "default",
  };
  for (std::string_view word : kPlaceholderValues) {
    if (equals_folded(value, word)) return true;
  }
  return false;
}

}  // namespace agentreel::secrets
