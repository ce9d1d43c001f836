// The audit replay (audit_replay.h): tool spans rebuilt as hook calls and fed through the engine session by
// session. Depends on the trace model and the policy engine only; no I/O.
#include "policy/audit_replay.h"

#include <algorithm>
#include <array>

#include "model/record_text.h"
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
    audit.findings.push_back({span, outcome.policy, post, kind, outcome.shown_reason, live, {}});
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

namespace {

// hook_tool_for_span on a call whose name, canonical action and text facts (text(role, max_bytes), as span_text
// gives them) the caller supplies.
template <typename TextOf>
HookTool hook_tool_from(std::string_view name, std::string_view action, TextOf&& text) {
  HookTool tool;
  tool.name = std::string(name);
  tool.input = JsonValue::object();
  if (auto input_text = text(TextRole::input, SIZE_MAX)) {
    auto parsed = parse_json(*input_text, "tool input");
    if (parsed.is_ok() && parsed.value().is_object()) tool.input = parsed.take();
  }
  if (is_claude_tool(tool.name)) return tool;
  JsonValue input = JsonValue::object();
  if (action == "shell") {
    std::optional<std::string> command = text(TextRole::command, SIZE_MAX);
    if (command) {
      command = command_line_of(*command);
    } else {
      command = command_in_input(tool.input);  // arguments recorded as one JSON text (Codex's function_call)
    }
    if (!command) return tool;
    input.set("command", JsonValue::string(std::move(*command)));
    tool.name = "Bash";
  } else if (action == "read" || action == "write" || action == "edit") {
    auto path = text(TextRole::path, SIZE_MAX);
    if (!path) return tool;
    input.set("file_path", JsonValue::string(*path));
    if (action == "read") {
      tool.name = "Read";
    } else if (action == "write") {
      set_text(input, "content", text(TextRole::new_text, SIZE_MAX));
      tool.name = "Write";
    } else {
      set_text(input, "old_string", text(TextRole::old_text, SIZE_MAX));
      set_text(input, "new_string", text(TextRole::new_text, SIZE_MAX));
      tool.name = "Edit";
    }
  } else {
    return tool;
  }
  tool.input = std::move(input);
  tool.mapped = true;
  return tool;
}

}  // namespace

HookTool hook_tool_for_span(const Trace& trace, const RecordReader& read, uint32_t span) {
  return hook_tool_from(trace.name_of(span), span_action(trace, span), [&](TextRole role, size_t max_bytes) {
    return span_text(trace, read, span, role, 0, max_bytes);
  });
}

std::string_view agreement_name(RecordedDenial::Agreement agreement) {
  switch (agreement) {
    case RecordedDenial::Agreement::agree: return "agree";
    case RecordedDenial::Agreement::differs: return "differs";
    case RecordedDenial::Agreement::missed: return "missed";
  }
  return "missed";
}

