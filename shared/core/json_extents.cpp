// JSON value extents and syntax-error location (see json_extents.h). Iterative: no recursion, so a
// deeply nested input cannot exhaust the stack.
#include "core/json_extents.h"

#include <algorithm>

namespace agentreel::json_extents {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// One past the closing quote of the string whose opening quote is at `pos`; kNpos if unterminated.
size_t string_end(std::string_view text, size_t pos) {
  for (size_t i = pos + 1; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    }
  }
  return kNpos;
}

// Length of the UTF-8 sequence at `pos` (1..4), or 0 if it is not well-formed UTF-8.
size_t utf8_length(std::string_view text, size_t pos) {
  const auto byte = [&](size_t i) { return i < text.size() ? uint8_t(text[i]) : uint8_t(0); };
  const auto cont = [&](size_t i) { return (byte(i) & 0xC0) == 0x80; };
  const uint8_t b0 = byte(pos);
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(pos + 1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    const uint8_t b1 = byte(pos + 1);
    const bool ok1 = b0 == 0xE0 ? (b1 >= 0xA0 && b1 <= 0xBF) : b0 == 0xED ? (b1 >= 0x80 && b1 <= 0x9F) : cont(pos + 1);
    return ok1 && cont(pos + 2) ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    const uint8_t b1 = byte(pos + 1);
    const bool ok1 = b0 == 0xF0 ? (b1 >= 0x90 && b1 <= 0xBF) : b0 == 0xF4 ? (b1 >= 0x80 && b1 <= 0x8F) : cont(pos + 1);
    return ok1 && cont(pos + 2) && cont(pos + 3) ? 4 : 0;
  }
  return 0;
}

// Checks the string at `pos` (opening quote); returns one past its end or records an error.
size_t check_string(std::string_view text, size_t pos, std::optional<SyntaxError>& error) {
  size_t i = pos + 1;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '"') return i + 1;
    if (uint8_t(c) < 0x20) {
      error = SyntaxError{i, "a control character must be escaped inside a string (expected \\u00XX)"};
      return kNpos;
    }
    if (c == '\\') {
      const char next = i + 1 < text.size() ? text[i + 1] : '\0';
      if (next == 'u') {
        for (size_t k = i + 2; k < i + 6; ++k) {
          if (k >= text.size() || !is_hex(text[k])) {
            error = SyntaxError{std::min(k, text.size()), "expected 4 hex digits after \\u"};
            return kNpos;
          }
        }
        i += 6;
      } else if (next == '"' || next == '\\' || next == '/' || next == 'b' || next == 'f' || next == 'n' ||
                 next == 'r' || next == 't') {
        i += 2;
      } else {
        error = SyntaxError{i, "expected an escape sequence (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"};
        return kNpos;
      }
      continue;
    }
    const size_t length = utf8_length(text, i);
    if (length == 0) {
      error = SyntaxError{i, "expected UTF-8 text inside a string"};
      return kNpos;
    }
    i += length;
  }
  error = SyntaxError{text.size(), "the document ends inside a string (expected a closing '\"')"};
  return kNpos;
}

size_t check_number(std::string_view text, size_t pos, std::optional<SyntaxError>& error) {
  size_t i = pos;
  const auto at = [&](size_t k) { return k < text.size() ? text[k] : '\0'; };
  if (at(i) == '-') ++i;
  if (at(i) == '0') {
    ++i;
  } else if (is_digit(at(i))) {
    while (is_digit(at(i))) ++i;
  } else {
    error = SyntaxError{i, "expected a digit in a number"};
    return kNpos;
  }
  if (at(i) == '.') {
    ++i;
    if (!is_digit(at(i))) {
      error = SyntaxError{i, "expected a digit after the decimal point"};
      return kNpos;
    }
    while (is_digit(at(i))) ++i;
  }
  if (at(i) == 'e' || at(i) == 'E') {
    ++i;
    if (at(i) == '+' || at(i) == '-') ++i;
    if (!is_digit(at(i))) {
      error = SyntaxError{i, "expected a digit in the exponent"};
      return kNpos;
    }
    while (is_digit(at(i))) ++i;
  }
  return i;
}

}  // namespace

size_t skip_whitespace(std::string_view text, size_t pos) {
  while (pos < text.size() && is_space(text[pos])) ++pos;
  return pos;
}

size_t value_end(std::string_view text, size_t pos) {
  pos = skip_whitespace(text, pos);
  if (pos >= text.size()) return kNpos;
  const char first = text[pos];
  if (first == '"') return string_end(text, pos);
  if (first != '{' && first != '[') {
    // A scalar: runs to the next delimiter. At the end of the text it may be cut short, but a
    // scalar at the end of a complete document is complete, so accept it.
    size_t i = pos;
    while (i < text.size() && !is_space(text[i]) && text[i] != ',' && text[i] != '}' && text[i] != ']') ++i;
    return i;
  }
  size_t depth = 0;
  for (size_t i = pos; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      const size_t end = string_end(text, i);
      if (end == kNpos) return kNpos;
      i = end - 1;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
  }
  return kNpos;
}

