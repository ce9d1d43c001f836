// JavaScript RegExp syntax to PCRE2 syntax (see js_regex_translate.h). Everything outside the few constructs whose
// meaning differs is copied through; literal characters are re-emitted so the i flag can be spelled out as
// explicit [aA] classes (PCRE2's own caseless mode would also fold non-ASCII characters onto ASCII ones, e.g.
// U+017F onto 's', which JavaScript without the u flag does not).
#include "policy/js_regex_translate.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "policy/js_text.h"

namespace agentreel::policy {
namespace {

// JavaScript's \s (WhiteSpace + LineTerminator) and its complement, as class members.
constexpr std::string_view kSpaceMembers =
    "\\t\\n\\x{b}\\f\\r\\x{20}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}"
    "\\x{feff}";
constexpr std::string_view kNotSpaceMembers =
    "\\x{0}-\\x{8}\\x{e}-\\x{1f}\\x{21}-\\x{9f}\\x{a1}-\\x{167f}\\x{1681}-\\x{1fff}\\x{200b}-\\x{2027}"
    "\\x{202a}-\\x{202e}\\x{2030}-\\x{205e}\\x{2060}-\\x{2fff}\\x{3001}-\\x{fefe}\\x{ff00}-\\x{10ffff}";
// '.' without the s flag: anything but a line terminator.
constexpr std::string_view kDot = "[^\\n\\r\\x{2028}\\x{2029}]";

bool is_ascii_alnum(uint32_t cp) {
  return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
}
bool is_ascii_letter(uint32_t cp) { return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'); }
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
uint32_t other_case(uint32_t cp) { return cp >= 'a' ? cp - 32 : cp + 32; }

void append_code_point_escape(std::string& out, uint32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "\\x{%x}", cp);
  out += buffer;
}

// One element of a character class: a code point, a range, or a predefined set (\d, \s, ...).
struct ClassAtom {
  bool is_set = false;
  std::string set_members;  // for sets: text to paste inside [...]
  uint32_t cp = 0;
};

class Translator {
 public:
  Translator(std::string_view source, bool ignore_case) : src_(source), ignore_case_(ignore_case) {}

  Result<std::string> run() {
    count_groups();
    while (at_ < src_.size() && error_.empty()) {
      const char c = src_[at_];
      switch (c) {
        case '\\':
          ++at_;
          escape_outside_class();
          break;
        case '[':
          ++at_;
          character_class();
          break;
        case '.':
          ++at_;
          out_ += kDot;
          break;
        case '(': group_open(); break;
        case ')':
        case '|':
        case '^':
        case '$':
        case '*':
        case '+':
        case '?':
          out_.push_back(c);
          ++at_;
          break;
        case '{': brace(); break;
        case '}':
        case ']':
          // Annex B: a lone brace or bracket is a literal.
          out_.push_back('\\');
          out_.push_back(c);
          ++at_;
          break;
        default: literal(decode_utf8(src_, at_));
      }
    }
    if (!error_.empty()) {
      return Status(ErrorCode::invalid_argument, "invalid regular expression /" + std::string(src_) + "/: " + error_);
    }
    return out_;
  }

 private:
  // Capturing groups, counted first so that \N can be told apart from a legacy octal escape (Annex B).
  void count_groups() {
    for (size_t i = 0; i < src_.size(); ++i) {
      if (src_[i] == '\\') {
        ++i;
      } else if (src_[i] == '[') {
        ++i;
        if (i < src_.size() && src_[i] == '^') ++i;
        if (i < src_.size() && src_[i] == ']') continue;  // [] or [^]
        for (; i < src_.size() && src_[i] != ']'; ++i) {
          if (src_[i] == '\\') ++i;
        }
      } else if (src_[i] == '(') {
        if (i + 1 >= src_.size() || src_[i + 1] != '?') {
          ++group_count_;
        } else if (src_.substr(i + 1, 2) == "?<" && src_.substr(i + 1, 3) != "?<=" && src_.substr(i + 1, 3) != "?<!") {
          ++group_count_;
          has_named_groups_ = true;
        }
      }
    }
  }

