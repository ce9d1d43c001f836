// Text features of payloads for the diagnosis: a tool call's arguments cut out of its record and
// normalised (ids, timestamps, whitespace), and goal-relevance tokens (paths, file stems, identifiers).
// Pure string work on bytes: no JSON library, no I/O, so it runs on any record format.
#include "diagnosis/text_features.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnosis/diagnosis.h"
#include "model/call_features.h"

namespace agentreel::diagnosis {
namespace {

// ASCII character classes, inline (the <cctype> calls were a tenth of the analysis time); bytes of UTF-8
// text are never letters or digits here.
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
inline bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
inline bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
inline char to_lower(char c) { return is_upper(c) ? char(c - 'A' + 'a') : c; }

// The JSON value starting at text[pos] (object, array, string or scalar), by bracket balance.
std::string_view json_value_at(std::string_view text, size_t pos) {
  while (pos < text.size() && is_space(text[pos])) ++pos;
  if (pos >= text.size()) return {};
  const size_t begin = pos;
  const char first = text[pos];
  if (first == '{' || first == '[') {
    int depth = 0;
    bool in_string = false;
    for (; pos < text.size(); ++pos) {
      const char c = text[pos];
      if (in_string) {
        if (c == '\\')
          ++pos;
        else if (c == '"')
          in_string = false;
      } else if (c == '"') {
        in_string = true;
      } else if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) return text.substr(begin, pos + 1 - begin);
      }
    }
    return text.substr(begin);
  }
  if (first == '"') {
    for (++pos; pos < text.size(); ++pos) {
      if (text[pos] == '\\')
        ++pos;
      else if (text[pos] == '"')
        return text.substr(begin, pos + 1 - begin);
    }
    return text.substr(begin);
  }
  while (pos < text.size() && text[pos] != ',' && text[pos] != '}' && text[pos] != ']') ++pos;
  return text.substr(begin, pos - begin);
}

constexpr std::string_view kStopwords[] = {
    "cargo",       "pytest",  "python",      "python3", "node",       "bash",       "grep",    "jest",  "head",
    "tail",        "sudo",    "echo",        "string",  "old_string", "new_string", "timeout", "limit", "offset",
    "replace_all", "print",   "the",         "and",     "that",       "this",       "with",    "from",  "into",
    "your",        "have",    "will",        "then",    "than",       "them",       "they",    "what",  "when",
    "where",       "which",   "while",       "there",   "file",       "files",      "true",    "false", "null",
    "none",        "command", "description", "path",    "file_path",  "content",    "pattern", "input", "output",
    "home",        "users",   "user",        "tmp",     "src",        "tests",      "test",    "lib",   "usr",
    "bin",         "var",     "workspace",   "repo",    "root",       "main",       "make",    "sure",  "should",
    "would",       "could",   "also",        "just",    "only",       "some",       "more",    "each",  "every",
    "name",        "type",    "text"};

// Every candidate token is checked, so the list is looked up by length and first letter, not scanned.
class StopwordTable {
 public:
  StopwordTable() {
    for (std::string_view w : kStopwords) buckets_[bucket(w)].push_back(w);
  }
  bool contains(std::string_view word) const {
    if (word.size() < 3 || word.size() > 16) return false;
    for (std::string_view w : buckets_[bucket(word)])
      if (w == word) return true;
    return false;
  }

 private:
  static size_t bucket(std::string_view w) { return (std::min<size_t>(w.size(), 16) * 31 + uint8_t(w[0])) % kBuckets; }
  static constexpr size_t kBuckets = 257;
  std::array<std::vector<std::string_view>, kBuckets> buckets_;
};

bool is_stopword(std::string_view word) {
  static const StopwordTable table;
  return table.contains(word);
}

}  // namespace

std::string_view call_arguments_text(std::string_view record) {
  // Where the arguments sit in the formats agentreel reads: AgentEye/Claude Code "input", hook payloads
  // "tool_input", OpenAI-style "arguments", OpenHands "args", SWE-agent "action"; the first key in this order
  // that the record holds, at its first occurrence.
  constexpr std::array<std::string_view, 6> kKeys = {
      "\"tool_input\":", "\"input\":", "\"arguments\":", "\"args\":", "\"action\":", "\"command\":"};
  // One pass over the quotes finds the first occurrence of every key (six finds were a tenth of drift).
  std::array<size_t, kKeys.size()> first;
  first.fill(std::string_view::npos);
  size_t missing = kKeys.size();
  for (size_t at = record.find('"'); at != std::string_view::npos && missing > 0; at = record.find('"', at + 1)) {
    const std::string_view rest = record.substr(at);
    for (size_t k = 0; k < kKeys.size(); ++k) {
      if (first[k] == std::string_view::npos && rest.starts_with(kKeys[k])) {
        first[k] = at;
        --missing;
      }
    }
  }
  for (size_t k = 0; k < kKeys.size(); ++k) {
    const std::string_view key = kKeys[k];
    const size_t pos = first[k];
    if (pos == std::string_view::npos) continue;
    std::string_view value = json_value_at(record, pos + key.size());
    // OpenHands' "action" is the action's name ("run"), its arguments sit beside it: keep looking.
    if (!value.empty() && (value.front() == '{' || value.front() == '[' || key == "\"command\":")) return value;
  }
  return record;
}

std::string normalize_text(std::string_view text) { return normalize_for_identity(text, true); }

std::string normalized_call_arguments(std::string_view record) { return normalize_text(call_arguments_text(record)); }

