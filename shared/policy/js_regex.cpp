// JsRegex over PCRE2's 8-bit library (see js_regex.h). Natively the pattern is JIT-compiled when the library
// supports it; the WebAssembly build has no JIT and uses the interpreter.
#include "policy/js_regex.h"

#include <algorithm>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "policy/js_regex_translate.h"

namespace agentreel::policy {

struct JsRegex::Code {
  pcre2_code* code = nullptr;
  ~Code() { pcre2_code_free(code); }
};

namespace {

// One match-data block per thread, large enough for every pattern the policies use (at most a few groups);
// pcre2_match fills what fits, so more groups only lose their offsets.
constexpr uint32_t kMaxGroups = 15;

pcre2_match_data* thread_match_data() {
  struct Holder {
    pcre2_match_data* data = pcre2_match_data_create(kMaxGroups + 1, nullptr);
    ~Holder() { pcre2_match_data_free(data); }
  };
  thread_local Holder holder;
  return holder.data;
}

int run_match(const pcre2_code* code, std::string_view subject, size_t start) {
  return pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), start, 0, thread_match_data(),
                     nullptr);
}

}  // namespace

Result<JsRegex> JsRegex::compile(std::string_view source, bool ignore_case) {
  auto translated = translate_js_regex(source, ignore_case);
  if (!translated.is_ok()) return translated.status();
  JsRegex regex;
  regex.source_ = std::string(source);
  regex.pattern_ = translated.take();
  regex.required_ = required_literal(source);
  regex.ignore_case_ = ignore_case;
  if (ignore_case) {
    for (char& c : regex.required_) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
  for (char c : regex.required_) {
    if (regex.required_bytes_.find(c) == std::string::npos) regex.required_bytes_.push_back(c);
  }
  int error_code = 0;
  PCRE2_SIZE error_offset = 0;
  const uint32_t options =
      PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_DOLLAR_ENDONLY | PCRE2_MATCH_UNSET_BACKREF | PCRE2_NEVER_BACKSLASH_C;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(regex.pattern_.data()), regex.pattern_.size(), options,
                                   &error_code, &error_offset, nullptr);
  if (code == nullptr) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error_code, message, sizeof message);
    return Status(ErrorCode::invalid_argument,
                  "invalid regular expression /" + regex.source_ + "/: " + reinterpret_cast<const char*>(message));
  }
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // fails harmlessly where there is no JIT (wasm)
  auto holder = std::make_shared<Code>();
  holder->code = code;
  regex.code_ = std::move(holder);
  return regex;
}

bool JsRegex::may_match(std::string_view subject) const {
  if (required_.empty()) return true;
  if (!ignore_case_) return subject.find(required_) != std::string_view::npos;
  // ASCII case-insensitive search (the i flag folds ASCII letters only): memchr to each candidate first character
  // in either case, then compare the rest.
  const auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  const size_t n = required_.size();
  if (subject.size() < n) return false;
  const char first_lower = required_[0];
  const char first_upper =
      (first_lower >= 'a' && first_lower <= 'z') ? static_cast<char>(first_lower - 32) : first_lower;
  const size_t last_start = subject.size() - n;
  size_t next_lower = subject.find(first_lower);
  size_t next_upper = first_upper == first_lower ? std::string_view::npos : subject.find(first_upper);
  while (true) {
    const size_t at = std::min(next_lower, next_upper);
    if (at == std::string_view::npos || at > last_start) return false;
    size_t k = 1;
    while (k < n && lower(subject[at + k]) == required_[k]) ++k;
    if (k == n) return true;
    if (at == next_lower) next_lower = subject.find(first_lower, at + 1);
    if (at == next_upper) next_upper = subject.find(first_upper, at + 1);
  }
}

bool JsRegex::test(std::string_view subject, const BytePresence& presence) const {
  for (char c : required_bytes_) {
    const unsigned char byte = static_cast<unsigned char>(c);
    const bool letter = ignore_case_ && byte >= 'a' && byte <= 'z';
    if (!presence.has(byte) && !(letter && presence.has(static_cast<unsigned char>(byte - 32)))) return false;
  }
  return test(subject);
}

bool JsRegex::test(std::string_view subject) const {
  return code_ && may_match(subject) && run_match(code_->code, subject, 0) > 0;
}

bool JsRegex::exec(std::string_view subject, size_t start, RegexMatch& match) const {
  if (!code_ || start > subject.size() || !may_match(subject.substr(start))) return false;
  const int result = run_match(code_->code, subject, start);
  if (result <= 0) return false;
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(thread_match_data());
  match.begin = ovector[0];
  match.end = ovector[1];
  uint32_t capture_count = 0;
  pcre2_pattern_info(code_->code, PCRE2_INFO_CAPTURECOUNT, &capture_count);
  if (capture_count > kMaxGroups) capture_count = kMaxGroups;
  match.groups.assign(capture_count, {RegexMatch::npos, RegexMatch::npos});
  for (uint32_t i = 1; i <= capture_count && static_cast<int>(i) < result; ++i) {
    if (ovector[2 * i] != PCRE2_UNSET) match.groups[i - 1] = {ovector[2 * i], ovector[2 * i + 1]};
  }
  return true;
}

std::string js_regex_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '.':
      case '*':
      case '+':
      case '?':
      case '^':
      case '$':
      case '{':
      case '}':
      case '(':
      case ')':
      case '|':
      case '[':
      case ']':
      case '\\': out.push_back('\\'); break;
      default: break;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace agentreel::policy