  void group_open() {
    ++at_;
    out_.push_back('(');
    if (at_ >= src_.size() || src_[at_] != '?') return;
    const std::string_view rest = src_.substr(at_);
    for (std::string_view form : {"?:", "?=", "?!", "?<=", "?<!"}) {
      if (rest.substr(0, form.size()) == form) {
        out_ += form;
        at_ += form.size();
        return;
      }
    }
    if (rest.substr(0, 2) == "?<") {
      const size_t close = rest.find('>');
      if (close == std::string_view::npos) {
        error_ = "unterminated group name";
        return;
      }
      out_ += rest.substr(0, close + 1);
      at_ += close + 1;
      return;
    }
    error_ = "invalid group";
  }

  // {n}, {n,} and {n,m} are quantifiers; any other brace is a literal (Annex B).
  void brace() {
    size_t i = at_ + 1;
    const auto digits = [&] {
      const size_t start = i;
      while (i < src_.size() && src_[i] >= '0' && src_[i] <= '9') ++i;
      return i > start;
    };
    bool quantifier = digits();
    if (quantifier && i < src_.size() && src_[i] == ',') {
      ++i;
      digits();
    }
    quantifier = quantifier && i < src_.size() && src_[i] == '}';
    if (quantifier) {
      out_ += src_.substr(at_, i + 1 - at_);
      at_ = i + 1;
    } else {
      out_ += "\\{";
      ++at_;
    }
  }

  void literal(uint32_t cp) {
    if (ignore_case_ && is_ascii_letter(cp)) {
      out_.push_back('[');
      out_.push_back(static_cast<char>(cp));
      out_.push_back(static_cast<char>(other_case(cp)));
      out_.push_back(']');
    } else if (is_ascii_alnum(cp) || cp == '_') {
      out_.push_back(static_cast<char>(cp));
    } else {
      append_code_point_escape(out_, cp);
    }
  }

  // \xHH, \uHHHH (joining an escaped surrogate pair), \cX; returns false when the escape is not one of these.
  bool code_point_escape(char kind, uint32_t& cp, bool in_class) {
    if (kind == 'x' && at_ + 2 <= src_.size() && hex_value(src_[at_]) >= 0 && hex_value(src_[at_ + 1]) >= 0) {
      cp = static_cast<uint32_t>(hex_value(src_[at_]) * 16 + hex_value(src_[at_ + 1]));
      at_ += 2;
      return true;
    }
    if (kind == 'u' && read_hex4(at_, cp)) {
      at_ += 4;
      uint32_t low = 0;
      if (cp >= 0xd800 && cp <= 0xdbff && src_.substr(at_, 2) == "\\u" && read_hex4(at_ + 2, low) && low >= 0xdc00 &&
          low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        at_ += 6;
      }
      if (cp >= 0xd800 && cp <= 0xdfff) error_ = "an escaped lone surrogate cannot be matched in UTF-8 text";
      return true;
    }
    if (kind == 'c' && at_ < src_.size()) {
      const char next = src_[at_];
      if (is_ascii_letter(static_cast<unsigned char>(next)) ||
          (in_class && ((next >= '0' && next <= '9') || next == '_'))) {
        cp = static_cast<uint32_t>(next) % 32;
        ++at_;
        return true;
      }
    }
    return false;
  }

  bool read_hex4(size_t from, uint32_t& value) const {
    if (from + 4 > src_.size()) return false;
    value = 0;
    for (size_t i = from; i < from + 4; ++i) {
      const int digit = hex_value(src_[i]);
      if (digit < 0) return false;
      value = value * 16 + static_cast<uint32_t>(digit);
    }
    return true;
  }

