// JavaScript string semantics on UTF-8 text (see js_text.h). No dependency beyond the standard library.
#include "policy/js_text.h"

namespace agentreel::policy {

size_t js_whitespace_length_at(std::string_view text, size_t at) {
  if (at >= text.size()) return 0;
  const auto byte = [&](size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  const unsigned char lead = byte(at);
  if (lead < 0x80) return (lead == ' ' || (lead >= 0x09 && lead <= 0x0d)) ? 1 : 0;
  const unsigned b1 = byte(at + 1);
  const unsigned b2 = byte(at + 2);
  switch (lead) {
    case 0xc2: return b1 == 0xa0 ? 2 : 0;                  // U+00A0
    case 0xe1: return (b1 == 0x9a && b2 == 0x80) ? 3 : 0;  // U+1680
    case 0xe2:
      if (b1 == 0x80 && ((b2 >= 0x80 && b2 <= 0x8a) || b2 == 0xa8 || b2 == 0xa9 || b2 == 0xaf)) return 3;
      return (b1 == 0x81 && b2 == 0x9f) ? 3 : 0;           // U+205F
    case 0xe3: return (b1 == 0x80 && b2 == 0x80) ? 3 : 0;  // U+3000
    case 0xef: return (b1 == 0xbb && b2 == 0xbf) ? 3 : 0;  // U+FEFF
    default: return 0;
  }
}

namespace {

// Start of the whitespace character that ends just before `end`, or `end` when there is none. Whitespace is at
// most 3 bytes, so looking 1..3 bytes back and re-measuring forward is enough.
size_t whitespace_ending_at(std::string_view text, size_t end) {
  for (size_t length = 1; length <= 3 && length <= end; ++length) {
    if (js_whitespace_length_at(text, end - length) == length) return end - length;
  }
  return end;
}

}  // namespace

std::string_view js_trim_start(std::string_view text) {
  size_t at = 0;
  while (size_t n = js_whitespace_length_at(text, at)) at += n;
  return text.substr(at);
}

std::string_view js_trim(std::string_view text) {
  text = js_trim_start(text);
  size_t end = text.size();
  for (size_t start; (start = whitespace_ending_at(text, end)) != end;) end = start;
  return text.substr(0, end);
}

std::vector<std::string_view> js_split_whitespace(std::string_view text) {
  std::vector<std::string_view> pieces;
  size_t piece_start = 0;
  size_t at = 0;
  while (at < text.size()) {
    size_t run = 0;
    while (size_t n = js_whitespace_length_at(text, at + run)) run += n;
    if (run == 0) {
      ++at;
      continue;
    }
    pieces.push_back(text.substr(piece_start, at - piece_start));
    at += run;
    piece_start = at;
  }
  pieces.push_back(text.substr(piece_start));
  return pieces;
}

size_t utf16_length(std::string_view text) {
  size_t units = 0;
  for (unsigned char c : text) {
    if ((c & 0xc0) == 0x80) continue;  // continuation byte
    units += (c >= 0xf0 && c <= 0xf4) ? 2 : 1;
  }
  return units;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  } else {
    out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
  }
}

uint32_t decode_utf8(std::string_view text, size_t& at) {
  const unsigned char lead = static_cast<unsigned char>(text[at]);
  size_t length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 0;
  if (length == 0 || at + length > text.size()) {
    ++at;
    return lead;
  }
  uint32_t cp = length == 1 ? lead : lead & (0x7f >> length);
  for (size_t i = 1; i < length; ++i) {
    const unsigned char next = static_cast<unsigned char>(text[at + i]);
    if ((next & 0xc0) != 0x80) {
      ++at;
      return lead;
    }
    cp = (cp << 6) | (next & 0x3f);
  }
  at += length;
  return cp;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool replace_lone_surrogates(std::string_view text, std::string& out) {
  // A surrogate's WTF-8 form is ED A0..BF xx; ED 80..9F is an ordinary BMP character.
  size_t at = text.find('\xed');
  while (at != std::string_view::npos && !(at + 1 < text.size() && static_cast<unsigned char>(text[at + 1]) >= 0xa0)) {
    at = text.find('\xed', at + 1);
  }
  if (at == std::string_view::npos) return false;
  out.assign(text);
  for (; at + 2 < out.size(); ++at) {
    if (out[at] == '\xed' && static_cast<unsigned char>(out[at + 1]) >= 0xa0) {
      out[at] = '\xef';
      out[at + 1] = '\xbf';
      out[at + 2] = '\xbd';
      at += 2;
    }
  }
  return true;
}

}  // namespace agentreel::policy