std::vector<Member> object_members(std::string_view text, size_t pos) {
  std::vector<Member> members;
  pos = skip_whitespace(text, pos);
  if (pos >= text.size() || text[pos] != '{') return members;
  ++pos;
  while (true) {
    pos = skip_whitespace(text, pos);
    if (pos >= text.size() || text[pos] != '"') return members;  // '}' or truncated
    const size_t key_end = string_end(text, pos);
    if (key_end == kNpos) return members;
    const std::string_view key = text.substr(pos + 1, key_end - pos - 2);
    pos = skip_whitespace(text, key_end);
    if (pos >= text.size() || text[pos] != ':') return members;
    const size_t value_begin = skip_whitespace(text, pos + 1);
    if (value_begin >= text.size()) return members;
    const size_t end = value_end(text, value_begin);
    members.push_back({key, {value_begin, end}});
    if (end == kNpos) return members;
    pos = skip_whitespace(text, end);
    if (pos >= text.size() || text[pos] != ',') return members;
    ++pos;
  }
}

std::vector<Extent> array_elements(std::string_view text, size_t pos) {
  std::vector<Extent> elements;
  pos = skip_whitespace(text, pos);
  if (pos >= text.size() || text[pos] != '[') return elements;
  ++pos;
  while (true) {
    pos = skip_whitespace(text, pos);
    if (pos >= text.size() || text[pos] == ']') return elements;
    const size_t end = value_end(text, pos);
    elements.push_back({pos, end});
    if (end == kNpos) return elements;
    pos = skip_whitespace(text, end);
    if (pos >= text.size() || text[pos] != ',') return elements;
    ++pos;
  }
}

const Member* find_member(const std::vector<Member>& members, std::string_view key) {
  for (const Member& member : members) {
    if (member.key == key) return &member;
  }
  return nullptr;
}

std::optional<SyntaxError> find_syntax_error(std::string_view text) {
  enum class Want { value, value_or_close, key, key_or_close, colon, comma_or_close, end };
  std::vector<char> stack;  // open containers, '{' or '['
  std::optional<SyntaxError> error;
  Want want = Want::value;
  size_t pos = 0;
  const auto after_value = [&] { return stack.empty() ? Want::end : Want::comma_or_close; };
  while (true) {
    pos = skip_whitespace(text, pos);
    if (pos >= text.size()) {
      if (want == Want::end) return std::nullopt;
      const char* what = want == Want::colon            ? "':'"
                         : want == Want::comma_or_close ? (stack.back() == '{' ? "',' or '}'" : "',' or ']'")
                         : want == Want::key || want == Want::key_or_close ? "a string key"
                                                                           : "a value";
      return SyntaxError{text.size(), std::string("the document ends early (expected ") + what + ")"};
    }
    const char c = text[pos];
    switch (want) {
      case Want::end: return SyntaxError{pos, "expected the end of the document after the top-level value"};
      case Want::colon:
        if (c != ':') return SyntaxError{pos, "expected ':' after an object key"};
        ++pos;
        want = Want::value;
        continue;
      case Want::comma_or_close: {
        const char close = stack.back() == '{' ? '}' : ']';
        if (c == ',') {
          ++pos;
          want = stack.back() == '{' ? Want::key : Want::value;
        } else if (c == close) {
          stack.pop_back();
          ++pos;
          want = after_value();
        } else {
          return SyntaxError{pos,
                             close == '}' ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array"};
        }
        continue;
      }
      case Want::key_or_close:
      case Want::key:
        if (want == Want::key_or_close && c == '}') {
          stack.pop_back();
          ++pos;
          want = after_value();
          continue;
        }
        if (c != '"') return SyntaxError{pos, "expected a string key in an object"};
        pos = check_string(text, pos, error);
        if (error) return error;
        want = Want::colon;
        continue;
      case Want::value_or_close:
      case Want::value:
        if (want == Want::value_or_close && c == ']') {
          stack.pop_back();
          ++pos;
          want = after_value();
          continue;
        }
        if (c == '{' || c == '[') {
          stack.push_back(c);
          ++pos;
          want = c == '{' ? Want::key_or_close : Want::value_or_close;
          continue;
        }
        if (c == '"') {
          pos = check_string(text, pos, error);
        } else if (c == '-' || is_digit(c)) {
          pos = check_number(text, pos, error);
        } else if (c == 't' || c == 'f' || c == 'n') {
          const std::string_view literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
          if (text.substr(pos, literal.size()) != literal) {
            return SyntaxError{pos, "expected true, false or null"};
          }
          pos += literal.size();
        } else {
          return SyntaxError{pos, "expected a value (object, array, string, number, true, false or null)"};
        }
        if (error) return error;
        want = after_value();
        continue;
    }
  }
}

uint64_t line_of(std::string_view text, size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + uint64_t(std::count(text.begin(), text.begin() + std::ptrdiff_t(offset), '\n'));
}

}  // namespace agentreel::json_extents
