// Streaming structural scan of OTLP/JSON (see otlp_scanner.h). A byte-at-a-time state machine with a
// stack of containers, each tagged with its role (document, resourceSpans element, ..., span), so
// span objects are found by position, not by parsing the whole document.
#include "readers/otlp/otlp_scanner.h"

#include <cstdio>

namespace agentreel {
namespace {

constexpr size_t kMaxKey = 64;      // longer keys match none we look for
constexpr size_t kMaxScalar = 512;  // a number or literal longer than this is not one we accept
constexpr size_t kMaxDepth = 4096;

bool is_delimiter(char c) {
  switch (c) {
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case ',':
    case ':':
    case '[':
    case ']':
    case '{':
    case '}':
    case '"': return true;
    default: return false;
  }
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// RFC 8259 number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size()) return false;
  if (s[i] == '0') {
    ++i;
  } else if (is_digit(s[i])) {
    while (i < s.size() && is_digit(s[i])) ++i;
  } else {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (i >= s.size() || !is_digit(s[i])) return false;
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i >= s.size() || !is_digit(s[i])) return false;
    while (i < s.size() && is_digit(s[i])) ++i;
  }
  return i == s.size();
}

std::string describe(char c) {
  if (c == '\n') return "a line end";
  const auto u = static_cast<unsigned char>(c);
  char text[16];
  if (u < 0x20 || u >= 0x7f) {
    std::snprintf(text, sizeof text, "byte 0x%02X", u);
  } else {
    std::snprintf(text, sizeof text, "'%c'", c);
  }
  return text;
}

std::string place(uint64_t line, uint64_t offset) {
  return "line " + std::to_string(line) + ", byte " + std::to_string(offset);
}

}  // namespace

bool OtlpScanner::feed(std::string_view chunk) {
  if (stopped_) return false;
  chunk_ = chunk;
  segment_begin_ = 0;
  index_ = 0;
  while (index_ < chunk.size()) {
    const char c = chunk[index_];
    if (resync_) {
      if (c == '\n') {
        at_line_start_ = true;
        advance();
        ++line_;
        continue;
      }
      if (!(at_line_start_ && (c == '{' || c == '['))) {
        at_line_start_ = false;
        advance();
        continue;
      }
      resync_ = false;  // c starts a new top-level value
    }
    if (!consume(c)) {
      stopped_ = true;
      chunk_ = {};
      return false;
    }
  }
  if (capturing_) append_capture(chunk.substr(segment_begin_));
  chunk_ = {};
  return true;
}

bool OtlpScanner::finish() {
  if (stopped_) return false;
  if (resync_ || (stack_.empty() && !in_string_)) return true;
  const char* expected = in_string_ ? "'\"'" : stack_.back().object ? "'}'" : "']'";
  std::string detail = "the input ends inside the JSON value that starts at " +
                       place(value_start_line_, value_start_offset_) + "; expected " + expected;
  if (capturing_) detail += " (the span object at " + place(capture_line_, capture_offset_) + " is cut)";
  // Cut on its own last line (a writer stopped mid-line) or cut across lines (a truncated document).
  const SkipReason reason = value_start_line_ == line_ ? SkipReason::partial_line : SkipReason::invalid_json;
  const uint64_t offset = value_start_offset_, line = value_start_line_;
  reset_structure();
  if (!events_.problem(reason, offset, line, std::move(detail))) {
    stopped_ = true;
    return false;
  }
  return true;
}

