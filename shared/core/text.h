// Small text helpers every layer needs, so each is written once: a prefix cut at a UTF-8 character boundary,
// the first non-blank line of a text, a count with its noun ("1 session", "5 sessions") and a duration in
// words. Header-only, no dependencies beyond the standard library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
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

// Text as a terminal would have shown it, for reading: ANSI escape sequences (CSI "ESC [ … final", OSC
// "ESC ] … BEL or ESC \\", and two-byte "ESC x") and the other C0 controls but tab and line feed removed; a
// carriage return before a line feed goes, one elsewhere becomes a line feed (progress bars stay readable).
inline std::string without_terminal_controls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0x1B && i + 1 < text.size()) {
      const char kind = text[i + 1];
      i += 1;
      if (kind == '[') {  // CSI: parameters and intermediates, then one final byte 0x40..0x7E
        while (i + 1 < text.size() && !(text[i + 1] >= 0x40 && text[i + 1] <= 0x7E)) ++i;
        if (i + 1 < text.size()) ++i;
      } else if (kind == ']') {  // OSC: up to BEL or ESC backslash
        while (i + 1 < text.size() && text[i + 1] != '\x07' &&
               !(text[i + 1] == '\x1B' && i + 2 < text.size() && text[i + 2] == '\\'))
          ++i;
        if (i + 1 < text.size()) i += text[i + 1] == '\x07' ? 1 : 2;
      }
      continue;
    }
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      out += '\n';
      continue;
    }
    if (c < 0x20 && c != '\n' && c != '\t') continue;
    if (c == 0x7F) continue;
    out += char(c);
  }
  return out;
}

// "4 s", "7 min 09 s", "2 h 05 min": a duration in whole seconds for sentences (findings, CLI text).
inline std::string duration_words(int64_t ns) {
  const long long s = static_cast<long long>(ns / 1'000'000'000);
  char buf[64];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lld h %02lld min", s / 3600, s % 3600 / 60);
  else if (s >= 60)
    std::snprintf(buf, sizeof buf, "%lld min %02lld s", s / 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%lld s", s);
  return buf;
}

}  // namespace agentreel