namespace {

// The attributes the replay asks of every tool span, found in one pass over the session's attribute rows: each the
// first row of its key on the span (Trace::find_attribute's rule), kept when it is a string.
enum AttrSlot : uint8_t { kCwd, kGitBranch, kAction, kDeniedBy, kPolicy, kSlotCount };
constexpr std::array<std::string_view, kSlotCount> kSlotKeys = {"cwd", "git_branch", "action", "denied_by", "policy"};
// The text facts the replay reads: the first row of each role on the span (span_text's nth = 0).
constexpr std::array<TextRole, 6> kReadRoles = {TextRole::input,    TextRole::command,  TextRole::path,
                                                TextRole::old_text, TextRole::new_text, TextRole::output};

struct SpanFacts {
  std::array<StringId, kSlotCount> attr{};
  uint8_t seen = 0;                                // bit per slot: a row of the key came (the first one decides)
  uint8_t is_string = 0;                           // bit per slot: that first row is a string
  std::array<uint32_t, kReadRoles.size()> text{};  // 1 + index into SessionReader::texts_, 0: none
};

// One session's spans with their attributes and text facts decoded, and the records read through one buffer
// (the last two records kept: a call's arguments and its output lie in its begin and end records).
class SessionReader {
 public:
  SessionReader(const Trace& trace, uint32_t session, const RecordBytesReader& read)
      : trace_(trace),
        read_(read),
        first_(trace.sessions[session].first_span),
        end_(first_ + trace.sessions[session].span_count),
        facts_(end_ - first_) {
    std::vector<std::pair<StringId, int8_t>> key_slots;  // attribute key -> slot (-1: not asked)
    trace.attributes.for_each_in(first_, end_, [&](const Attribute& a) {
      int8_t slot = -2;
      for (const auto& [key, known] : key_slots) {
        if (key == a.key) slot = known;
      }
      if (slot == -2) {
        const std::string_view name = trace.strings.get(a.key);
        slot = -1;
        for (size_t i = 0; i < kSlotKeys.size(); ++i) {
          if (name == kSlotKeys[i]) slot = int8_t(i);
        }
        key_slots.emplace_back(a.key, slot);
      }
      if (slot < 0) return;
      SpanFacts& f = facts_[a.span - first_];
      const uint8_t bit = uint8_t(1u << slot);
      if (f.seen & bit) return;
      f.seen |= bit;
      if (a.type == AttrType::string) {
        f.is_string |= bit;
        f.attr[size_t(slot)] = StringId(a.value);
      }
    });
    const std::vector<uint32_t>& spans = trace.texts.spans();
    const size_t lo = size_t(std::lower_bound(spans.begin(), spans.end(), first_) - spans.begin());
    const size_t hi = size_t(std::lower_bound(spans.begin(), spans.end(), end_) - spans.begin());
    trace.texts.records().for_each(lo, hi, [&](size_t row, RecordRef ref) {
      const uint32_t span = spans[row];
      if (trace.spans.kind[span] != SpanKind::tool) return;
      const TextRole role = trace.texts.roles()[row];
      for (size_t i = 0; i < kReadRoles.size(); ++i) {
        if (kReadRoles[i] != role) continue;
        uint32_t& slot = facts_[span - first_].text[i];
        if (slot == 0) {
          texts_.push_back({ref, trace.texts.paths()[row]});
          slot = uint32_t(texts_.size());
        }
      }
    });
  }

  uint32_t first() const { return first_; }
  uint32_t end() const { return end_; }

  // The attribute of `slot` on the span when its first row of that key is a string (string_attribute).
  std::optional<std::string_view> attribute(uint32_t span, AttrSlot slot) const {
    const SpanFacts& f = facts_[span - first_];
    if (!(f.is_string & (1u << slot))) return std::nullopt;
    return trace_.strings.get(f.attr[slot]);
  }
  // The attribute on the span, else on the nearest ancestor in the session that has it, else on the session's
  // first span (ancestors outside the session asked of the trace, as before).
  std::optional<std::string_view> inherited(uint32_t span, AttrSlot slot) const {
    for (uint32_t at = span, depth = 0; at != kNoSpan && depth < 4096; at = trace_.spans.parent[at], ++depth) {
      if (at >= first_ && at < end_) {
        if (auto value = attribute(at, slot)) return value;
      } else if (auto value = string_attribute(trace_, at, kSlotKeys[slot])) {
        return value;
      }
    }
    return attribute(first_, slot);
  }

  // span_text(trace, read, span, role, 0, max_bytes) through the session's decoded facts and record buffers.
  std::optional<std::string> text(uint32_t span, TextRole role, size_t max_bytes) {
    size_t index = 0;
    while (index < kReadRoles.size() && kReadRoles[index] != role) ++index;
    if (index == kReadRoles.size()) return std::nullopt;
    const uint32_t slot = facts_[span - first_].text[index];
    if (slot == 0) return std::nullopt;
    const TextFact& fact = texts_[slot - 1];
    const std::string* record = record_bytes(fact.record);
    if (record == nullptr) return std::nullopt;
    return record_text_at(*record, trace_.strings.get(fact.path), max_bytes);
  }

