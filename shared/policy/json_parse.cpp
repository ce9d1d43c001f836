// JSON.parse semantics (see json_parse.h): a recursive-descent parser that tracks its byte offset so every
// error can say where it stopped. Depends on core/status and json_value only.
#include "policy/json_parse.h"

#include <cstdio>
#include <cstdlib>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <string>

#include "policy/js_text.h"

namespace agentreel::policy {
namespace {

class Parser {
 public:
  Parser(std::string_view text, std::string_view source) : text_(text), source_(source) {}

  Result<JsonValue> parse_document() {
    skip_whitespace();
    JsonValue value;
    if (!parse_value(value, 0)) return error_;
    skip_whitespace();
    if (at_ < text_.size()) return fail("expected the end of the input after the JSON value");
    return value;
  }

 private:
  bool parse_value(JsonValue& out, int depth) {
    if (at_ >= text_.size()) return fail_bool("expected a JSON value");
    switch (text_[at_]) {
      case '{': return parse_object(out, depth + 1);
      case '[': return parse_array(out, depth + 1);
      case '"': {
        std::string text;
        if (!parse_string(text)) return false;
        out = JsonValue::string(std::move(text));
        return true;
      }
      case 't': return parse_literal("true", JsonValue::boolean(true), out);
      case 'f': return parse_literal("false", JsonValue::boolean(false), out);
      case 'n': return parse_literal("null", JsonValue(), out);
      default:
        if (text_[at_] == '-' || (text_[at_] >= '0' && text_[at_] <= '9')) return parse_number(out);
        return fail_bool("expected a JSON value (object, array, string, number, true, false or null)");
    }
  }

  bool parse_object(JsonValue& out, int depth) {
    if (depth > kMaxJsonDepth) return fail_bool("expected nesting no deeper than 512 levels");
    ++at_;  // '{'
    std::vector<JsonMember> members;
    skip_whitespace();
    if (peek('}')) {
      ++at_;
      out = JsonValue::object();
      return true;
    }
    while (true) {
      skip_whitespace();
      if (!peek('"')) return fail_bool("expected a string key in double quotes");
      JsonMember member;
      if (!parse_string(member.key)) return false;
      skip_whitespace();
      if (!peek(':')) return fail_bool("expected ':' after an object key");
      ++at_;
      skip_whitespace();
      if (!parse_value(member.value, depth)) return false;
      members.push_back(std::move(member));
      skip_whitespace();
      if (peek(',')) {
        ++at_;
        continue;
      }
      if (peek('}')) {
        ++at_;
        break;
      }
      return fail_bool("expected ',' or '}' after an object member");
    }
    out = JsonValue::object(std::move(members));
    return true;
  }

  bool parse_array(JsonValue& out, int depth) {
    if (depth > kMaxJsonDepth) return fail_bool("expected nesting no deeper than 512 levels");
    ++at_;  // '['
    std::vector<JsonValue> items;
    skip_whitespace();
    if (peek(']')) {
      ++at_;
      out = JsonValue::array();
      return true;
    }
    while (true) {
      skip_whitespace();
      items.emplace_back();
      if (!parse_value(items.back(), depth)) return false;
      skip_whitespace();
      if (peek(',')) {
        ++at_;
        continue;
      }
      if (peek(']')) {
        ++at_;
        break;
      }
      return fail_bool("expected ',' or ']' after an array element");
    }
    out = JsonValue::array(std::move(items));
    return true;
  }

  bool parse_literal(std::string_view word, JsonValue value, JsonValue& out) {
    if (text_.substr(at_, word.size()) != word) {
      return fail_bool("expected a JSON value (object, array, string, number, true, false or null)");
    }
    at_ += word.size();
    out = std::move(value);
    return true;
  }

  bool parse_number(JsonValue& out) {
    const size_t start = at_;
    if (peek('-')) ++at_;
    if (peek('0')) {
      ++at_;
    } else if (at_ < text_.size() && text_[at_] >= '1' && text_[at_] <= '9') {
      skip_digits();
    } else {
      return fail_bool("expected a digit in the number");
    }
    if (peek('.')) {
      ++at_;
      if (!is_digit()) return fail_bool("expected a digit after the decimal point");
      skip_digits();
    }
    if (peek('e') || peek('E')) {
      ++at_;
      if (peek('+') || peek('-')) ++at_;
      if (!is_digit()) return fail_bool("expected a digit in the exponent");
      skip_digits();
    }
    // strtod needs a terminated copy; the grammar above already checked the text, and the "C" locale's '.' is
    // the only decimal point it can contain.
    const std::string digits(text_.substr(start, at_ - start));
    out = JsonValue::number(std::strtod(digits.c_str(), nullptr));
    return true;
  }

  bool parse_string(std::string& out) {
    ++at_;  // opening quote
    while (true) {
      // Copy the run of plain ASCII in one go.
      const size_t run = plain_ascii_end(at_);
      out.append(text_.data() + at_, run - at_);
      at_ = run;
      if (at_ >= text_.size()) return fail_bool("expected '\"' to close the string");
      const unsigned char c = static_cast<unsigned char>(text_[at_]);
      if (c == '"') {
        ++at_;
        return true;
      }
      if (c < 0x20) return fail_bool("expected no raw control character in a string (escape it)");
      if (c >= 0x80) {
        append_utf8_or_replacement(out);
        continue;
      }
      if (!parse_escape(out)) return false;
    }
  }

