// A JavaScript RegExp compiled once into PCRE2 (UTF mode, no Unicode properties, $ at the very end only, unset
// backreferences matching empty) through js_regex_translate.h, and matched many times. Copyable and immutable;
// matching is safe from several threads. This file and its .cpp are the only users of PCRE2.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace agentreel::policy {

// Where a match and its capturing groups lie in the subject (byte offsets; npos for a group that did not take
// part).
struct RegexMatch {
  static constexpr size_t npos = static_cast<size_t>(-1);
  size_t begin = 0;
  size_t end = 0;
  std::vector<std::pair<size_t, size_t>> groups;  // group 1 is groups[0]

  std::string_view group(std::string_view subject, size_t number) const {
    if (number == 0) return subject.substr(begin, end - begin);
    if (number > groups.size() || groups[number - 1].first == npos) return {};
    return subject.substr(groups[number - 1].first, groups[number - 1].second - groups[number - 1].first);
  }
  bool has_group(size_t number) const { return number <= groups.size() && groups[number - 1].first != npos; }
};

// Which byte values occur in a text: a 256-bit set, computed once per subject so that every regex given it can
// reject the subject without scanning when a byte its required literal needs is missing.
struct BytePresence {
  uint64_t bits[4] = {0, 0, 0, 0};
  static BytePresence of(std::string_view text) {
    BytePresence presence;
    for (unsigned char c : text) presence.bits[c >> 6] |= uint64_t{1} << (c & 63);
    return presence;
  }
  bool has(unsigned char c) const { return (bits[c >> 6] >> (c & 63)) & 1; }
};

class JsRegex {
 public:
  // `source` is the text between the slashes of a JavaScript regex literal (or the argument of new RegExp()).
  static Result<JsRegex> compile(std::string_view source, bool ignore_case = false);

  // RegExp.prototype.test on a non-global regex: is there a match anywhere? The subject should be well-formed
  // UTF-8 (see replace_lone_surrogates); ill-formed bytes never match anything. A search that exceeds PCRE2's
  // backtracking limit counts as no match.
  bool test(std::string_view subject) const;
  // The same, with the subject's BytePresence (must describe `subject`).
  bool test(std::string_view subject, const BytePresence& presence) const;
  // The first match at or after byte `start`, like exec() with lastIndex = start on a global regex.
  bool exec(std::string_view subject, size_t start, RegexMatch& match) const;

  const std::string& source() const { return source_; }
  const std::string& pcre2_pattern() const { return pattern_; }
  // A substring every match contains (see required_literal); subjects without it are answered without PCRE2.
  const std::string& required() const { return required_; }

 private:
  bool may_match(std::string_view subject) const;

  struct Code;
  std::shared_ptr<const Code> code_;
  std::string source_;
  std::string pattern_;
  std::string required_;        // lowercased when ignore_case_
  std::string required_bytes_;  // its distinct bytes
  bool ignore_case_ = false;
};

// The regex-escaping failproofai applies before building a RegExp from a name or path:
// s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").
std::string js_regex_escape(std::string_view text);

}  // namespace agentreel::policy
