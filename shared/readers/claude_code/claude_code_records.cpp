// Meaning of single Claude Code transcript records (see claude_code_records.h).
#include "readers/claude_code/claude_code_records.h"

#include <array>

namespace agentreel::claude_code {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;

namespace {

constexpr std::string_view kInterrupted = "[Request interrupted by user";
constexpr std::array<std::string_view, 2> kRejected = {"The user doesn't want to proceed",
                                                       "The user doesn't want to take this action"};

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

ToolOutcome classify_tool_result(object block) {
  ToolOutcome outcome;
  element content;
  if (!block["content"].get(content)) outcome.text = content_text(content);
  bool is_error = false;
  if (block["is_error"].get_bool().get(is_error)) is_error = false;
  const std::string_view t = trim_left(outcome.text);
  if (t.starts_with(kInterrupted)) {
    outcome.status = SpanStatus::cancelled;
  } else if (is_error && (t.starts_with(kRejected[0]) || t.starts_with(kRejected[1]))) {
    outcome.status = SpanStatus::denied;
  } else if (is_error) {
    outcome.status = SpanStatus::error;
  }
  return outcome;
}

}  // namespace agentreel::claude_code