  bool parse_escape(std::string& out) {
    ++at_;  // backslash
    if (at_ >= text_.size()) return fail_bool("expected an escape character after '\\'");
    const char c = text_[at_++];
    switch (c) {
      case '"':
      case '\\':
      case '/': out.push_back(c); return true;
      case 'b': out.push_back('\b'); return true;
      case 'f': out.push_back('\f'); return true;
      case 'n': out.push_back('\n'); return true;
      case 'r': out.push_back('\r'); return true;
      case 't': out.push_back('\t'); return true;
      case 'u': {
        uint32_t unit = 0;
        if (!read_hex4(unit)) return false;
        // A high surrogate directly followed by an escaped low one is one character; anything else stays a lone
        // surrogate, as in a JavaScript string.
        if (unit >= 0xd800 && unit <= 0xdbff && text_.substr(at_, 2) == "\\u") {
          const size_t save = at_;
          at_ += 2;
          uint32_t low = 0;
          if (!read_hex4(low)) return false;
          if (low >= 0xdc00 && low <= 0xdfff) {
            append_utf8(out, 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
            return true;
          }
          at_ = save;
        }
        append_utf8(out, unit);
        return true;
      }
      default: --at_; return fail_bool("expected one of \" \\ / b f n r t u after '\\'");
    }
  }

  bool read_hex4(uint32_t& value) {
    value = 0;
    for (int i = 0; i < 4; ++i) {
      if (at_ >= text_.size()) return fail_bool("expected 4 hex digits after '\\u'");
      const char c = text_[at_];
      uint32_t digit;
      if (c >= '0' && c <= '9') {
        digit = static_cast<uint32_t>(c - '0');
      } else if (c >= 'a' && c <= 'f') {
        digit = static_cast<uint32_t>(c - 'a' + 10);
      } else if (c >= 'A' && c <= 'F') {
        digit = static_cast<uint32_t>(c - 'A' + 10);
      } else {
        return fail_bool("expected 4 hex digits after '\\u'");
      }
      value = value * 16 + digit;
      ++at_;
    }
    return true;
  }

  // One UTF-8 sequence starting at a byte >= 0x80: copied when well-formed, otherwise its maximal ill-formed
  // prefix becomes one U+FFFD (the WHATWG decoder Node uses for stdin and readFileSync(..., "utf8")).
  void append_utf8_or_replacement(std::string& out) {
    const auto byte = [&](size_t i) { return i < text_.size() ? static_cast<unsigned char>(text_[i]) : 0u; };
    const unsigned lead = byte(at_);
    size_t length = 0;
    unsigned low = 0x80, high = 0xbf;  // range of the second byte
    if (lead >= 0xc2 && lead <= 0xdf) {
      length = 2;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead == 0xe0) low = 0xa0;
      if (lead == 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead == 0xf0) low = 0x90;
      if (lead == 0xf4) high = 0x8f;
    }
    if (length == 0) {
      out.append("\xef\xbf\xbd");
      ++at_;
      return;
    }
    size_t i = 1;
    for (; i < length; ++i) {
      const unsigned next = byte(at_ + i);
      const unsigned lo = i == 1 ? low : 0x80;
      const unsigned hi = i == 1 ? high : 0xbf;
      if (next < lo || next > hi) break;
    }
    if (i == length) {
      out.append(text_.data() + at_, length);
    } else {
      out.append("\xef\xbf\xbd");
    }
    at_ += i;
  }

  // The end of the run of bytes from `from` that a string copies as they are (printable ASCII but '"' and '\\').
  // Tool outputs are long such runs, so this takes 16 bytes per step where SSE2 exists.
  size_t plain_ascii_end(size_t from) const {
    const size_t size = text_.size();
    size_t i = from;
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i space = _mm_set1_epi8(0x20);
    for (; i + 16 <= size; i += 16) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text_.data() + i));
      // Signed compare: bytes >= 0x80 are negative, so "< 0x20" also catches them.
      const __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)),
                                        _mm_cmplt_epi8(chunk, space));
      const int mask = _mm_movemask_epi8(stop);
      if (mask != 0) return i + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
    }
#endif
    for (; i < size; ++i) {
      const unsigned char c = static_cast<unsigned char>(text_[i]);
      if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
    }
    return i;
  }

  void skip_whitespace() {
    while (at_ < text_.size()) {
      const char c = text_[at_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++at_;
    }
  }
  void skip_digits() {
    while (is_digit()) ++at_;
  }
  bool is_digit() const { return at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9'; }
  bool peek(char c) const { return at_ < text_.size() && text_[at_] == c; }

  std::string found() const {
    if (at_ >= text_.size()) return "the end of the input";
    const unsigned char c = static_cast<unsigned char>(text_[at_]);
    if (at_ == 0 && text_.substr(0, 3) == "\xef\xbb\xbf") return "a UTF-8 byte order mark";
    char buffer[16];
    if (c >= 0x20 && c < 0x7f) {
      std::snprintf(buffer, sizeof buffer, "'%c'", c);
    } else {
      std::snprintf(buffer, sizeof buffer, "byte 0x%02x", c);
    }
    return buffer;
  }

  Status fail(std::string_view expected) {
    record_error(expected);
    return error_;
  }
  bool fail_bool(std::string_view expected) {
    record_error(expected);
    return false;
  }
  void record_error(std::string_view expected) {
    size_t line = 1;
    for (size_t i = 0; i < at_ && i < text_.size(); ++i) line += text_[i] == '\n';
    error_ = Status(ErrorCode::malformed_record, std::string(source_) + ":" + std::to_string(line) + ": byte " +
                                                     std::to_string(at_) + ": " + std::string(expected) + ", found " +
                                                     found());
  }

  std::string_view text_;
  std::string_view source_;
  size_t at_ = 0;
  Status error_;
};

}  // namespace

Result<JsonValue> parse_json(std::string_view text, std::string_view source_name) {
  return Parser(text, source_name).parse_document();
}

}  // namespace agentreel::policy
