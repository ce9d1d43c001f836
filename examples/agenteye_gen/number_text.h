// Appending integers to text without iostreams or allocation: plain ("152340") and grouped ("152,340").
// Header-only helpers shared by the text builders; locale-independent on purpose.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>

namespace agentreel::gen {

inline void append_int(std::string& out, int64_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, result.ptr);
}

inline void append_grouped_int(std::string& out, int64_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  const int length = static_cast<int>(result.ptr - digits);
  for (int i = 0; i < length; ++i) {
    if (i > 0 && digits[i - 1] != '-' && (length - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
}

}  // namespace agentreel::gen