bool OtlpScanner::consume(char c) {
  if (in_string_) {
    if (!escape_ && unicode_digits_left_ == 0 && !string_is_key_) {
      // Fast path through a string value's ordinary bytes.
      size_t j = index_;
      while (j < chunk_.size()) {
        const char d = chunk_[j];
        if (d == '"' || d == '\\' || static_cast<unsigned char>(d) < 0x20) break;
        ++j;
      }
      offset_ += j - index_;
      index_ = j;
      if (j == chunk_.size()) return true;
      c = chunk_[j];
    }
    return string_byte(c);
  }
  if (in_scalar_) {
    if (!is_delimiter(c)) {
      if (scalar_.size() >= kMaxScalar) {
        return fail_at(SkipReason::invalid_json, scalar_offset_,
                       "expected a number, true, false or null, got a "
                       "bare token of more than 512 bytes");
      }
      scalar_.push_back(c);
      advance();
      return true;
    }
    in_scalar_ = false;
    if (!end_scalar()) return false;
    if (resync_) return true;  // c is looked at again while resynchronising
  }
  if (offset_ < 3 && offset_ == bom_matched_ && c == "\xEF\xBB\xBF"[offset_] && expect_ == Expect::top) {
    ++bom_matched_;  // a UTF-8 byte order mark before the first value
    advance();
    return true;
  }
  switch (c) {
    case ' ':
    case '\t':
    case '\r': advance(); return true;
    case '\n':
      if (line_mode_ == LineMode::one_per_line && !stack_.empty()) {
        return fail(SkipReason::invalid_json,
                    "the line ends inside a JSON value (this input holds one document per line); expected " +
                        std::string(stack_.back().object ? "'}'" : "']'"));
      }
      advance();
      ++line_;
      return true;
    case '{':
    case '[':
      if (expect_ != Expect::top && expect_ != Expect::value && expect_ != Expect::value_or_close) {
        return fail_here(expectation(), c);
      }
      return open_value(c);
    case '}':
    case ']': {
      const bool object = c == '}';
      if (stack_.empty() || stack_.back().object != object ||
          !(expect_ == Expect::comma_or_close ||
            (object ? expect_ == Expect::key_or_close : expect_ == Expect::value_or_close))) {
        return fail_here(expectation(), c);
      }
      return close_container();
    }
    case ',':
      if (expect_ != Expect::comma_or_close) return fail_here(expectation(), c);
      expect_ = stack_.back().object ? Expect::key : Expect::value;
      advance();
      return true;
    case ':':
      if (expect_ != Expect::colon) return fail_here(expectation(), c);
      expect_ = Expect::value;
      advance();
      return true;
    case '"':
      if (expect_ == Expect::key || expect_ == Expect::key_or_close) {
        string_is_key_ = true;
        key_.clear();
        key_overflow_ = false;
      } else if (expect_ == Expect::value || expect_ == Expect::value_or_close) {
        Role role = value_role();
        if (!check_role(role, c)) return false;
        string_is_key_ = false;
      } else {
        return fail_here(expectation(), c);
      }
      in_string_ = true;
      advance();
      return true;
    default:
      if (expect_ != Expect::value && expect_ != Expect::value_or_close) return fail_here(expectation(), c);
      Role role = value_role();
      if (!check_role(role, c)) return false;
      in_scalar_ = true;
      scalar_.assign(1, c);
      scalar_offset_ = offset_;
      advance();
      return true;
  }
}

bool OtlpScanner::string_byte(char c) {
  if (escape_) {
    escape_ = false;
    if (c == 'u') {
      unicode_digits_left_ = 4;
    } else if (c != '"' && c != '\\' && c != '/' && c != 'b' && c != 'f' && c != 'n' && c != 'r' && c != 't') {
      return fail_here("an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", c);
    }
  } else if (unicode_digits_left_ > 0) {
    if (!is_hex_digit(c)) return fail_here("a hex digit of a \\u escape", c);
    --unicode_digits_left_;
  } else if (c == '"') {
    in_string_ = false;
    advance();
    return string_is_key_ ? end_key() : end_value();
  } else if (c == '\\') {
    escape_ = true;
  } else if (static_cast<unsigned char>(c) < 0x20) {
    return fail_here("'\"' to end the string (control characters must be escaped)", c);
  }
  if (string_is_key_) {
    if (key_.size() < kMaxKey) {
      key_.push_back(c);
    } else {
      key_overflow_ = true;
    }
  }
  advance();
  return true;
}

OtlpScanner::Role OtlpScanner::value_role() const {
  if (stack_.empty()) return Role::other;  // decided by open_value
  const Frame& parent = stack_.back();
  if (parent.object) return parent.member_role;
  switch (parent.role) {
    case Role::documents: return Role::document;
    case Role::resource_spans_list: return Role::resource_spans;
    case Role::scope_spans_list: return Role::scope_spans;
    case Role::span_list: return Role::span;
    default: return Role::other;
  }
}

bool OtlpScanner::check_role(Role& role, char first) {
  bool want_object = false;
  const char* what = nullptr;
  switch (role) {
    case Role::document: want_object = true, what = "a TracesData object {\"resourceSpans\": [...]}"; break;
    case Role::resource_spans_list: what = "\"resourceSpans\" to be an array"; break;
    case Role::resource_spans: want_object = true, what = "each \"resourceSpans\" element to be an object"; break;
    case Role::scope_spans_list: what = "\"scopeSpans\" to be an array"; break;
    case Role::scope_spans: want_object = true, what = "each \"scopeSpans\" element to be an object"; break;
    case Role::span_list: what = "\"spans\" to be an array"; break;
    case Role::span: want_object = true, what = "each \"spans\" element to be a span object"; break;
    default: return true;
  }
  if (first == (want_object ? '{' : '[')) return true;
  if (!want_object && first == 'n') return true;  // null for a repeated field: empty
  role = Role::other;
  return events_.problem(SkipReason::wrong_type, offset_, line_,
                         std::string("expected ") + what + ", got " + describe(first) + where());
}

bool OtlpScanner::open_value(char c) {
  Role role = Role::other;
  if (stack_.empty()) {
    if (expect_ != Expect::top) return fail_here(expectation(), c);
    role = c == '{' ? Role::document : Role::documents;
    value_start_line_ = line_;
    value_start_offset_ = offset_;
  } else {
    role = value_role();
    if (!check_role(role, c)) return false;
  }
  if (stack_.size() >= kMaxDepth) return fail(SkipReason::invalid_json, "nesting deeper than 4096 levels");
  const bool object = c == '{';
  stack_.push_back({role, object, false, false, Role::other, offset_, line_});
  if (role == Role::span) {
    capturing_ = true;
    capture_depth_ = stack_.size();
    capture_offset_ = offset_;
    capture_line_ = line_;
    capture_length_ = 0;
    capture_dropped_ = false;
    capture_.clear();
    segment_begin_ = index_;
  }
  expect_ = object ? Expect::key_or_close : Expect::value_or_close;
  advance();
  return true;
}