  // Annex B legacy octal: up to three octal digits, value at most 0377.
  uint32_t legacy_octal() {
    uint32_t value = 0;
    const size_t max_digits = (src_[at_] <= '3') ? 3 : 2;
    for (size_t n = 0; n < max_digits && at_ < src_.size() && src_[at_] >= '0' && src_[at_] <= '7'; ++n) {
      value = value * 8 + static_cast<uint32_t>(src_[at_++] - '0');
    }
    return value;
  }

  void escape_outside_class() {
    if (at_ >= src_.size()) {
      error_ = "\\ at end of pattern";
      return;
    }
    const char kind = src_[at_++];
    uint32_t cp = 0;
    switch (kind) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 'b':
      case 'B':
        out_.push_back('\\');
        out_.push_back(kind);
        return;
      case 's':
        out_ += "[";
        out_ += kSpaceMembers;
        out_ += "]";
        return;
      case 'S':
        out_ += "[";
        out_ += kNotSpaceMembers;
        out_ += "]";
        return;
      case 'f': return literal('\f');
      case 'n': return literal('\n');
      case 'r': return literal('\r');
      case 't': return literal('\t');
      case 'v': return literal('\v');
      case 'x':
      case 'u':
      case 'c':
        if (code_point_escape(kind, cp, false)) return literal(cp);
        if (kind == 'c') {  // "\c" not followed by a letter is a backslash, then 'c' as itself
          --at_;
          return literal('\\');
        }
        return literal(static_cast<uint32_t>(kind));
      case 'k':
        if (has_named_groups_) {
          const size_t close = src_.find('>', at_);
          if (at_ >= src_.size() || src_[at_] != '<' || close == std::string_view::npos) {
            error_ = "invalid named reference";
            return;
          }
          out_ += "\\k";
          out_ += src_.substr(at_, close + 1 - at_);
          at_ = close + 1;
          return;
        }
        return literal('k');
      default: break;
    }
    if (kind >= '0' && kind <= '9') {
      --at_;
      if (kind == '0' && !(at_ + 1 < src_.size() && src_[at_ + 1] >= '0' && src_[at_ + 1] <= '9')) {
        ++at_;
        return literal(0);
      }
      // A decimal escape naming an existing group is a backreference; otherwise Annex B reads it as octal (or,
      // for 8 and 9, as the digit itself).
      size_t end = at_;
      uint64_t number = 0;
      while (end < src_.size() && src_[end] >= '0' && src_[end] <= '9' && number <= 100000) {
        number = number * 10 + static_cast<uint64_t>(src_[end++] - '0');
      }
      if (kind != '0' && number <= static_cast<uint64_t>(group_count_)) {
        out_ += "\\g{" + std::to_string(number) + "}";
        at_ = end;
        return;
      }
      if (kind >= '8') {
        ++at_;
        return literal(static_cast<uint32_t>(kind));
      }
      return literal(legacy_octal());
    }
    // Identity escape: the character itself.
    --at_;
    literal(decode_utf8(src_, at_));
  }

  bool class_atom(ClassAtom& atom) {
    if (src_[at_] != '\\') {
      atom.cp = decode_utf8(src_, at_);
      return true;
    }
    ++at_;
    if (at_ >= src_.size()) {
      error_ = "\\ at end of pattern";
      return false;
    }
    const char kind = src_[at_++];
    switch (kind) {
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        atom.is_set = true;
        atom.set_members = std::string("\\") + kind;
        return true;
      case 's':
        atom.is_set = true;
        atom.set_members = kSpaceMembers;
        return true;
      case 'S':
        atom.is_set = true;
        atom.set_members = kNotSpaceMembers;
        return true;
      case 'b': atom.cp = '\b'; return true;
      case 'f': atom.cp = '\f'; return true;
      case 'n': atom.cp = '\n'; return true;
      case 'r': atom.cp = '\r'; return true;
      case 't': atom.cp = '\t'; return true;
      case 'v': atom.cp = '\v'; return true;
      case 'x':
      case 'u':
      case 'c':
        if (code_point_escape(kind, atom.cp, true)) return true;
        if (kind == 'c') {
          --at_;
          atom.cp = '\\';
          return true;
        }
        atom.cp = static_cast<uint32_t>(kind);
        return true;
      default: break;
    }
    if (kind >= '0' && kind <= '7') {
      --at_;
      atom.cp = legacy_octal();
      return true;
    }
    --at_;
    atom.cp = decode_utf8(src_, at_);
    return true;
  }

