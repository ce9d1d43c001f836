// JavaScript ToNumber and for...of over JSON values (see js_coerce.h).
#include "policy/js_coerce.h"

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "policy/js_text.h"
#include "policy/json_stringify.h"

namespace agentreel::policy {
namespace {

double string_to_number(std::string_view text) {
  text = js_trim(text);
  if (text.empty()) return 0;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (text == "Infinity" || text == "+Infinity") return std::numeric_limits<double>::infinity();
  if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
  if (text.size() > 2 && text[0] == '0') {
    int base = 0;
    if (text[1] == 'x' || text[1] == 'X') base = 16;
    if (text[1] == 'o' || text[1] == 'O') base = 8;
    if (text[1] == 'b' || text[1] == 'B') base = 2;
    if (base != 0) {
      double value = 0;
      for (char c : text.substr(2)) {
        int digit = (c >= '0' && c <= '9')   ? c - '0'
                    : (c >= 'a' && c <= 'z') ? c - 'a' + 10
                    : (c >= 'A' && c <= 'Z') ? c - 'A' + 10
                                             : 99;
        if (digit >= base) return nan;
        value = value * base + digit;
      }
      return value;
    }
  }
  // StrDecimalLiteral: [+-] digits [. digits] [e[+-]digits], or [+-] . digits ...
  size_t at = 0;
  if (text[at] == '+' || text[at] == '-') ++at;
  size_t digits = 0;
  while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at, ++digits;
  if (at < text.size() && text[at] == '.') {
    ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at, ++digits;
  }
  if (digits == 0) return nan;
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '+' || text[at] == '-')) ++at;
    size_t exponent_digits = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at, ++exponent_digits;
    if (exponent_digits == 0) return nan;
  }
  if (at != text.size()) return nan;
  return std::strtod(std::string(text).c_str(), nullptr);
}

}  // namespace

double js_to_number(const JsonValue& value) {
  switch (value.kind()) {
    case JsonValue::Kind::null: return 0;
    case JsonValue::Kind::boolean: return value.as_bool() ? 1 : 0;
    case JsonValue::Kind::number: return value.as_number();
    case JsonValue::Kind::string: return string_to_number(value.as_string());
    case JsonValue::Kind::array: return string_to_number(js_to_string(value));
    case JsonValue::Kind::object: return std::numeric_limits<double>::quiet_NaN();
  }
  return 0;
}

std::optional<std::vector<JsonValue>> js_iterate(const JsonValue& value) {
  if (value.is_array()) return value.items();
  if (!value.is_string()) return std::nullopt;
  std::vector<JsonValue> characters;
  const std::string& text = value.as_string();
  for (size_t at = 0; at < text.size();) {
    const size_t start = at;
    decode_utf8(text, at);
    characters.push_back(JsonValue::string(text.substr(start, at - start)));
  }
  return characters;
}

}  // namespace agentreel::policy