bool OtlpScanner::close_container() {
  const Frame frame = stack_.back();
  advance();
  if (capturing_ && stack_.size() == capture_depth_) {
    capturing_ = false;
    append_capture(chunk_.substr(segment_begin_, index_ - segment_begin_));
    if (capture_dropped_) {
      if (!events_.problem(SkipReason::too_large, capture_offset_, capture_line_,
                           "span object of " + std::to_string(capture_length_) + " bytes exceeds the " +
                               std::to_string(max_span_bytes_) + "-byte record limit")) {
        return false;
      }
    } else if (!events_.span(capture_, capture_offset_, capture_line_)) {
      return false;
    }
    capture_.clear();
  }
  stack_.pop_back();
  if (frame.role == Role::document) {
    if (frame.has_keys && !frame.has_resource_spans) {
      if (!events_.problem(SkipReason::missing_field, frame.offset, frame.line,
                           "expected a \"resourceSpans\" array (an OTLP TracesData object); this document has "
                           "\"" +
                               first_document_key_ + "\" and no \"resourceSpans\"")) {
        return false;
      }
    }
    if (!events_.document_end()) return false;
  }
  return end_value();
}

bool OtlpScanner::end_key() {
  Frame& frame = stack_.back();
  frame.member_role = Role::other;
  expect_ = Expect::colon;
  const std::string_view key = key_overflow_ ? std::string_view() : std::string_view(key_);
  switch (frame.role) {
    case Role::document:
      if (!frame.has_keys) first_document_key_ = key_;
      frame.has_keys = true;
      if (key == "resourceSpans") {
        frame.member_role = Role::resource_spans_list;
        frame.has_resource_spans = true;
      }
      return events_.document_key(key);
    case Role::resource_spans:
      if (key == "scopeSpans" || key == "instrumentationLibrarySpans") frame.member_role = Role::scope_spans_list;
      return true;
    case Role::scope_spans:
      if (key == "spans") frame.member_role = Role::span_list;
      return true;
    default: return true;
  }
}

bool OtlpScanner::end_scalar() {
  if (scalar_ != "true" && scalar_ != "false" && scalar_ != "null" && !is_json_number(scalar_)) {
    return fail_at(SkipReason::invalid_json, scalar_offset_,
                   "expected a JSON value (object, array, string, number, true, false or null), got \"" +
                       scalar_.substr(0, 32) + "\"");
  }
  return end_value();
}

bool OtlpScanner::end_value() {
  if (stack_.empty()) {
    if (line_mode_ == LineMode::unknown) {
      line_mode_ = value_start_line_ == line_ ? LineMode::one_per_line : LineMode::multi_line;
    }
    expect_ = Expect::top;
  } else {
    expect_ = Expect::comma_or_close;
  }
  return true;
}

std::string OtlpScanner::expectation() const {
  switch (expect_) {
    case Expect::top: return "a JSON object or array at the top level";
    case Expect::value: return "a value";
    case Expect::value_or_close: return "a value or ']'";
    case Expect::key_or_close: return "'\"' (a key) or '}'";
    case Expect::key: return "'\"' (a key)";
    case Expect::colon: return "':'";
    case Expect::comma_or_close: return stack_.back().object ? "',' or '}'" : "',' or ']'";
  }
  return "valid JSON";
}

std::string OtlpScanner::where() const {
  if (capturing_) return " (in the span object at " + place(capture_line_, capture_offset_) + ")";
  if (!stack_.empty()) return " (in the JSON value at " + place(stack_.front().line, stack_.front().offset) + ")";
  return {};
}

bool OtlpScanner::fail_here(const std::string& expected, char c) {
  return fail(SkipReason::invalid_json, "expected " + expected + ", got " + describe(c));
}

bool OtlpScanner::fail(SkipReason reason, const std::string& detail) { return fail_at(reason, offset_, detail); }

bool OtlpScanner::fail_at(SkipReason reason, uint64_t offset, const std::string& detail) {
  std::string full = detail + where();
  reset_structure();
  resync_ = true;
  at_line_start_ = false;
  return events_.problem(reason, offset, line_, std::move(full));
}

void OtlpScanner::reset_structure() {
  stack_.clear();
  expect_ = Expect::top;
  in_string_ = in_scalar_ = escape_ = false;
  unicode_digits_left_ = 0;
  capturing_ = false;
  capture_.clear();
}

void OtlpScanner::append_capture(std::string_view bytes) {
  capture_length_ += bytes.size();
  if (capture_dropped_) return;
  if (capture_length_ > max_span_bytes_) {
    capture_dropped_ = true;
    std::string().swap(capture_);
    return;
  }
  capture_.append(bytes);
}

}  // namespace agentreel
