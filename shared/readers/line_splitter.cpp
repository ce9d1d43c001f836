// Chunk-to-line splitting (see line_splitter.h).
#include "readers/line_splitter.h"

#include <cstring>

namespace agentreel {

bool LineSplitter::emit(std::string_view text, uint64_t raw_length, bool terminated, const Handler& handler) {
  Line line;
  line.text = text;
  if (!line.text.empty() && line.text.back() == '\r') line.text.remove_suffix(1);
  line.number = line_;
  line.offset = line_offset_;
  line.raw_length = raw_length;
  line.terminated = terminated;
  line.too_large = dropping_;
  if (dropping_) line.text = {};
  const bool go_on = handler(line);
  ++line_;
  line_offset_ += raw_length + (terminated ? 1 : 0);
  carry_.clear();
  carry_length_ = 0;
  dropping_ = false;
  return go_on;
}

bool LineSplitter::feed(std::string_view chunk, const Handler& handler) {
  while (!chunk.empty()) {
    const char* newline = static_cast<const char*>(std::memchr(chunk.data(), '\n', chunk.size()));
    const size_t piece = newline ? size_t(newline - chunk.data()) : chunk.size();
    if (carry_length_ == 0 && newline && piece <= max_line_bytes_) {
      // Fast path: the whole line is inside this chunk.
      if (!emit(chunk.substr(0, piece), piece, true, handler)) return false;
    } else {
      carry_length_ += piece;
      if (carry_length_ > max_line_bytes_) {
        dropping_ = true;
        carry_.clear();
        carry_.shrink_to_fit();
      } else {
        carry_.append(chunk.data(), piece);
      }
      if (newline) {
        if (!emit(carry_, carry_length_, true, handler)) return false;
      }
    }
    chunk.remove_prefix(newline ? piece + 1 : piece);
  }
  return true;
}

bool LineSplitter::finish(const Handler& handler) {
  if (carry_length_ == 0) return true;
  return emit(carry_, carry_length_, false, handler);
}

}  // namespace agentreel
