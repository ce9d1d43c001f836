// render_hook_response (see hook_response.h), branch for branch in failproofai's evaluatePolicies order.
#include "policy/hook_response.h"

#include "policy/json_stringify.h"

namespace agentreel::policy {
namespace {

constexpr std::string_view kDenyTail =
    "\n\nYou MUST complete the above action NOW. Do NOT ask the user for confirmation \xe2\x80\x94 execute the "
    "required action, then attempt to finish your task again.";
constexpr std::string_view kInstructTail =
    "\n\nYou MUST complete the above action(s) NOW. Do NOT ask the user for confirmation \xe2\x80\x94 execute the "
    "required action(s), then attempt to finish your task again.";

// A compact JSON object of string members (and, where a value is pre-rendered JSON, that text as is).
class JsonObjectText {
 public:
  JsonObjectText& string(std::string_view key, std::string_view value) {
    key_(key);
    json_quote_append(value, text_);
    return *this;
  }
  JsonObjectText& raw(std::string_view key, std::string_view json) {
    key_(key);
    text_ += json;
    return *this;
  }
  std::string done() {
    text_.push_back('}');
    return std::move(text_);
  }

 private:
  void key_(std::string_view key) {
    if (!first_) text_.push_back(',');
    first_ = false;
    json_quote_append(key, text_);
    text_.push_back(':');
  }
  std::string text_ = initial();
  bool first_ = true;
  static std::string initial() {
    std::string text;
    text.reserve(256);
    text.push_back('{');
    return text;
  }
};

HookResponse stdout_only(std::string text) { return {0, std::move(text), ""}; }

bool is_stop(std::string_view event) { return event == "Stop" || event == "SubagentStop"; }

std::string messages_to_stderr(const HookDecision& decision) {
  std::string out;
  for (const NamedReason& entry : decision.entries) {
    if (!out.empty()) out.push_back('\n');
    out += "[failproofai] " + entry.policy_name + ": " + entry.reason;
  }
  return out + "\n";
}

std::string gemini_event_name(const ResponseContext& context) {
  if (context.payload_hook_event_name != nullptr && !context.payload_hook_event_name->is_null()) {
    return json_stringify(*context.payload_hook_event_name);
  }
  std::string quoted;
  json_quote_append(context.raw_event, quoted);
  return quoted;
}

bool gemini_supports_context(std::string_view event) {
  return event == "UserPromptSubmit" || event == "PreToolUse" || event == "PostToolUse" || event == "SessionStart";
}

HookResponse render_deny(const ResponseContext& context, const HookDecision& decision) {
  const std::string& reason = *decision.reason;
  const std::string blocked = "Blocked " + std::string(context.display_tool) + " by failproofai because: " + reason +
                              ", as per the policy configured by the user";
  const std::string mandatory = "MANDATORY ACTION REQUIRED from failproofai (policy: " + decision.policy_name +
                                "): " + reason + std::string(kDenyTail);
  const std::string_view event = context.event;
  switch (context.cli) {
    case AgentCli::cursor:
      if (is_stop(event)) return stdout_only(JsonObjectText().string("followup_message", mandatory).done());
      return stdout_only(JsonObjectText()
                             .string("permission", "deny")
                             .string("user_message", blocked)
                             .string("agent_message", blocked)
                             .done());
    case AgentCli::pi:
      return stdout_only(
          JsonObjectText().string("permission", "deny").string("reason", event == "Stop" ? mandatory : blocked).done());
    case AgentCli::gemini:
      if (event == "Stop") {
        return stdout_only(JsonObjectText().string("decision", "block").string("reason", mandatory).done());
      }
      return stdout_only(JsonObjectText().string("decision", "deny").string("reason", blocked).done());
    case AgentCli::opencode:
      if (is_stop(event)) {
        return stdout_only(
            JsonObjectText()
                .raw("hookSpecificOutput", JsonObjectText().string("additionalContext", mandatory).done())
                .done());
      }
      break;
    default: break;
  }
  if (event == "PreToolUse") {
    return stdout_only(JsonObjectText()
                           .raw("hookSpecificOutput", JsonObjectText()
                                                          .string("hookEventName", event)
                                                          .string("permissionDecision", "deny")
                                                          .string("permissionDecisionReason", blocked)
                                                          .done())
                           .done());
  }
  if (event == "PermissionRequest") {
    return stdout_only(
        JsonObjectText()
            .raw("hookSpecificOutput",
                 JsonObjectText()
                     .string("hookEventName", event)
                     .raw("decision", JsonObjectText().string("behavior", "deny").string("message", blocked).done())
                     .done())
            .done());
  }
  if (event == "PostToolUse") {
    return stdout_only(
        JsonObjectText()
            .raw("hookSpecificOutput",
                 JsonObjectText().string("hookEventName", event).string("additionalContext", blocked).done())
            .done());
  }
  if (is_stop(event)) {
    if (context.cli == AgentCli::copilot) {
      return stdout_only(JsonObjectText().string("decision", "block").string("reason", mandatory).done());
    }
    return {2, "", mandatory};
  }
  return {2, "", reason};
}

HookResponse render_instruct(const ResponseContext& context, const HookDecision& decision) {
  const std::string& combined = *decision.reason;
  std::string attribution = decision.policy_names.size() == 1 ? "policy: " : "policies: ";
  for (size_t i = 0; i < decision.policy_names.size(); ++i) {
    if (i > 0) attribution += ", ";
    attribution += decision.policy_names[i];
  }
  const std::string mandatory =
      "MANDATORY ACTION REQUIRED from failproofai (" + attribution + "): " + combined + std::string(kInstructTail);
  const std::string instruction = "Instruction from failproofai: " + combined;
  const std::string_view event = context.event;
  switch (context.cli) {
    case AgentCli::cursor:
      if (is_stop(event)) return stdout_only(JsonObjectText().string("followup_message", instruction).done());
      return stdout_only(
          JsonObjectText().string("permission", "allow").string("additional_context", instruction).done());
    case AgentCli::pi:
      if (event == "Stop") {
        return stdout_only(JsonObjectText().string("permission", "deny").string("reason", mandatory).done());
      }
      return stdout_only(JsonObjectText().string("permission", "allow").string("reason", instruction).done());
    case AgentCli::gemini:
      if (event == "Stop") {
        return stdout_only(JsonObjectText().string("decision", "block").string("reason", mandatory).done());
      }
      if (gemini_supports_context(event)) {
        return stdout_only(JsonObjectText()
                               .raw("hookSpecificOutput", JsonObjectText()
                                                              .raw("hookEventName", gemini_event_name(context))
                                                              .string("additionalContext", instruction)
                                                              .done())
                               .done());
      }
      return {0, "", messages_to_stderr(decision)};
    case AgentCli::opencode:
      if (is_stop(event)) {
        return stdout_only(
            JsonObjectText()
                .raw("hookSpecificOutput", JsonObjectText().string("additionalContext", mandatory).done())
                .done());
      }
      break;
    default: break;
  }
  if (is_stop(event)) {
    if (context.cli == AgentCli::copilot) {
      return stdout_only(JsonObjectText().string("decision", "block").string("reason", mandatory).done());
    }
    return {2, "", mandatory};
  }
  return stdout_only(
      JsonObjectText()
          .raw("hookSpecificOutput",
               JsonObjectText().string("hookEventName", event).string("additionalContext", instruction).done())
          .done());
}

HookResponse render_messages(const ResponseContext& context, const HookDecision& decision) {
  const std::string note = "Note from failproofai: " + *decision.reason;
  const std::string stderr_text = messages_to_stderr(decision);
  const std::string_view event = context.event;
  switch (context.cli) {
    case AgentCli::cursor:
      return {0, JsonObjectText().string("permission", "allow").string("additional_context", note).done(), stderr_text};
    case AgentCli::pi:
      return {0, JsonObjectText().string("permission", "allow").string("reason", note).done(), stderr_text};
    case AgentCli::gemini:
      if (gemini_supports_context(event)) {
        return {0,
                JsonObjectText()
                    .raw("hookSpecificOutput", JsonObjectText()
                                                   .raw("hookEventName", gemini_event_name(context))
                                                   .string("additionalContext", note)
                                                   .done())
                    .done(),
                stderr_text};
      }
      return {0, "", stderr_text};
    default: break;
  }
  const bool specific =
      event == "PreToolUse" || event == "PostToolUse" || event == "UserPromptSubmit" || event == "PermissionRequest";
  if (specific) {
    return {0,
            JsonObjectText()
                .raw("hookSpecificOutput",
                     JsonObjectText().string("hookEventName", event).string("additionalContext", note).done())
                .done(),
            stderr_text};
  }
  if (context.notes_off_stdout_without_context) return {0, "", stderr_text};
  return {0, JsonObjectText().string("reason", *decision.reason).done(), stderr_text};
}

}  // namespace

std::optional<AgentCli> parse_agent_cli(std::string_view name) {
  if (name == "claude") return AgentCli::claude;
  if (name == "codex") return AgentCli::codex;
  if (name == "copilot") return AgentCli::copilot;
  if (name == "cursor") return AgentCli::cursor;
  if (name == "opencode") return AgentCli::opencode;
  if (name == "pi") return AgentCli::pi;
  if (name == "gemini") return AgentCli::gemini;
  return std::nullopt;
}

std::string display_tool_name(std::string_view event, std::string_view tool_name) {
  if (!tool_name.empty()) return std::string(tool_name);
  if (event == "UserPromptSubmit") return "prompt";
  if (event == "SessionStart") return "session start";
  if (event == "SessionEnd") return "session end";
  if (event == "Stop") return "stop";
  return "operation";
}

HookResponse render_hook_response(const ResponseContext& context, const HookDecision& decision) {
  if (!decision.reason) return {};
  switch (decision.decision) {
    case Decision::deny: return render_deny(context, decision);
    case Decision::instruct: return render_instruct(context, decision);
    case Decision::allow: return render_messages(context, decision);
  }
  return {};
}

HookResponse handler_error_response(std::string_view message) {
  return {2, "", "Unexpected error: " + std::string(message) + "\n"};
}

}  // namespace agentreel::policy
