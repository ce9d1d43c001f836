// Small text helpers every layer needs, so each is written once: a prefix cut at a UTF-8 character boundary,
// the first non-blank line of a text, and a count with its noun ("1 session", "5 sessions"). Header-only, no
// dependencies beyond the standard library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace agentreel {

// At most `max_bytes` of `text`, never ending inside a UTF-8 character (continuation bytes 10xxxxxx are not cut
// from their lead byte). Invalid UTF-8 is cut at the byte limit or before the continuation bytes that reach it.
inline std::string_view utf8_prefix(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t n = max_bytes;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

// The first line that holds anything but whitespace, without its line terminator, cut to `max_bytes` at a
// character boundary.
inline std::string_view first_line(std::string_view text, size_t max_bytes) {
  const size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  text.remove_prefix(start);
  text = text.substr(0, text.find('\n'));
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return utf8_prefix(text, max_bytes);
}

// "1 session", "5 sessions", "0 errors", "2 matches": English plurals (-s, or -es after s, x, z, ch, sh).
inline std::string count_text(uint64_t count, std::string_view singular) {
  std::string out = std::to_string(count);
  out += ' ';
  out += singular;
  if (count != 1) {
    const bool sibilant = singular.ends_with("s") || singular.ends_with("x") || singular.ends_with("z") ||
                          singular.ends_with("ch") || singular.ends_with("sh");
    out += sibilant ? "es" : "s";
  }
  return out;
}

}  // namespace agentreel