std::string json_values_only(std::string_view json) {
  // Blanks out object keys ("file_path":) so only values say what a step is about.
  std::string out(json);
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] != '"') continue;
    size_t j = i + 1;
    while (j < out.size() && out[j] != '"') j += out[j] == '\\' ? 2 : 1;
    if (j >= out.size()) break;
    size_t k = j + 1;
    while (k < out.size() && (out[k] == ' ' || out[k] == '\t')) ++k;
    if (k < out.size() && out[k] == ':') std::fill(out.begin() + long(i), out.begin() + long(k), ' ');
    i = j;
  }
  return out;
}

std::vector<std::string> relevance_tokens(std::string_view text) {
  std::vector<std::string> tokens;
  append_relevance_tokens(text, tokens);
  std::sort(tokens.begin(), tokens.end());
  tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  return tokens;
}

void append_relevance_tokens(std::string_view text, std::vector<std::string>& tokens) {
  for_each_relevance_token(text, [&](std::string_view token) { tokens.emplace_back(token); });
}

void for_each_relevance_token(std::string_view text, const std::function<void(std::string_view)>& emit) {
  // ASCII classes on purpose: bytes of UTF-8 text are never letters here, whatever the C locale says.
  char lower[64];  // a word's lowercase form (longer words are not tokens)
  size_t i = 0;
  while (i < text.size()) {
    if (!(is_alnum(text[i]) || text[i] == '_')) {
      // Skip JSON escapes like \n so "\nfoo" does not read as "nfoo".
      if (text[i] == '\\' && i + 1 < text.size()) ++i;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && (is_alnum(text[j]) || text[j] == '_')) ++j;
    const std::string_view word = text.substr(i, j - i);
    i = j;
    if (word.size() < 4) continue;  // no part of it can be kept either
    if (word.size() <= sizeof lower)
      for (size_t k = 0; k < word.size(); ++k) lower[k] = to_lower(word[k]);
    // CamelCase parts ("CartSummary" also says "cart", "summary").
    if (word.size() < 64) {
      size_t start = 0;
      for (size_t k = 1; k <= word.size(); ++k) {
        if (k == word.size() || (is_upper(word[k]) && is_lower(word[k - 1]))) {
          if ((start > 0 || k < word.size()) && k - start >= 4) {
            const std::string_view part(lower + start, k - start);
            if (!is_stopword(part) && !looks_like_id(part)) emit(part);
          }
          start = k;
        }
      }
    }
    if (word.size() > 64 || looks_like_id(word)) continue;
    const std::string_view lowered_word(lower, word.size());
    if (is_stopword(lowered_word)) continue;
    size_t digits = 0;
    for (char c : lowered_word) digits += (c >= '0' && c <= '9') ? 1 : 0;
    if (digits * 2 > lowered_word.size()) continue;
    // snake_case and kebab parts count too ("test_invoice" also says "invoice").
    size_t start = 0;
    for (size_t k = 0; k <= lowered_word.size(); ++k) {
      if (k == lowered_word.size() || lowered_word[k] == '_') {
        if (k - start >= 4 && k - start < lowered_word.size()) {
          const std::string_view part = lowered_word.substr(start, k - start);
          if (!is_stopword(part)) emit(part);
        }
        start = k + 1;
      }
    }
    emit(lowered_word);
  }
}

std::vector<std::string> path_like_tokens(std::string_view text) {
  std::vector<std::string> paths;
  size_t i = 0;
  auto path_char = [](char c) { return is_alnum(c) || c == '_' || c == '-' || c == '.' || c == '/'; };
  while (i < text.size()) {
    if (!path_char(text[i])) {
      if (text[i] == '\\' && i + 1 < text.size()) ++i;
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && path_char(text[j])) ++j;
    std::string_view token = text.substr(i, j - i);
    i = j;
    const size_t dot = token.rfind('.');
    const bool has_ext = dot != std::string_view::npos && dot > 0 && dot + 1 < token.size() &&
                         token.size() - dot <= 5 && is_alpha(token[dot + 1]);
    if ((token.find('/') != std::string_view::npos || has_ext) && token.size() >= 4 && token.size() <= 120 &&
        std::any_of(token.begin(), token.end(), [](char c) { return is_alpha(c); })) {
      std::string path(token);
      if (std::find(paths.begin(), paths.end(), path) == paths.end()) paths.push_back(std::move(path));
    }
  }
  return paths;
}

std::string json_string_field(std::string_view text, std::string_view key) {
  const std::string pattern = "\"" + std::string(key) + "\":";
  size_t pos = text.find(pattern);
  if (pos == std::string_view::npos) return {};
  std::string_view value = json_value_at(text, pos + pattern.size());
  if (value.size() < 2 || value.front() != '"') return {};
  std::string out;
  for (size_t i = 1; i + 1 < value.size(); ++i) {
    if (value[i] == '\\' && i + 2 < value.size()) {
      const char e = value[++i];
      out += e == 'n' ? ' ' : e == 't' ? ' ' : e;
    } else {
      out += value[i];
    }
  }
  return out;
}

std::string shorten(std::string_view text, size_t max_chars) {
  std::string out(text.substr(0, max_chars));
  if (text.size() > max_chars) {
    // Do not cut a UTF-8 sequence in half.
    while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
    if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80)) out.pop_back();
    out += "…";
  }
  return out;
}

}  // namespace agentreel::diagnosis