  void emit_class_code_point(std::string& out, uint32_t cp) const {
    if (is_ascii_alnum(cp)) {
      out.push_back(static_cast<char>(cp));
    } else {
      append_code_point_escape(out, cp);
    }
    if (ignore_case_ && is_ascii_letter(cp)) out.push_back(static_cast<char>(other_case(cp)));
  }

  void emit_class_range(std::string& out, uint32_t low, uint32_t high) const {
    append_code_point_escape(out, low);
    out.push_back('-');
    append_code_point_escape(out, high);
    if (!ignore_case_) return;
    // Add the other case of the ASCII letters the range covers.
    for (const auto& [first, last] : {std::pair<uint32_t, uint32_t>{'A', 'Z'}, {'a', 'z'}}) {
      const uint32_t from = std::max(low, first);
      const uint32_t to = std::min(high, last);
      if (from > to) continue;
      append_code_point_escape(out, other_case(from));
      out.push_back('-');
      append_code_point_escape(out, other_case(to));
    }
  }

  void character_class() {
    bool negated = false;
    if (at_ < src_.size() && src_[at_] == '^') {
      negated = true;
      ++at_;
    }
    if (at_ < src_.size() && src_[at_] == ']') {  // [] matches nothing, [^] anything
      ++at_;
      out_ += negated ? "(?s:.)" : "(?!)";
      return;
    }
    std::string body;
    while (true) {
      if (at_ >= src_.size()) {
        error_ = "unterminated character class";
        return;
      }
      if (src_[at_] == ']') {
        ++at_;
        break;
      }
      ClassAtom first;
      if (!class_atom(first)) return;
      // A '-' between two atoms makes a range unless one of them is a set (Annex B: then '-' is literal).
      if (at_ + 1 < src_.size() && src_[at_] == '-' && src_[at_ + 1] != ']') {
        ++at_;
        ClassAtom second;
        if (!class_atom(second)) return;
        if (!first.is_set && !second.is_set) {
          if (first.cp > second.cp) {
            error_ = "range out of order in character class";
            return;
          }
          emit_class_range(body, first.cp, second.cp);
          continue;
        }
        emit_class_atom(body, first);
        append_code_point_escape(body, '-');
        emit_class_atom(body, second);
        continue;
      }
      emit_class_atom(body, first);
    }
    out_ += negated ? "[^" : "[";
    out_ += body;
    out_ += "]";
  }

  void emit_class_atom(std::string& out, const ClassAtom& atom) const {
    if (atom.is_set) {
      out += atom.set_members;
    } else {
      emit_class_code_point(out, atom.cp);
    }
  }

  std::string_view src_;
  bool ignore_case_;
  size_t at_ = 0;
  int group_count_ = 0;
  bool has_named_groups_ = false;
  std::string out_;
  std::string error_;
};

}  // namespace

Result<std::string> translate_js_regex(std::string_view source, bool ignore_case) {
  return Translator(source, ignore_case).run();
}

