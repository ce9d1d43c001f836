// Which Unicode codepoints a text spells, for fonts that hold only the glyphs a bundle needs (the viewer's
// fallback atlas, the page subsets `agentreel html` makes). Reads UTF-8 and JSON \uXXXX escapes, since records
// are raw JSON that the viewer unescapes before drawing. Header-only; no I/O, no allocation while scanning.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace agentreel {

constexpr uint32_t kMaxCodepoint = 0x10FFFF;

namespace codepoints_detail {
inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
// The 4 hex digits at text[at..at+4) as a number, or -1.
inline int32_t hex4(std::string_view text, size_t at) {
  if (at + 4 > text.size()) return -1;
  int32_t value = 0;
  for (size_t i = 0; i < 4; ++i) {
    const int digit = hex_value(text[at + i]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}
}  // namespace codepoints_detail

// Calls visit(codepoint) for every codepoint above U+007F in `text`: each well-formed UTF-8 sequence, and each
// JSON escape \uXXXX (a surrogate pair \uD83D\uDE00 as one codepoint). Malformed bytes and lone surrogates are
// skipped: they draw as the font's fallback glyph whatever fonts there are. ASCII runs cost one compare a byte.
template <class Visit>
void for_each_non_ascii_codepoint(std::string_view text, Visit&& visit) {
  using codepoints_detail::hex4;
  const size_t n = text.size();
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  size_t i = 0;
  while (i < n) {
    const unsigned char b = byte(i);
    if (b < 0x80) {
      if (b == '\\' && i + 1 < n && text[i + 1] == 'u') {
        const int32_t unit = hex4(text, i + 2);
        if (unit < 0) {
          i += 2;
          continue;
        }
        i += 6;
        if (unit >= 0xD800 && unit <= 0xDBFF) {  // high surrogate: a low one must follow
          const int32_t low = i + 1 < n && text[i] == '\\' && text[i + 1] == 'u' ? hex4(text, i + 2) : -1;
          if (low >= 0xDC00 && low <= 0xDFFF) {
            visit(static_cast<uint32_t>(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)));
            i += 6;
          }
        } else if (unit >= 0x80 && (unit < 0xDC00 || unit > 0xDFFF)) {
          visit(static_cast<uint32_t>(unit));
        }
      } else if (b == '\\' && i + 1 < n) {
        i += 2;  // \\ or \" : the escaped character is not the start of an escape
      } else {
        ++i;
      }
      continue;
    }
    // UTF-8 lead byte: length and the smallest codepoint that length may encode (no overlong forms).
    size_t length = 0;
    uint32_t cp = 0, min = 0;
    if ((b & 0xE0) == 0xC0) {
      length = 2, cp = b & 0x1F, min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
      length = 3, cp = b & 0x0F, min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
      length = 4, cp = b & 0x07, min = 0x10000;
    } else {
      ++i;  // a stray continuation byte or 0xF8..0xFF
      continue;
    }
    size_t k = 1;
    for (; k < length && i + k < n && (byte(i + k) & 0xC0) == 0x80; ++k) cp = (cp << 6) | (byte(i + k) & 0x3F);
    if (k < length) {
      i += k;  // cut short: skip what was read
      continue;
    }
    i += length;
    if (cp >= min && cp <= kMaxCodepoint && (cp < 0xD800 || cp > 0xDFFF)) visit(cp);
  }
}

// A set of codepoints U+0000..U+10FFFF as a bitmap (136 KiB once the first codepoint is added).
class CodepointSet {
 public:
  // True when `cp` was not in the set before.
  bool add(uint32_t cp) {
    if (cp > kMaxCodepoint) return false;
    if (words_.empty()) words_.assign((kMaxCodepoint + 64) / 64, 0);
    uint64_t& word = words_[cp / 64];
    const uint64_t bit = uint64_t(1) << (cp % 64);
    if (word & bit) return false;
    word |= bit;
    ++count_;
    return true;
  }
  bool contains(uint32_t cp) const {
    return cp <= kMaxCodepoint && !words_.empty() && (words_[cp / 64] >> (cp % 64)) & 1;
  }
  size_t size() const { return count_; }
  // Calls visit(first, last) for each run of consecutive codepoints, in ascending order.
  template <class Visit>
  void for_each_range(Visit&& visit) const {
    uint32_t first = 0;
    bool open = false;
    for (uint32_t w = 0; w < words_.size(); ++w) {
      if (!open && words_[w] == 0) continue;
      if (open && words_[w] == ~uint64_t(0)) continue;
      for (uint32_t b = 0; b < 64; ++b) {
        const uint32_t cp = w * 64 + b;
        const bool in = (words_[w] >> b) & 1;
        if (in && !open) first = cp, open = true;
        if (!in && open) visit(first, cp - 1), open = false;
      }
    }
    if (open) visit(first, static_cast<uint32_t>(words_.size() * 64 - 1));
  }
  std::vector<uint32_t> to_vector() const {
    std::vector<uint32_t> out;
    out.reserve(count_);
    for_each_range([&](uint32_t first, uint32_t last) {
      for (uint32_t cp = first; cp <= last; ++cp) out.push_back(cp);
    });
    return out;
  }

 private:
  std::vector<uint64_t> words_;
  size_t count_ = 0;
};

}  // namespace agentreel
