// Tool call facts shared by the readers (see tool_facts.h).
#include "readers/tool_facts.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>
#include <vector>

#include "model/call_features.h"

namespace agentreel {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct ActionName {
  std::string_view name;  // lower case
  std::string_view action;
};

// Tool names of Claude Code, Codex, Gemini CLI, Copilot CLI, OpenHands, SWE-agent, Cursor/Cline-style agents.
constexpr std::array kActions = {
    ActionName{"bash", "shell"},
    ActionName{"shell", "shell"},
    ActionName{"local_shell", "shell"},
    ActionName{"exec_command", "shell"},
    ActionName{"run_shell_command", "shell"},
    ActionName{"execute_command", "shell"},
    ActionName{"execute_bash", "shell"},
    ActionName{"run_terminal_cmd", "shell"},
    ActionName{"terminal", "shell"},
    ActionName{"cmdrunaction", "shell"},
    ActionName{"run", "shell"},
    ActionName{"bashoutput", "shell"},
    ActionName{"read", "read"},
    ActionName{"read_file", "read"},
    ActionName{"view", "read"},
    ActionName{"read_many_files", "read"},
    ActionName{"fileread", "read"},
    ActionName{"open", "read"},
    ActionName{"write", "write"},
    ActionName{"write_file", "write"},
    ActionName{"create_file", "write"},
    ActionName{"create", "write"},
    ActionName{"filewrite", "write"},
    ActionName{"edit", "edit"},
    ActionName{"multiedit", "edit"},
    ActionName{"notebookedit", "edit"},
    ActionName{"str_replace_editor", "edit"},
    ActionName{"str_replace_based_edit_tool", "edit"},
    ActionName{"str_replace", "edit"},
    ActionName{"replace", "edit"},
    ActionName{"apply_patch", "edit"},
    ActionName{"edit_file", "edit"},
    ActionName{"fileedit", "edit"},
    ActionName{"grep", "search"},
    ActionName{"search_file_content", "search"},
    ActionName{"grep_search", "search"},
    ActionName{"search", "search"},
    ActionName{"search_file", "search"},
    ActionName{"search_dir", "search"},
    ActionName{"codebase_search", "search"},
    ActionName{"glob", "list"},
    ActionName{"ls", "list"},
    ActionName{"list_directory", "list"},
    ActionName{"list_dir", "list"},
    ActionName{"find_file", "list"},
    ActionName{"find_files", "list"},
    ActionName{"webfetch", "fetch"},
    ActionName{"web_fetch", "fetch"},
    ActionName{"fetch", "fetch"},
    ActionName{"browse", "fetch"},
    ActionName{"browseurlaction", "fetch"},
    ActionName{"websearch", "web_search"},
    ActionName{"web_search", "web_search"},
    ActionName{"google_web_search", "web_search"},
    ActionName{"task", "subagent"},
    ActionName{"agent", "subagent"},
    ActionName{"delegate", "subagent"},
    ActionName{"spawn_agent", "subagent"},
    ActionName{"askuserquestion", "ask_user"},
    ActionName{"ask_user", "ask_user"},
    ActionName{"ask_followup_question", "ask_user"},
    ActionName{"todowrite", "todo"},
    ActionName{"todoread", "todo"},
    ActionName{"update_plan", "todo"},
    ActionName{"write_todos", "todo"},
    ActionName{"exitplanmode", "plan"},
    // Calls that do nothing but let the agent think aloud, or declare its run over: wrap-up, not work.
    ActionName{"think", "think"},
    ActionName{"finish", "finish"},
    ActionName{"submit", "finish"},
    ActionName{"attempt_completion", "finish"},
    ActionName{"task_complete", "finish"},
    // Codex
    ActionName{"shell_command", "shell"},
    ActionName{"write_stdin", "shell"},
    ActionName{"view_image", "read"},
    ActionName{"grep_files", "search"},
    // Gemini CLI
    ActionName{"enter_plan_mode", "plan"},
    ActionName{"exit_plan_mode", "plan"},
    ActionName{"invoke_agent", "subagent"},
    ActionName{"codebase_investigator", "subagent"},
    ActionName{"tracker_create_task", "todo"},
    ActionName{"tracker_update_task", "todo"},
    // GitHub Copilot CLI
    ActionName{"read_bash", "shell"},
    ActionName{"write_bash", "shell"},
    ActionName{"update_todo", "todo"},
};

// Argument keys and the role they hold; for path-like roles the first key found wins, in this order.
struct KeyRole {
  std::string_view key;
  TextRole role;
};
constexpr std::array kKeyRoles = {
    KeyRole{"command", TextRole::command},
    KeyRole{"cmd", TextRole::command},
    KeyRole{"file_path", TextRole::path},
    KeyRole{"notebook_path", TextRole::path},
    KeyRole{"absolute_path", TextRole::path},
    KeyRole{"filePath", TextRole::path},
    KeyRole{"target_file", TextRole::path},
    KeyRole{"path", TextRole::path},
    KeyRole{"dir_path", TextRole::path},
    KeyRole{"pattern", TextRole::pattern},
    KeyRole{"glob", TextRole::pattern},
    KeyRole{"regex", TextRole::pattern},
    KeyRole{"url", TextRole::url},
    KeyRole{"query", TextRole::query},
    KeyRole{"description", TextRole::description},
    KeyRole{"prompt", TextRole::prompt},
    KeyRole{"old_string", TextRole::old_text},
    KeyRole{"old_str", TextRole::old_text},
    KeyRole{"new_string", TextRole::new_text},
    KeyRole{"new_str", TextRole::new_text},
    KeyRole{"content", TextRole::new_text},
    KeyRole{"file_text", TextRole::new_text},
    KeyRole{"new_source", TextRole::new_text},
};

// Tools that only wait on a background task's output (a poll, never a retry): flag kCallWaits.
constexpr std::array<std::string_view, 4> kWaitTools = {"taskoutput", "bashoutput", "read_bash", "await_shell"};
// Tools whose result is a person's answer (a question, a plan to approve): flag kCallAsksUser. The time they
// take is the person's, never the agent stalling.
constexpr std::array<std::string_view, 6> kAskUserTools = {
    "askuserquestion", "exitplanmode", "ask_user", "request_user_input", "ask_followup_question", "exit_plan_mode"};

bool role_wants(TextRole role, simdjson::dom::element value) {
  const simdjson::dom::element_type type = value.type();
  if (type == simdjson::dom::element_type::STRING) return true;
  // A command may be an argv array (Codex, Copilot); other roles want text.
  return role == TextRole::command && type == simdjson::dom::element_type::ARRAY;
}

}  // namespace

