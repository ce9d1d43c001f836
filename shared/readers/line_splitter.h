// Splits a byte stream fed in arbitrary chunks into lines, carrying partial lines across chunks
// and tracking each line's 1-based number and byte offset. Lines over the size cap are reported
// once as too large and their bytes dropped from memory (they stay in the bundle's raw stream).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace agentreel {

struct Line {
  std::string_view text;    // without "\n" and without a trailing "\r"
  uint64_t number = 0;      // 1-based
  uint64_t offset = 0;      // byte offset of the line's first byte in the input
  uint64_t raw_length = 0;  // bytes of the line including "\r" but not "\n"
  bool terminated = true;   // false for a last line with no newline
  bool too_large = false;   // text is empty: the line exceeded the cap
};

class LineSplitter {
 public:
  using Handler = std::function<bool(const Line&)>;  // false stops splitting
  explicit LineSplitter(uint64_t max_line_bytes) : max_line_bytes_(max_line_bytes) {}
  // Returns false if the handler asked to stop.
  bool feed(std::string_view chunk, const Handler& handler);
  bool finish(const Handler& handler);

 private:
  bool emit(std::string_view text, uint64_t raw_length, bool terminated, const Handler& handler);
  uint64_t max_line_bytes_;
  std::string carry_;
  uint64_t carry_length_ = 0;  // bytes of the current partial line, kept or dropped
  bool dropping_ = false;
  uint64_t line_ = 1;
  uint64_t line_offset_ = 0;
};

}  // namespace agentreel
