// JSON.stringify, Number.prototype.toString and String() (see json_stringify.h). Depends on json_value only.
#include "policy/json_stringify.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace agentreel::policy {
namespace {

// The shortest decimal digits that read back as `value` (value > 0, finite), and the exponent n such that the
// value is 0.DIGITS x 10^n: ECMAScript's Number::toString steps 5-6. printf's %.*e rounds correctly, so the
// first precision that round-trips gives the shortest, closest digits.
void shortest_digits(double value, std::string& digits, int& n) {
  char buffer[40];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*e", precision - 1, value);
    if (precision == 17 || std::strtod(buffer, nullptr) == value) break;
  }
  // buffer is "d.ddde±XX" or "de±XX".
  const char* e = std::strchr(buffer, 'e');
  digits.clear();
  for (const char* p = buffer; p < e; ++p) {
    if (*p != '.') digits.push_back(*p);
  }
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  n = std::atoi(e + 1) + 1;
}

}  // namespace

std::string js_number_to_string(double value) {
  if (std::isnan(value)) return "NaN";
  if (value == 0) return "0";  // also -0
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  std::string out;
  if (value < 0) {
    out.push_back('-');
    value = -value;
  }
  // Integers below 2^53 print as themselves; the common case, done without printf.
  if (value < 9007199254740992.0 && value == std::floor(value)) {
    out += std::to_string(static_cast<unsigned long long>(value));
    return out;
  }
  std::string digits;
  int n = 0;
  shortest_digits(value, digits, n);
  const int k = static_cast<int>(digits.size());
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, static_cast<size_t>(n));
    out.push_back('.');
    out += digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-n), '0');
    out += digits;
  } else {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out += digits.substr(1);
    }
    out.push_back('e');
    out.push_back(n - 1 >= 0 ? '+' : '-');
    out += std::to_string(std::abs(n - 1));
  }
  return out;
}

namespace {

// Bytes JSON.stringify does not copy as they are: control characters, '"', '\\', and 0xED (which may start a
// lone surrogate's WTF-8 form). A table keeps the scan over long tool outputs to one load and test per byte.
struct EscapeTable {
  bool special[256] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c) special[c] = true;
    special[static_cast<unsigned char>('"')] = true;
    special[static_cast<unsigned char>('\\')] = true;
    special[0xed] = true;
  }
};
constexpr EscapeTable kEscapes;

// Index of the first byte at or after `from` that JSON.stringify does not copy as is, or `size`. Tool outputs are
// long runs of plain text, so this skips 16 bytes per step where SSE2 exists (x86-64; the wasm build uses the
// scalar loop).
size_t next_special_byte(const unsigned char* bytes, size_t from, size_t size) {
  size_t i = from;
#if defined(__SSE2__)
  const __m128i control_max = _mm_set1_epi8(0x1f);
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i surrogate_lead = _mm_set1_epi8(static_cast<char>(0xed));
  for (; i + 16 <= size; i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i));
    // unsigned chunk <= 0x1f  <=>  max(chunk, 0x1f) == 0x1f
    const __m128i special = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(_mm_max_epu8(chunk, control_max), control_max), _mm_cmpeq_epi8(chunk, quote)),
        _mm_or_si128(_mm_cmpeq_epi8(chunk, backslash), _mm_cmpeq_epi8(chunk, surrogate_lead)));
    const int mask = _mm_movemask_epi8(special);
    if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  for (; i < size; ++i) {
    if (kEscapes.special[bytes[i]]) return i;
  }
  return size;
}

}  // namespace

void json_quote_append(std::string_view text, std::string& out) {
  static const char kHex[] = "0123456789abcdef";
  out.push_back('"');
  const unsigned char* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t plain_start = 0;
  for (size_t i = next_special_byte(bytes, 0, size); i < size; i = next_special_byte(bytes, i + 1, size)) {
    const unsigned char c = bytes[i];
    if (c == 0xed) {
      // ED A0..BF xx is a lone surrogate kept as WTF-8: JSON.stringify writes it as \udxxx. (ED 80..9F is an
      // ordinary character, copied.)
      if (i + 2 < size && bytes[i + 1] >= 0xa0) {
        out.append(text.data() + plain_start, i - plain_start);
        const unsigned unit = 0xd000u | ((bytes[i + 1] & 0x3fu) << 6) | (bytes[i + 2] & 0x3fu);
        out += "\\u";
        for (int shift = 12; shift >= 0; shift -= 4) out.push_back(kHex[(unit >> shift) & 0xf]);
        i += 2;
        plain_start = i + 1;
      }
      continue;
    }
    out.append(text.data() + plain_start, i - plain_start);
    plain_start = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xf]);
    }
  }
  out.append(text.data() + plain_start, size - plain_start);
  out.push_back('"');
}

size_t json_stringify_size_bound(const JsonValue& value) {
  switch (value.kind()) {
    case JsonValue::Kind::null:
    case JsonValue::Kind::boolean: return 5;
    case JsonValue::Kind::number: return 25;  // the longest shortest-round-trip form, e.g. "-1.2345678901234567e-308"
    case JsonValue::Kind::string:
      return 6 * value.as_string().size() + 2;  // "\u00xx" is the longest escape of one byte
    case JsonValue::Kind::array: {
      size_t size = 2;
      for (const JsonValue& item : value.items()) size += json_stringify_size_bound(item) + 1;
      return size;
    }
    case JsonValue::Kind::object: {
      size_t size = 2;
      for (const JsonMember& member : value.members()) {
        size += 6 * member.key.size() + 4 + json_stringify_size_bound(member.value);
      }
      return size;
    }
  }
  return 0;
}

void json_stringify_append(const JsonValue& value, std::string& out) {
  switch (value.kind()) {
    case JsonValue::Kind::null: out += "null"; return;
    case JsonValue::Kind::boolean: out += value.as_bool() ? "true" : "false"; return;
    case JsonValue::Kind::number:
      out += std::isfinite(value.as_number()) ? js_number_to_string(value.as_number()) : "null";
      return;
    case JsonValue::Kind::string: json_quote_append(value.as_string(), out); return;
    case JsonValue::Kind::array: {
      out.push_back('[');
      bool first = true;
      for (const JsonValue& item : value.items()) {
        if (!first) out.push_back(',');
        first = false;
        json_stringify_append(item, out);
      }
      out.push_back(']');
      return;
    }
    case JsonValue::Kind::object: {
      out.push_back('{');
      bool first = true;
      for (const JsonMember& member : value.members()) {
        if (!first) out.push_back(',');
        first = false;
        json_quote_append(member.key, out);
        out.push_back(':');
        json_stringify_append(member.value, out);
      }
      out.push_back('}');
      return;
    }
  }
}

std::string json_stringify(const JsonValue& value) {
  std::string out;
  json_stringify_append(value, out);
  return out;
}

std::string js_to_string(const JsonValue& value) {
  switch (value.kind()) {
    case JsonValue::Kind::null: return "null";
    case JsonValue::Kind::boolean: return value.as_bool() ? "true" : "false";
    case JsonValue::Kind::number: return js_number_to_string(value.as_number());
    case JsonValue::Kind::string: return value.as_string();
    case JsonValue::Kind::array: {
      // Array.prototype.join: null and undefined elements become empty.
      std::string out;
      bool first = true;
      for (const JsonValue& item : value.items()) {
        if (!first) out.push_back(',');
        first = false;
        if (!item.is_null()) out += js_to_string(item);
      }
      return out;
    }
    case JsonValue::Kind::object: return "[object Object]";
  }
  return {};
}

}  // namespace agentreel::policy
