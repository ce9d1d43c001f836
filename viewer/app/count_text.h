// "1 session", "5 sessions": counts in the UI's text, with the noun agreeing (regular English plurals only).
#pragma once

#include <cstdint>
#include <string>

namespace agentreel::viewer {

inline std::string count_text(uint64_t count, const char* singular) {
  return std::to_string(count) + " " + singular + (count == 1 ? "" : "s");
}

}  // namespace agentreel::viewer