std::string_view tool_action(std::string_view tool_name) {
  if (tool_name.starts_with("mcp__")) return "mcp";
  const std::string name = lower(tool_name);
  for (const ActionName& entry : kActions) {
    if (entry.name == name) return entry.action;
  }
  return {};
}

std::string json_pointer_token(std::string_view key) {
  std::string out;
  for (const char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

void record_tool_call_facts(TraceSink& sink, SpanHandle span, std::string_view tool_name, RecordRef record,
                            const std::string& input_pointer, simdjson::dom::object input) {
  if (const std::string_view action = tool_action(tool_name); !action.empty()) sink.attribute(span, "action", action);
  sink.text(span, TextRole::input, record, input_pointer);
  bool taken[kTextRoleCount] = {};
  std::string_view key_of_role[kTextRoleCount] = {};
  for (const KeyRole& entry : kKeyRoles) {
    if (taken[size_t(entry.role)]) continue;
    simdjson::dom::element value;
    if (input[entry.key].get(value) || !role_wants(entry.role, value)) continue;
    taken[size_t(entry.role)] = true;
    key_of_role[size_t(entry.role)] = entry.key;
    sink.text(span, entry.role, record, input_pointer + "/" + json_pointer_token(entry.key));
  }
  record_call_features(sink, span, tool_name, input, key_of_role);
}

void record_call_features(TraceSink& sink, SpanHandle span, std::string_view tool_name, simdjson::dom::object input,
                          const std::string_view (&key_of_role)[kTextRoleCount]) {
  // Each argument as text; values that are not strings are kept in `storage` (reserved, so views stay valid).
  std::vector<std::string> storage;
  storage.reserve(input.size());
  std::vector<CallArgument> arguments;
  arguments.reserve(input.size());
  for (const simdjson::dom::key_value_pair field : input) {
    std::string_view text;
    if (field.value.get_string().get(text)) {
      simdjson::dom::array argv;
      if (!field.value.get_array().get(argv)) {
        std::string joined;
        for (simdjson::dom::element item : argv) {
          std::string_view word;
          if (item.get_string().get(word)) continue;
          if (!joined.empty()) joined += ' ';
          joined += word;
        }
        storage.push_back(std::move(joined));
      } else {
        storage.push_back(simdjson::minify(field.value));
      }
      text = storage.back();
    }
    std::string_view hint;
    for (const TextRole role : {TextRole::command, TextRole::path, TextRole::pattern, TextRole::query, TextRole::url})
      if (key_of_role[size_t(role)] == field.key) hint = text_role_name(role);
    arguments.push_back({field.key, text, hint});
  }
  const std::string name = lower(tool_name);
  const bool waits = std::find(kWaitTools.begin(), kWaitTools.end(), name) != kWaitTools.end();
  const bool asks = std::find(kAskUserTools.begin(), kAskUserTools.end(), name) != kAskUserTools.end();
  const CallFeatures features =
      compute_call_features(tool_name, arguments, (waits ? kCallWaits : 0u) | (asks ? kCallAsksUser : 0u));
  sink.attribute(span, "args_hash", int64_t(features.args_hash));
  sink.attribute(span, "target_hash", int64_t(features.target_hash));
  if (features.write_hash != 0) sink.attribute(span, "write_hash", int64_t(features.write_hash));
  if (features.flags != 0) sink.attribute(span, "call_flags", int64_t(features.flags));
  for (size_t at = 0; at < features.topics.size(); at += kTopicsPerRow) {
    const size_t n = std::min(kTopicsPerRow, features.topics.size() - at);
    sink.attribute(span, "topics", pack_topics(std::span<const uint16_t>(features.topics.data() + at, n)));
  }
}

}  // namespace agentreel