std::string required_literal(std::string_view source) {
  // Any top-level '|' makes every part optional.
  int depth = 0;
  for (size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (c == '\\') {
      ++i;
    } else if (c == '[') {
      for (++i; i < source.size() && source[i] != ']'; ++i) {
        if (source[i] == '\\') ++i;
      }
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      return "";
    }
  }
  std::string best, run;
  const auto end_run = [&] {
    if (run.size() > best.size()) best = run;
    run.clear();
  };
  const auto optional_quantifier_at = [&](size_t at) {
    if (at >= source.size()) return false;
    if (source[at] == '?' || source[at] == '*') return true;
    return source[at] == '{' && at + 1 < source.size() && source[at + 1] == '0';
  };
  // The index just past a quantifier starting at `at` (?, *, +, {n}, {n,}, {n,m}, each maybe followed by a lazy
  // '?'), or `at` when there is none.
  const auto skip_quantifier = [&](size_t at) {
    if (at >= source.size()) return at;
    size_t end = at;
    if (source[at] == '?' || source[at] == '*' || source[at] == '+') {
      end = at + 1;
    } else if (source[at] == '{') {
      size_t j = at + 1;
      const size_t digits_start = j;
      while (j < source.size() && source[j] >= '0' && source[j] <= '9') ++j;
      if (j == digits_start) return at;  // a literal brace
      if (j < source.size() && source[j] == ',') {
        ++j;
        while (j < source.size() && source[j] >= '0' && source[j] <= '9') ++j;
      }
      if (j >= source.size() || source[j] != '}') return at;
      end = j + 1;
    } else {
      return at;
    }
    if (end < source.size() && source[end] == '?') ++end;
    return end;
  };
  for (size_t i = 0; i < source.size();) {
    const char c = source[i];
    char literal = 0;
    size_t next = i + 1;
    if (c == '\\' && i + 1 < source.size()) {
      const char escaped = source[i + 1];
      next = i + 2;
      // Escaped punctuation is that character; letters and digits are classes, assertions or code escapes, whose
      // arguments (\x41, \u00e9, \cJ, \12, \k<name>) are skipped too.
      const auto is_hex = [](char h) {
        return (h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F');
      };
      if (escaped == 'x' || escaped == 'u') {
        for (int n = escaped == 'x' ? 2 : 4; n > 0 && next < source.size() && is_hex(source[next]); --n) ++next;
      } else if (escaped == 'c' && next < source.size()) {
        ++next;
      } else if (escaped >= '0' && escaped <= '9') {
        while (next < source.size() && source[next] >= '0' && source[next] <= '9') ++next;
      } else if (escaped == 'k' && next < source.size() && source[next] == '<') {
        while (next < source.size() && source[next] != '>') ++next;
        ++next;
      }
      const bool alnum = (escaped >= 'a' && escaped <= 'z') || (escaped >= 'A' && escaped <= 'Z') ||
                         (escaped >= '0' && escaped <= '9');
      if (!alnum && static_cast<unsigned char>(escaped) < 0x80) literal = escaped;
    } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '-' ||
               c == '_' || c == ':' || c == '/' || c == '@' || c == '%' || c == '=' || c == ',' || c == '\'' ||
               c == '"' || c == '<' || c == '>' || c == '!' || c == '&' || c == ';' || c == '#' || c == '~') {
      literal = c;
    } else if (c == '(' || c == '[') {
      // Skip the whole group or class: it ends the run.
      end_run();
      int nesting = 0;
      size_t j = i;
      for (; j < source.size(); ++j) {
        if (source[j] == '\\') {
          ++j;
        } else if (c == '[' && source[j] == ']' && j > i + 1) {
          break;
        } else if (c == '(' && source[j] == '(') {
          ++nesting;
        } else if (c == '(' && source[j] == ')' && --nesting == 0) {
          break;
        } else if (c == '(' && source[j] == '[') {
          for (++j; j < source.size() && source[j] != ']'; ++j) {
            if (source[j] == '\\') ++j;
          }
        }
      }
      i = skip_quantifier(j + 1);
      continue;
    }
    if (literal == 0 || optional_quantifier_at(next)) {
      end_run();
      i = skip_quantifier(next);
      continue;
    }
    run.push_back(literal);
    i = skip_quantifier(next);
    if (i != next) end_run();  // "a+" or "a{2}": the character is needed, what follows is not adjacent to it
  }
  end_run();
  return best;
}

}  // namespace agentreel::policy
