// Meaning of single Claude Code transcript records (see claude_code_records.h).
#include "readers/claude_code/claude_code_records.h"

#include <algorithm>
#include <array>
#include <vector>

namespace agentreel::claude_code {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

namespace {

constexpr std::string_view kInterrupted = "[Request interrupted by user";
constexpr std::array<std::string_view, 3> kRejected = {"The user doesn't want to proceed",
                                                       "The user doesn't want to take this action",
                                                       "Permission for this tool use was denied"};
constexpr std::string_view kUserSaid = "the user said:";
// A call of a parallel batch Claude Code did not run because another call of the batch failed.
constexpr std::string_view kSiblingErrored = "Sibling tool call errored";

std::string_view trim_left(std::string_view text) {
  const size_t start = text.find_first_not_of(" \t\r\n");
  return start == std::string_view::npos ? std::string_view() : text.substr(start);
}

// The text between <name> and </name>, trimmed; empty if absent.
std::string_view tag_content(std::string_view text, std::string_view name) {
  const std::string open = "<" + std::string(name) + ">";
  const std::string close = "</" + std::string(name) + ">";
  const size_t start = text.find(open);
  if (start == std::string_view::npos) return {};
  const size_t end = text.find(close, start + open.size());
  if (end == std::string_view::npos) return {};
  std::string_view inner = trim_left(text.substr(start + open.size(), end - start - open.size()));
  while (!inner.empty() &&
         (inner.back() == ' ' || inner.back() == '\n' || inner.back() == '\t' || inner.back() == '\r')) {
    inner.remove_suffix(1);
  }
  return inner;
}

}  // namespace

bool is_transcript_type(std::string_view type) {
  return type == "user" || type == "assistant" || type == "system" || type == "progress" || type == "summary" ||
         type == "file-history-snapshot" || type == "queue-operation";
}

bool is_untimed_type(std::string_view type) { return type == "file-history-snapshot" || type == "summary"; }

std::string content_text(element content) {
  std::string_view text;
  if (!content.get_string().get(text)) return std::string(text);
  std::string joined;
  array blocks;
  if (content.get_array().get(blocks)) return joined;
  bool first = true;
  for (element block : blocks) {
    object b;
    std::string_view type;
    if (block.get_object().get(b) || b["type"].get_string().get(type) || type != "text") continue;
    if (b["text"].get_string().get(text)) continue;
    if (!first) joined.push_back('\n');
    joined.append(text);
    first = false;
  }
  return joined;
}

UserRecord classify_user_text(std::string_view text, bool is_meta, bool is_compact_summary, bool is_sidechain) {
  if (is_meta || is_compact_summary) return UserRecord::context;
  const std::string_view t = trim_left(text);
  if (t.starts_with(kInterrupted)) return UserRecord::interrupt;
  if (t.starts_with("<local-command-stdout>") || t.starts_with("<local-command-stderr>") ||
      t.starts_with("<local-command-caveat>")) {
    return UserRecord::local_command;
  }
  if (t.starts_with("<task-notification>")) return UserRecord::task_notification;
  return is_sidechain ? UserRecord::subagent_prompt : UserRecord::prompt;
}

std::string goal_text(std::string_view text) {
  if (text.find("<command-name>") == std::string_view::npos) return std::string(text);
  std::string goal(tag_content(text, "command-name"));
  const std::string_view args = tag_content(text, "command-args");
  if (!args.empty()) {
    if (!goal.empty()) goal.push_back(' ');
    goal.append(args);
  }
  return goal;
}

namespace {

std::string hook_failure_lines(std::string_view output) {
  // Hooks print progress first ("Finding suitable PLTs...") and the failure last or among it: the lines that
  // name a failure are kept, in order, at most three; with none, the last three lines that say anything.
  constexpr std::array<std::string_view, 14> kStrong = {
      "error", "fail",   "denied",  "blocked",      "forbidden",    "not allowed", "violat",
      "refus", "cannot", "invalid", "\xE2\x9C\x97", "\xE2\x9D\x8C", "abort",       "reject"};
  constexpr std::array<std::string_view, 4> kWeak = {"warning", "must ", "not formatted", "issue"};
  std::vector<std::string_view> lines, strong, weak;
  size_t at = 0;
  while (at <= output.size()) {
    size_t end = output.find('\n', at);
    if (end == std::string_view::npos) end = output.size();
    std::string_view line = output.substr(at, end - at);
    at = end + 1;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    line = trim_left(line);
    if (line.empty()) continue;
    lines.push_back(line);
    std::string lower(line.substr(0, 400));
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    const auto has = [&](std::string_view word) { return lower.find(word) != std::string::npos; };
    if (std::any_of(kStrong.begin(), kStrong.end(), has))
      strong.push_back(line);
    else if (std::any_of(kWeak.begin(), kWeak.end(), has))
      weak.push_back(line);
  }
  const std::vector<std::string_view>& chosen = !strong.empty() ? strong : !weak.empty() ? weak : lines;
  const size_t first = (&chosen == &lines && chosen.size() > 3) ? chosen.size() - 3 : 0;
  std::string out;
  for (size_t k = first; k < chosen.size() && k < first + 3; ++k) {
    if (!out.empty()) out += '\n';
    out.append(chosen[k].substr(0, 300));
  }
  return out;
}

bool parse_hook_denial(std::string_view text, std::string& hook, std::string& failure) {
  // "PreToolUse:Bash hook error: [cmd]: stderr" (a hook that exited 2), "PreToolUse:Bash hook blocking error
  // from command: \"cmd\": stderr", and "Hook PreToolUse:Bash denied this tool" (permissionDecision deny). A hook
  // that failed without blocking is not in the result: the call ran.
  const std::string_view first_line = text.substr(0, text.find('\n'));
  if (text.starts_with("Hook PreToolUse:") && first_line.find(" denied this tool") != std::string_view::npos) {
    const size_t colon = first_line.find(": ", first_line.find(" denied this tool"));
    if (colon != std::string_view::npos) failure = hook_failure_lines(text.substr(colon + 2));
    return true;
  }
  if (!text.starts_with("PreToolUse:")) return false;
  const size_t error_at = first_line.find(" hook error: ");
  const size_t blocking_at = first_line.find(" hook blocking error from command: ");
  if (error_at != std::string_view::npos && error_at < 80) {
    std::string_view rest = text.substr(error_at + 13);
    if (rest.starts_with('[')) {
      const size_t close = rest.find("]: ");
      if (close != std::string_view::npos) {
        hook = rest.substr(1, close - 1);
        rest = rest.substr(close + 3);
      }
    }
    failure = hook_failure_lines(rest);
    return true;
  }
  if (blocking_at != std::string_view::npos && blocking_at < 80) {
    std::string_view rest = text.substr(blocking_at + 36);
    if (rest.starts_with('"')) {
      const size_t close = rest.find("\": ");
      if (close != std::string_view::npos) {
        hook = rest.substr(1, close - 1);
        rest = rest.substr(close + 3);
      }
    }
    failure = hook_failure_lines(rest);
    return true;
  }
  return false;
}

}  // namespace

ToolOutcome classify_tool_result(object block) {
  ToolOutcome outcome;
  element content;
  if (!block["content"].get(content)) outcome.text = content_text(content);
  bool is_error = false;
  if (block["is_error"].get_bool().get(is_error)) is_error = false;
  std::string_view t = trim_left(outcome.text);
  if (t.starts_with("<tool_use_error>")) t = trim_left(t.substr(16));
  if (t.starts_with(kInterrupted)) {
    outcome.status = SpanStatus::cancelled;
    outcome.cancelled_by = "user";
  } else if (is_error &&
             std::any_of(kRejected.begin(), kRejected.end(), [&](std::string_view r) { return t.starts_with(r); })) {
    outcome.status = SpanStatus::denied;
    outcome.denied_by = "user";
    outcome.user_guidance = t.find(kUserSaid) != std::string_view::npos;
  } else if (is_error && t.starts_with(kSiblingErrored)) {
    outcome.status = SpanStatus::cancelled;
    outcome.cancelled_by = "sibling";
  } else if (is_error && parse_hook_denial(t, outcome.hook, outcome.reason)) {
    outcome.status = SpanStatus::denied;
    outcome.denied_by = "hook";
  } else if (is_error) {
    outcome.status = SpanStatus::error;
  }
  return outcome;
}

std::string export_session_id(std::string_view path) {
  if (const size_t slash = path.find_last_of("/\\"); slash != std::string_view::npos) path.remove_prefix(slash + 1);
  if (const size_t dot = path.rfind('.'); dot != std::string_view::npos && dot > 0) path = path.substr(0, dot);
  return path.empty() ? std::string("claude-code-export") : std::string(path);
}

}  // namespace agentreel::claude_code