  // A RecordReader over the same buffers (for call_summary).
  RecordReader reader() {
    return [this](RecordRef ref) {
      const std::string* record = record_bytes(ref);
      return record != nullptr ? *record : std::string();
    };
  }

 private:
  struct TextFact {
    RecordRef record;
    StringId path = 0;
  };
  struct Buffer {
    RecordRef ref;
    bool filled = false;
    std::string bytes;
  };

  // The record's bytes, or nullptr when it cannot be read or is empty (span_text's "no text").
  const std::string* record_bytes(RecordRef ref) {
    for (Buffer& b : buffers_) {
      if (b.filled && b.ref == ref) return b.bytes.empty() ? nullptr : &b.bytes;
    }
    Buffer& b = buffers_[next_];
    next_ ^= 1;
    b.ref = ref;
    b.filled = true;
    if (!read_ || !read_(ref, b.bytes)) b.bytes.clear();
    return b.bytes.empty() ? nullptr : &b.bytes;
  }

  const Trace& trace_;
  const RecordBytesReader& read_;
  const uint32_t first_, end_;
  std::vector<SpanFacts> facts_;
  std::vector<TextFact> texts_;
  std::array<Buffer, 2> buffers_;
  size_t next_ = 0;
};

void set_payload_string(JsonValue& payload, std::string_view key, std::string_view value) {
  if (!value.empty()) payload.set(std::string(key), JsonValue::string(std::string(value)));
}

}  // namespace

SessionAudit audit_session(const PolicyEngine& engine, const Trace& trace, const RecordBytesReader& read,
                           uint32_t session, const AuditOptions& options) {
  SessionAudit audit;
  audit.session = session;
  const Session& s = trace.sessions[session];
  SessionReader reader(trace, session, read);
  const uint32_t first = reader.first(), end = reader.end();
  for (uint32_t span = first; span < end && audit.project_dir.empty(); ++span) {
    if (auto cwd = reader.attribute(span, kCwd)) audit.project_dir = std::string(*cwd);
  }
  SessionState state;
  state.environment.project_dir = audit.project_dir;
  state.environment.home = home_of(audit.project_dir);
  const std::string_view session_id = trace.strings.get(s.id);
  const std::string_view transcript = s.input < trace.inputs.size() ? trace.inputs[s.input].path : std::string_view();
  const RecordReader summary_reader = options.call_summaries ? reader.reader() : RecordReader();

  for (uint32_t span = first; span < end; ++span) {
    if (trace.spans.kind[span] != SpanKind::tool) continue;
    const std::string_view action = reader.attribute(span, kAction).value_or(std::string_view());
    HookTool tool = hook_tool_from(trace.name_of(span), action,
                                   [&](TextRole role, size_t max_bytes) { return reader.text(span, role, max_bytes); });
    ++audit.calls;
    audit.mapped_calls += tool.mapped;
    const std::optional<std::string_view> cwd = reader.inherited(span, kCwd);
    const std::optional<std::string_view> branch = reader.inherited(span, kGitBranch);
    // claude_hook_payload's members in its order (hook_payload.h), the arguments moved in rather than copied.
    RecordedHookCall recorded;
    recorded.session_id = session_id;
    recorded.transcript_path = transcript;
    recorded.cwd = cwd.value_or(std::string_view());
    recorded.tool_name = tool.name;
    JsonValue payload = claude_hook_payload("PreToolUse", recorded);
    const bool has_tool = !tool.name.empty();
    if (has_tool) payload.set("tool_input", std::move(tool.input));
    HookCall pre;
    pre.event = "PreToolUse";
    pre.payload = &payload;
    pre.git_branch = branch;
    const size_t findings_before = audit.findings.size();
    const Evaluation pre_result = engine.evaluate(pre, state, options.mode);
    bool objected = collect(pre_result, span, false, options.mode, audit);
    audit.uncertain_calls += pre_result.live_uncertain;
    const bool denied = pre_result.decision.decision == Decision::deny;
    audit.denied_calls += denied;
    audit.instructed_calls += pre_result.decision.decision == Decision::instruct;

    if (trace.spans.status[span] == SpanStatus::denied) {
      RecordedDenial d;
      d.span = span;
      d.denied_by = std::string(reader.attribute(span, kDeniedBy).value_or(""));
      const std::string_view policy = reader.attribute(span, kPolicy).value_or("");
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
      std::optional<std::string> output = reader.text(span, TextRole::output, kMaxHookStdinBytes + 1);
      if (output && output->size() <= kMaxHookStdinBytes) {
        set_payload_string(payload, "hook_event_name", "PostToolUse");
        if (has_tool) payload.set("tool_response", JsonValue::string(std::move(*output)));
        HookCall post = pre;
        post.event = "PostToolUse";
        const Evaluation post_result = engine.evaluate(post, state, options.mode);
        ++audit.post_calls;
        objected |= collect(post_result, span, true, options.mode, audit);
        audit.post_denied_calls += post_result.decision.decision == Decision::deny;
      }
    }
    audit.what_if_calls += objected && options.mode == EvaluationMode::what_if;
    if (options.call_summaries && audit.findings.size() > findings_before) {
      const std::string call = call_summary(trace, summary_reader, span, options.call_summary_bytes);
      for (size_t i = findings_before; i < audit.findings.size(); ++i) audit.findings[i].call = call;
    }
  }
  return audit;
}

