// The audit replay (audit_replay.h): tool spans rebuilt as hook calls and fed through the engine session by
// session. Depends on the trace model and the policy engine only; no I/O.
#include "policy/audit_replay.h"

#include <algorithm>
#include <array>

#include "model/span_text.h"
#include "policy/hook_payload.h"
#include "policy/json_parse.h"

namespace agentreel::policy {
namespace {

// Claude Code's own tool names: a call under one of them is replayed with its recorded arguments as they are.
constexpr std::array<std::string_view, 17> kClaudeTools = {
    "Bash",      "Read",       "Write",     "Edit",         "MultiEdit",    "Glob",
    "Grep",      "LS",         "WebFetch",  "WebSearch",    "NotebookEdit", "Task",
    "TodoWrite", "BashOutput", "KillShell", "ExitPlanMode", "SlashCommand"};

bool is_claude_tool(std::string_view name) {
  return std::find(kClaudeTools.begin(), kClaudeTools.end(), name) != kClaudeTools.end();
}

std::optional<std::string_view> string_attribute(const Trace& trace, uint32_t span, std::string_view key) {
  const std::optional<Attribute> a = trace.find_attribute(span, key);
  if (!a || a->type != AttrType::string) return std::nullopt;
  return trace.strings.get(static_cast<StringId>(a->value));
}

// The attribute on the span, else on the nearest ancestor that has it, else on the session's first span.
std::optional<std::string_view> inherited_attribute(const Trace& trace, uint32_t span, uint32_t session_first,
                                                    std::string_view key) {
  for (uint32_t at = span, depth = 0; at != kNoSpan && depth < 4096; at = trace.spans.parent[at], ++depth) {
    if (auto value = string_attribute(trace, at, key)) return value;
  }
  return string_attribute(trace, session_first, key);
}

void set_text(JsonValue& object, std::string key, const std::optional<std::string>& text) {
  if (text) object.set(std::move(key), JsonValue::string(*text));
}

bool in_live_decision(const HookDecision& decision, const std::string& canonical) {
  if (decision.decision == Decision::deny) return decision.policy_name == canonical;
  if (decision.decision == Decision::instruct) {
    return std::find(decision.policy_names.begin(), decision.policy_names.end(), canonical) !=
           decision.policy_names.end();
  }
  return false;
}

// Adds the evaluation's objections (deny / instruct) and not-replayable verdicts to the session's audit.
// Returns true when some selected policy objects on its own.
bool collect(const Evaluation& evaluation, uint32_t span, bool post, EvaluationMode mode, SessionAudit& audit) {
  bool objected = false;
  for (const PolicyOutcome& outcome : evaluation.outcomes) {
    const VerdictKind kind = outcome.verdict.kind;
    if (kind == VerdictKind::not_replayable) {
      ++audit.not_replayable[static_cast<size_t>(outcome.policy)];
      continue;
    }
    if (kind != VerdictKind::deny && kind != VerdictKind::instruct) continue;
    objected = true;
    const bool live = outcome.ran_live && in_live_decision(evaluation.decision, canonical_policy_name(outcome.policy));
    if (!live && mode == EvaluationMode::live) continue;
    audit.findings.push_back({span, outcome.policy, post, kind, outcome.shown_reason, live});
  }
  return objected;
}

}  // namespace

namespace {

// An argv array as one command line; nullopt when `value` is not an array of strings.
std::optional<std::string> argv_line(const JsonValue& value) {
  if (!value.is_array()) return std::nullopt;
  std::vector<std::string> argv;
  for (const JsonValue& item : value.items()) {
    if (!item.is_string()) return std::nullopt;
    argv.push_back(item.as_string());
  }
  if (argv.size() == 3 && (argv[1] == "-lc" || argv[1] == "-c")) return argv[2];
  std::string line;
  for (const std::string& arg : argv) {
    if (!line.empty()) line += ' ';
    line += arg;
  }
  return line;
}

// The command of a shell call whose arguments hold it under "command" or "cmd" (a string or an argv array).
std::optional<std::string> command_in_input(const JsonValue& input) {
  for (const std::string_view key : {std::string_view("command"), std::string_view("cmd")}) {
    const JsonValue* value = input.find(key);
    if (value == nullptr) continue;
    if (value->is_string()) return value->as_string();
    if (auto line = argv_line(*value)) return line;
  }
  return std::nullopt;
}

}  // namespace

std::string command_line_of(std::string_view text) {
  if (text.empty() || text.front() != '[') return std::string(text);
  auto parsed = parse_json(text, "command");
  if (!parsed.is_ok()) return std::string(text);
  return argv_line(parsed.value()).value_or(std::string(text));
}

std::string home_of(std::string_view cwd) {
  if (cwd == "/root" || cwd.starts_with("/root/")) return "/root";
  for (const std::string_view base : {std::string_view("/home/"), std::string_view("/Users/")}) {
    if (!cwd.starts_with(base)) continue;
    const size_t end = cwd.find('/', base.size());
    if (end == base.size()) return {};
    return std::string(cwd.substr(0, end));
  }
  return {};
}

HookTool hook_tool_for_span(const Trace& trace, const RecordReader& read, uint32_t span) {
  HookTool tool;
  tool.name = std::string(trace.name_of(span));
  tool.input = JsonValue::object();
  if (auto text = span_text(trace, read, span, TextRole::input)) {
    auto parsed = parse_json(*text, "tool input");
    if (parsed.is_ok() && parsed.value().is_object()) tool.input = parsed.take();
  }
  if (is_claude_tool(tool.name)) return tool;
  const std::string_view action = span_action(trace, span);
  JsonValue input = JsonValue::object();
  if (action == "shell") {
    std::optional<std::string> command = span_text(trace, read, span, TextRole::command);
    if (command) {
      command = command_line_of(*command);
    } else {
      command = command_in_input(tool.input);  // arguments recorded as one JSON text (Codex's function_call)
    }
    if (!command) return tool;
    input.set("command", JsonValue::string(std::move(*command)));
    tool.name = "Bash";
  } else if (action == "read" || action == "write" || action == "edit") {
    auto path = span_text(trace, read, span, TextRole::path);
    if (!path) return tool;
    input.set("file_path", JsonValue::string(*path));
    if (action == "read") {
      tool.name = "Read";
    } else if (action == "write") {
      set_text(input, "content", span_text(trace, read, span, TextRole::new_text));
      tool.name = "Write";
    } else {
      set_text(input, "old_string", span_text(trace, read, span, TextRole::old_text));
      set_text(input, "new_string", span_text(trace, read, span, TextRole::new_text));
      tool.name = "Edit";
    }
  } else {
    return tool;
  }
  tool.input = std::move(input);
  tool.mapped = true;
  return tool;
}

std::string_view agreement_name(RecordedDenial::Agreement agreement) {
  switch (agreement) {
    case RecordedDenial::Agreement::agree: return "agree";
    case RecordedDenial::Agreement::differs: return "differs";
    case RecordedDenial::Agreement::missed: return "missed";
  }
  return "missed";
}

SessionAudit audit_session(const PolicyEngine& engine, const Trace& trace, const RecordReader& read, uint32_t session,
                           const AuditOptions& options) {
  SessionAudit audit;
  audit.session = session;
  const Session& s = trace.sessions[session];
  const uint32_t first = s.first_span, end = s.first_span + s.span_count;
  for (uint32_t span = first; span < end && audit.project_dir.empty(); ++span) {
    if (auto cwd = string_attribute(trace, span, "cwd")) audit.project_dir = std::string(*cwd);
  }
  SessionState state;
  state.environment.project_dir = audit.project_dir;
  state.environment.home = home_of(audit.project_dir);
  const std::string_view session_id = trace.strings.get(s.id);
  const std::string_view transcript = s.input < trace.inputs.size() ? trace.inputs[s.input].path : std::string_view();

  for (uint32_t span = first; span < end; ++span) {
    if (trace.spans.kind[span] != SpanKind::tool) continue;
    HookTool tool = hook_tool_for_span(trace, read, span);
    ++audit.calls;
    audit.mapped_calls += tool.mapped;
    const std::optional<std::string_view> cwd = inherited_attribute(trace, span, first, "cwd");
    const std::optional<std::string_view> branch = inherited_attribute(trace, span, first, "git_branch");
    RecordedHookCall recorded;
    recorded.session_id = session_id;
    recorded.transcript_path = transcript;
    recorded.cwd = cwd.value_or(std::string_view());
    recorded.tool_name = tool.name;
    recorded.tool_input = &tool.input;
    const JsonValue pre_payload = claude_hook_payload("PreToolUse", recorded);
    HookCall pre;
    pre.event = "PreToolUse";
    pre.payload = &pre_payload;
    pre.git_branch = branch;
    const Evaluation pre_result = engine.evaluate(pre, state, options.mode);
    bool objected = collect(pre_result, span, false, options.mode, audit);
    audit.uncertain_calls += pre_result.live_uncertain;
    const bool denied = pre_result.decision.decision == Decision::deny;
    audit.denied_calls += denied;
    audit.instructed_calls += pre_result.decision.decision == Decision::instruct;

    if (trace.spans.status[span] == SpanStatus::denied) {
      RecordedDenial d;
      d.span = span;
      d.denied_by = std::string(string_attribute(trace, span, "denied_by").value_or(""));
      const std::string_view policy = string_attribute(trace, span, "policy").value_or("");
      const std::optional<PolicyId> builtin = find_builtin_policy(policy);
      d.recorded_policy = builtin ? canonical_policy_name(*builtin) : std::string(policy);
      if (denied) {
        d.replay_policy = pre_result.decision.policy_name;
        d.agreement = d.recorded_policy.empty() || d.recorded_policy == d.replay_policy
                          ? RecordedDenial::Agreement::agree
                          : RecordedDenial::Agreement::differs;
      }
      audit.recorded.push_back(std::move(d));
    }

    // PostToolUse: only for a call that ran (the live hook denied nothing, the recording shows it succeeded).
    if (options.post_tool_use && !denied && trace.spans.status[span] == SpanStatus::ok) {
      std::optional<std::string> output = span_text(trace, read, span, TextRole::output, 0, kMaxHookStdinBytes + 1);
      if (output && output->size() <= kMaxHookStdinBytes) {
        const JsonValue response = JsonValue::string(std::move(*output));
        recorded.tool_response = &response;
        const JsonValue post_payload = claude_hook_payload("PostToolUse", recorded);
        HookCall post = pre;
        post.event = "PostToolUse";
        post.payload = &post_payload;
        const Evaluation post_result = engine.evaluate(post, state, options.mode);
        ++audit.post_calls;
        objected |= collect(post_result, span, true, options.mode, audit);
        audit.post_denied_calls += post_result.decision.decision == Decision::deny;
      }
    }
    audit.what_if_calls += objected && options.mode == EvaluationMode::what_if;
  }
  return audit;
}

}  // namespace agentreel::policy
