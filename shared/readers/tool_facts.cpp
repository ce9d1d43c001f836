// Tool call facts shared by the readers (see tool_facts.h).
#include "readers/tool_facts.h"

#include <array>
#include <cctype>
#include <utility>

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
    ActionName{"bash", "shell"},          ActionName{"shell", "shell"},
    ActionName{"local_shell", "shell"},   ActionName{"exec_command", "shell"},
    ActionName{"run_shell_command", "shell"}, ActionName{"execute_command", "shell"},
    ActionName{"execute_bash", "shell"},  ActionName{"run_terminal_cmd", "shell"},
    ActionName{"terminal", "shell"},      ActionName{"cmdrunaction", "shell"},
    ActionName{"run", "shell"},           ActionName{"bashoutput", "shell"},
    ActionName{"read", "read"},           ActionName{"read_file", "read"},
    ActionName{"view", "read"},           ActionName{"read_many_files", "read"},
    ActionName{"fileread", "read"},       ActionName{"open", "read"},
    ActionName{"write", "write"},         ActionName{"write_file", "write"},
    ActionName{"create_file", "write"},   ActionName{"create", "write"},
    ActionName{"filewrite", "write"},
    ActionName{"edit", "edit"},           ActionName{"multiedit", "edit"},
    ActionName{"notebookedit", "edit"},   ActionName{"str_replace_editor", "edit"},
    ActionName{"str_replace_based_edit_tool", "edit"}, ActionName{"str_replace", "edit"},
    ActionName{"replace", "edit"},        ActionName{"apply_patch", "edit"},
    ActionName{"edit_file", "edit"},      ActionName{"fileedit", "edit"},
    ActionName{"grep", "search"},         ActionName{"search_file_content", "search"},
    ActionName{"grep_search", "search"},  ActionName{"search", "search"},
    ActionName{"search_file", "search"},  ActionName{"search_dir", "search"},
    ActionName{"codebase_search", "search"},
    ActionName{"glob", "list"},           ActionName{"ls", "list"},
    ActionName{"list_directory", "list"}, ActionName{"list_dir", "list"},
    ActionName{"find_file", "list"},      ActionName{"find_files", "list"},
    ActionName{"webfetch", "fetch"},      ActionName{"web_fetch", "fetch"},
    ActionName{"fetch", "fetch"},         ActionName{"browse", "fetch"},
    ActionName{"browseurlaction", "fetch"},
    ActionName{"websearch", "web_search"}, ActionName{"web_search", "web_search"},
    ActionName{"google_web_search", "web_search"},
    ActionName{"task", "subagent"},       ActionName{"agent", "subagent"},
    ActionName{"delegate", "subagent"},   ActionName{"spawn_agent", "subagent"},
    ActionName{"askuserquestion", "ask_user"}, ActionName{"ask_user", "ask_user"},
    ActionName{"ask_followup_question", "ask_user"},
    ActionName{"todowrite", "todo"},      ActionName{"todoread", "todo"},
    ActionName{"update_plan", "todo"},    ActionName{"write_todos", "todo"},
    ActionName{"exitplanmode", "plan"},
};

// Argument keys and the role they hold; for path-like roles the first key found wins, in this order.
struct KeyRole {
  std::string_view key;
  TextRole role;
};
constexpr std::array kKeyRoles = {
    KeyRole{"command", TextRole::command},      KeyRole{"cmd", TextRole::command},
    KeyRole{"file_path", TextRole::path},       KeyRole{"notebook_path", TextRole::path},
    KeyRole{"absolute_path", TextRole::path},   KeyRole{"filePath", TextRole::path},
    KeyRole{"target_file", TextRole::path},     KeyRole{"path", TextRole::path},
    KeyRole{"pattern", TextRole::pattern},      KeyRole{"glob", TextRole::pattern},
    KeyRole{"regex", TextRole::pattern},        KeyRole{"url", TextRole::url},
    KeyRole{"query", TextRole::query},          KeyRole{"description", TextRole::description},
    KeyRole{"prompt", TextRole::prompt},        KeyRole{"old_string", TextRole::old_text},
    KeyRole{"old_str", TextRole::old_text},     KeyRole{"new_string", TextRole::new_text},
    KeyRole{"new_str", TextRole::new_text},     KeyRole{"content", TextRole::new_text},
    KeyRole{"file_text", TextRole::new_text},   KeyRole{"new_source", TextRole::new_text},
};

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
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

void record_tool_call_facts(TraceSink& sink, SpanHandle span, std::string_view tool_name, RecordRef record,
                            const std::string& input_pointer, simdjson::dom::object input) {
  if (const std::string_view action = tool_action(tool_name); !action.empty()) sink.attribute(span, "action", action);
  sink.text(span, TextRole::input, record, input_pointer);
  bool taken[kTextRoleCount] = {};
  for (const KeyRole& entry : kKeyRoles) {
    if (taken[size_t(entry.role)]) continue;
    simdjson::dom::element value;
    if (input[entry.key].get(value) || !role_wants(entry.role, value)) continue;
    taken[size_t(entry.role)] = true;
    sink.text(span, entry.role, record, input_pointer + "/" + json_pointer_token(entry.key));
  }
}

}  // namespace agentreel
