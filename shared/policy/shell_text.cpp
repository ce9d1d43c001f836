// TOK, ALLOWPAT, PUSHARGS and segment splitting (see shell_text.h). Depends on js_text only.
#include "policy/shell_text.h"

#include "policy/js_text.h"

namespace agentreel::policy {
namespace {

bool is_quote(char c) { return c == '\'' || c == '"'; }

// Length of a run of JavaScript whitespace at `at` (0 when none).
size_t whitespace_run(std::string_view text, size_t at) {
  size_t run = 0;
  while (size_t n = js_whitespace_length_at(text, at + run)) run += n;
  return run;
}

}  // namespace

std::vector<std::string_view> argv_tokens(std::string_view text) {
  std::vector<std::string_view> tokens = js_split_whitespace(js_trim(text));
  for (std::string_view& token : tokens) {
    // t.replace(/^['"]|['"]$/g, ""): a one-character token that is a quote loses it once, as a leading quote.
    if (!token.empty() && is_quote(token.front())) token.remove_prefix(1);
    if (!token.empty() && is_quote(token.back())) token.remove_suffix(1);
  }
  return tokens;
}

bool matches_allow_pattern(std::string_view command, std::string_view pattern) {
  const std::vector<std::string_view> command_tokens = argv_tokens(command);
  const std::vector<std::string_view> pattern_tokens = argv_tokens(pattern);
  if (command_tokens.size() < pattern_tokens.size()) return false;
  for (std::string_view token : command_tokens) {
    if (token == "&&" || token == "||" || token == "|" || token == ";") return false;
    if (token.find_first_of(";&<>`$()\\") != std::string_view::npos) return false;
  }
  for (size_t i = 0; i < pattern_tokens.size(); ++i) {
    if (pattern_tokens[i] != "*" && pattern_tokens[i] != command_tokens[i]) return false;
  }
  return true;
}

std::vector<std::string_view> split_shell_segments(std::string_view text, bool newline_separates) {
  std::vector<std::string_view> segments;
  size_t start = 0;
  size_t at = 0;
  while (at < text.size()) {
    size_t separator = 0;
    const std::string_view rest = text.substr(at);
    if (rest.substr(0, 2) == "&&" || rest.substr(0, 2) == "||") {
      separator = 2;
    } else if (rest[0] == '|' || rest[0] == ';' || (newline_separates && rest[0] == '\n')) {
      separator = 1;
    }
    if (separator == 0) {
      ++at;
      continue;
    }
    segments.push_back(js_trim(text.substr(start, at - start)));
    at += separator;
    start = at;
  }
  segments.push_back(js_trim(text.substr(start)));
  return segments;
}

std::vector<std::string_view> git_push_arguments(std::string_view command) {
  std::vector<std::string_view> arguments;
  if (command.find("push") == std::string_view::npos) return arguments;  // the usual case, without splitting
  for (std::string_view segment : split_shell_segments(command, true)) {
    // /^git\s+push\s/ then strip /^git\s+push\s+/.
    if (segment.substr(0, 3) != "git") continue;
    size_t at = 3;
    const size_t gap = whitespace_run(segment, at);
    if (gap == 0 || segment.substr(at + gap, 4) != "push") continue;
    at += gap + 4;
    const size_t tail = whitespace_run(segment, at);
    if (tail == 0) continue;
    arguments.push_back(segment.substr(at + tail));
  }
  return arguments;
}

}  // namespace agentreel::policy
