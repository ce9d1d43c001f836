// JSON string literals (see json_string.h).
#include "core/json_string.h"

#include <cstdint>
#include <cstdio>

namespace agentreel {
namespace {

// Length of the valid UTF-8 sequence at text[i], or 0 if invalid (overlong forms are not checked: they pass as
// the bytes they are, which JSON allows).
size_t utf8_length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return uint8_t(text[k]); };
  const uint8_t lead = byte(i);
  const size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || i + length > text.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

void append_utf8(std::string& out, uint32_t code_point) {
  if (code_point < 0x80) {
    out += char(code_point);
  } else if (code_point < 0x800) {
    out += char(0xC0 | (code_point >> 6));
    out += char(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += char(0xE0 | (code_point >> 12));
    out += char(0x80 | ((code_point >> 6) & 0x3F));
    out += char(0x80 | (code_point & 0x3F));
  } else {
    out += char(0xF0 | (code_point >> 18));
    out += char(0x80 | ((code_point >> 12) & 0x3F));
    out += char(0x80 | ((code_point >> 6) & 0x3F));
    out += char(0x80 | (code_point & 0x3F));
  }
}

constexpr uint32_t kReplacement = 0xFFFD;

// The 4 hex digits at body[i..i+4), or -1.
int64_t hex4(std::string_view body, size_t i) {
  if (i + 4 > body.size()) return -1;
  int64_t value = 0;
  for (size_t k = i; k < i + 4; ++k) {
    const char c = body[k];
    const int digit = c >= '0' && c <= '9'   ? c - '0'
                      : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                             : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    const size_t length = utf8_length(text, i);
    if (length == 0) {  // not UTF-8: the byte's value as an escape, so the output stays valid JSON
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(uint8_t(c)));
      out += escaped;
      ++i;
      continue;
    }
    if (length == 1) {
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (uint8_t(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(c));
            out += escaped;
          } else {
            out += c;
          }
      }
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  out += '"';
}

std::string json_string(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  append_json_string(out, text);
  return out;
}

bool decode_json_string(std::string_view body, std::string& out) {
  bool clean = true;
  out.reserve(out.size() + body.size());
  for (size_t i = 0; i < body.size();) {
    const char c = body[i];
    if (c != '\\') {
      const size_t run_end = body.find('\\', i);
      const size_t end = run_end == std::string_view::npos ? body.size() : run_end;
      out.append(body.substr(i, end - i));
      i = end;
      continue;
    }
    if (i + 1 >= body.size()) {
      append_utf8(out, kReplacement);
      clean = false;
      break;
    }
    const char e = body[i + 1];
    i += 2;
    switch (e) {
      case '"': out += '"'; continue;
      case '\\': out += '\\'; continue;
      case '/': out += '/'; continue;
      case 'b': out += '\b'; continue;
      case 'f': out += '\f'; continue;
      case 'n': out += '\n'; continue;
      case 'r': out += '\r'; continue;
      case 't': out += '\t'; continue;
      case 'u': break;
      default:
        append_utf8(out, kReplacement);
        clean = false;
        continue;
    }
    const int64_t unit = hex4(body, i);
    if (unit < 0) {
      append_utf8(out, kReplacement);
      clean = false;
      continue;
    }
    i += 4;
    if (unit >= 0xD800 && unit <= 0xDBFF) {  // a high surrogate wants a low one next
      const int64_t low = i + 1 < body.size() && body[i] == '\\' && body[i + 1] == 'u' ? hex4(body, i + 2) : -1;
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((uint32_t(unit) - 0xD800) << 10) + (uint32_t(low) - 0xDC00));
        i += 6;
      } else {
        append_utf8(out, kReplacement);
        clean = false;
      }
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      append_utf8(out, kReplacement);
      clean = false;
    } else {
      append_utf8(out, uint32_t(unit));
    }
  }
  return clean;
}

}  // namespace agentreel