SessionAudit audit_session(const PolicyEngine& engine, const Trace& trace, const RecordReader& read, uint32_t session,
                           const AuditOptions& options) {
  const RecordBytesReader bytes = [&read](RecordRef ref, std::string& out) {
    if (!read) return false;
    out = read(ref);
    return true;
  };
  return audit_session(engine, trace, bytes, session, options);
}

std::vector<SessionAudit> audit_sessions(const PolicyEngine& engine, const Trace& trace,
                                         const std::vector<uint32_t>& sessions,
                                         const std::function<RecordBytesReader()>& make_reader,
                                         const ParallelFor& parallel, size_t tasks, const AuditOptions& options) {
  std::vector<SessionAudit> out(sessions.size());
  // Runs of equal span counts rather than equal session counts: one huge session must not hold a whole run up.
  tasks = std::max<size_t>(1, std::min(tasks, sessions.size()));
  uint64_t total = 0;
  for (const uint32_t s : sessions) total += trace.sessions[s].span_count;
  std::vector<size_t> cut(tasks + 1, sessions.size());
  cut[0] = 0;
  uint64_t seen = 0;
  for (size_t i = 0, task = 1; i < sessions.size() && task < tasks; ++i) {
    seen += trace.sessions[sessions[i]].span_count;
    while (task < tasks && seen * tasks >= total * task) cut[task++] = i + 1;
  }
  run_tasks(parallel, tasks, [&](size_t task) {
    const RecordBytesReader reader = make_reader ? make_reader() : RecordBytesReader();
    for (size_t i = cut[task]; i < cut[task + 1]; ++i)
      out[i] = audit_session(engine, trace, reader, sessions[i], options);
  });
  return out;
}

void AuditTally::add(const SessionAudit& a) {
  calls += a.calls;
  mapped += a.mapped_calls;
  post_calls += a.post_calls;
  denied += a.denied_calls;
  post_denied += a.post_denied_calls;
  instructed += a.instructed_calls;
  what_if += a.what_if_calls;
  uncertain += a.uncertain_calls;
  for (const RecordedDenial& d : a.recorded) {
    ++recorded;
    agree += d.agreement == RecordedDenial::Agreement::agree;
    differs += d.agreement == RecordedDenial::Agreement::differs;
    missed += d.agreement == RecordedDenial::Agreement::missed;
  }
}
}  // namespace agentreel::policy
