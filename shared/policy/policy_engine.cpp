// PolicyEngine (see policy_engine.h): builds the per-call PolicyInput, runs the selected policies in catalog order
// through the DecisionCombiner, records warn-repeated-tool-calls' counts when the live hook would, and renders the
// response.
#include "policy/policy_engine.h"

#include "policy/builtin_policy.h"
#include "policy/js_text.h"
#include "policy/json_parse.h"
#include "policy/json_stringify.h"

namespace agentreel::policy {

struct PolicyEngine::Compiled {
  struct Entry {
    PolicyId id;
    std::string name;  // canonical
    PolicyParams params;
    std::unique_ptr<BuiltinPolicy> policy;
    uint32_t tools = 0;  // ToolBit set of its tool filter; kAnyTool when it has none
  };
  std::vector<Entry> entries;  // catalog order
  // For each EventBit (by bit position), the entries whose events include it, in catalog order.
  std::vector<const Entry*> by_event[4];
  EngineOptions options;
};

PolicyEngine::PolicyEngine() : compiled_(std::make_unique<Compiled>()) {}
PolicyEngine::PolicyEngine(PolicyEngine&&) noexcept = default;
PolicyEngine& PolicyEngine::operator=(PolicyEngine&&) noexcept = default;
PolicyEngine::~PolicyEngine() = default;

namespace {

// The tools any built-in filters on, as bits, so selecting a call's policies compares no strings.
enum ToolBit : uint32_t { kBash = 1, kRead = 2, kGlob = 4, kGrep = 8, kWrite = 16, kAnyTool = 0x80000000u };

uint32_t tool_bit(std::string_view tool) {
  if (tool == "Bash") return kBash;
  if (tool == "Read") return kRead;
  if (tool == "Glob") return kGlob;
  if (tool == "Grep") return kGrep;
  if (tool == "Write") return kWrite;
  return 0;
}

uint32_t tool_filter_bits(const PolicyInfo& info) {
  if (info.tools.empty()) return kAnyTool;
  uint32_t bits = 0;
  for (std::string_view tool : info.tools) bits |= tool_bit(tool);
  return bits;
}

// getConfigParamsFor: the canonical key when its value is truthy, else the flat key.
const JsonValue* user_params_for(const PolicyConfig& config, const PolicyInfo& info) {
  const JsonValue* canonical = config.policy_params.find("failproofai/" + std::string(info.short_name));
  if (canonical != nullptr && canonical->truthy()) return canonical;
  return config.policy_params.find(info.short_name);
}

// CMD / FP as the policies see them; `storage` keeps a copy when lone surrogates had to be replaced.
TextArgument text_argument(const JsonValue* tool_input, std::string_view key, std::string& storage,
                           std::string& original_storage) {
  TextArgument argument;
  const JsonValue* value = tool_input != nullptr ? tool_input->find(key) : nullptr;
  if (value == nullptr || value->is_null()) return argument;
  argument.truthy = value->truthy();
  if (value->is_string()) {
    argument.original = value->as_string();
  } else {
    argument.wrong_type = true;
    original_storage = js_to_string(*value);
    argument.original = original_storage;
  }
  argument.text = replace_lone_surrogates(argument.original, storage) ? std::string_view(storage) : argument.original;
  argument.bytes = BytePresence::of(argument.text);
  return argument;
}

std::string_view non_empty_string(const JsonValue& payload, std::string_view key) {
  const std::string* value = payload.find_string(key);
  return value != nullptr ? std::string_view(*value) : std::string_view();
}

}  // namespace

Result<PolicyEngine> PolicyEngine::create(const PolicySelection& selection, const PolicyConfig& config,
                                          EngineOptions options) {
  PolicyEngine engine;
  engine.compiled_->options = options;
  for (const PolicyInfo& info : policy_catalog()) {
    if (!selection.contains(info.id)) continue;
    PolicyParams params = PolicyParams::resolve(info, user_params_for(config, info));
    auto policy = make_builtin_policy(info.id, params);
    if (!policy.is_ok()) return policy.status();
    engine.compiled_->entries.push_back(
        {info.id, canonical_policy_name(info.id), std::move(params), policy.take(), tool_filter_bits(info)});
  }
  for (const Compiled::Entry& entry : engine.compiled_->entries) {
    for (int bit = 0; bit < 4; ++bit) {
      if ((policy_info(entry.id).events & (1u << bit)) != 0) engine.compiled_->by_event[bit].push_back(&entry);
    }
  }
  return engine;
}

std::vector<PolicyId> PolicyEngine::enabled_policies() const {
  std::vector<PolicyId> ids;
  for (const Compiled::Entry& entry : compiled_->entries) ids.push_back(entry.id);
  return ids;
}

Evaluation PolicyEngine::evaluate(const HookCall& call, SessionState& session, EvaluationMode mode) const {
  static const JsonValue kEmptyObject = JsonValue::object();
  Evaluation evaluation;
  const JsonValue* payload = call.payload != nullptr ? call.payload : &kEmptyObject;

  const uint8_t event = event_bit(call.event);
  PolicyInput input;
  input.event_name = call.event;
  input.payload = payload;
  input.scratch = &session.scratch;
  if (compiled_->options.apply_stdin_limit) {
    // Measured only when, even counted at their longest escapes, its strings could pass the cap.
    bool over = false;
    if (call.stdin_bytes) {
      over = *call.stdin_bytes > kMaxHookStdinBytes;
    } else if (json_stringify_size_bound(*payload) > kMaxHookStdinBytes) {
      over = input.stringified_payload().size() > kMaxHookStdinBytes;
    }
    if (over) {
      evaluation.payload_discarded = true;
      payload = &kEmptyObject;
      input = PolicyInput();
      input.event_name = call.event;
      input.payload = payload;
      input.scratch = &session.scratch;
    }
  }
  const JsonValue* tool_name = payload->find("tool_name");
  if (tool_name != nullptr && tool_name->is_string() && !tool_name->as_string().empty()) {
    input.tool_name = &tool_name->as_string();
  }
  input.tool_input = payload->find("tool_input");
  std::string command_storage, command_original, path_storage, path_original;
  input.command = text_argument(input.tool_input, "command", command_storage, command_original);
  input.file_path = text_argument(input.tool_input, "file_path", path_storage, path_original);
  input.cwd = non_empty_string(*payload, "cwd");
  input.transcript_path = non_empty_string(*payload, "transcript_path");
  input.environment = &session.environment;
  input.git_branch = call.git_branch;
  input.commands = call.commands;
  input.repeated_calls = &session.repeated_calls;

  DecisionCombiner combiner;
  static const std::vector<const Compiled::Entry*> kNone;
  const std::vector<const Compiled::Entry*>& candidates =
      event == 0 ? kNone : compiled_->by_event[__builtin_ctz(static_cast<unsigned>(event))];
  evaluation.outcomes.reserve(candidates.size());
  // The registry's selection: a tool filter needs the call's tool (policy_applies, with bits).
  const uint32_t call_tools = kAnyTool | (input.tool_name != nullptr ? tool_bit(*input.tool_name) : 0);
  for (const Compiled::Entry* candidate : candidates) {
    const Compiled::Entry& entry = *candidate;
    if ((entry.tools & call_tools) == 0) continue;
    const bool live = !combiner.decided() && !evaluation.handler_error;
    if (!live && mode == EvaluationMode::live) break;
    if (live && entry.params.handler_crash()) evaluation.handler_error = *entry.params.handler_crash();

    PolicyOutcome outcome{entry.id, entry.policy->evaluate(input), {}, live && !evaluation.handler_error};
    const PolicyVerdict& verdict = outcome.verdict;
    if (verdict.kind == VerdictKind::deny || verdict.kind == VerdictKind::instruct) {
      outcome.shown_reason = append_hint(verdict.reason, entry.params.hint());
    } else {
      outcome.shown_reason = verdict.reason;
    }
    if (outcome.ran_live) {
      combiner.add(entry.name, verdict.kind, verdict.reason, entry.params.hint());
      if (verdict.kind == VerdictKind::not_replayable) evaluation.live_uncertain = true;
      // warn-repeated-tool-calls counts the call only when it runs and does not instruct.
      if (entry.id == PolicyId::warn_repeated_tool_calls && verdict.kind == VerdictKind::allow) {
        if (auto fingerprint = input.repeated_call_fingerprint()) {
          session.repeated_calls.record(input.transcript_path, input.repeated_call_key(), *fingerprint);
        }
      }
    }
    evaluation.outcomes.push_back(std::move(outcome));
  }

  if (evaluation.handler_error) {
    evaluation.response = handler_error_response(*evaluation.handler_error);
    return evaluation;
  }
  evaluation.decision = combiner.finish();
  ResponseContext context;
  context.cli = compiled_->options.cli;
  context.event = call.event;
  context.raw_event = call.event;
  context.notes_off_stdout_without_context = compiled_->options.notes_off_stdout_without_context;
  context.payload_hook_event_name = payload->find("hook_event_name");
  std::string display_tool;
  if (tool_name != nullptr && tool_name->truthy() && !evaluation.payload_discarded) {
    display_tool = js_to_string(*tool_name);
  }
  display_tool = display_tool_name(call.event, display_tool);
  context.display_tool = display_tool;
  evaluation.response = render_hook_response(context, evaluation.decision);
  return evaluation;
}

Evaluation PolicyEngine::evaluate_stdin(std::string_view event, std::string_view stdin_text, SessionState& session,
                                        EvaluationMode mode, std::optional<std::string_view> git_branch,
                                        const CommandOracle* commands) const {
  HookCall call;
  call.event = event;
  call.stdin_bytes = stdin_text.size();
  call.git_branch = git_branch;
  call.commands = commands;
  JsonValue payload = JsonValue::object();
  bool unusable = compiled_->options.apply_stdin_limit && stdin_text.size() > kMaxHookStdinBytes;
  if (!unusable && !stdin_text.empty()) {
    auto parsed = parse_json(stdin_text, "stdin");
    if (parsed.is_ok()) {
      payload = parsed.take();
    } else {
      unusable = true;
    }
  }
  if (payload.is_null()) {
    // `parsed.tool_name` on null: the handler throws before any policy runs.
    Evaluation evaluation;
    evaluation.handler_error = "Cannot read properties of null (reading 'tool_name')";
    evaluation.response = handler_error_response(*evaluation.handler_error);
    return evaluation;
  }
  if (unusable) call.stdin_bytes = 0;
  call.payload = &payload;
  Evaluation evaluation = evaluate(call, session, mode);
  evaluation.payload_discarded = evaluation.payload_discarded || unusable;
  return evaluation;
}

}  // namespace agentreel::policy
