// Diagnosis of one session: the detectors (loop, blocked, bypass, error, gave up, unfinished, stall and
// waiting, compaction, drift, model switch) over the span columns, then ranking and the verdict sentence. Payloads are
// read only for candidate spans (same-tool runs, denials, sampled drift steps), so a 1M-span trace stays fast. No I/O,
// no platform code; the caller supplies payload bytes through RecordReader.
#include "analysis/diagnosis.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "analysis/text_features.h"
#include "core/text.h"
#include "model/call_features.h"

namespace agentreel::analysis {

std::string_view finding_kind_name(FindingKind kind) {
  switch (kind) {
    case FindingKind::loop: return "loop";
    case FindingKind::drift: return "drift";
    case FindingKind::blocked: return "blocked";
    case FindingKind::error: return "error";
    case FindingKind::unfinished: return "unfinished";
    case FindingKind::stall: return "stall";
    case FindingKind::compaction: return "compaction";
    case FindingKind::waiting: return "waiting";
    case FindingKind::bypass: return "bypass";
    case FindingKind::model_switch: return "model_switch";
    case FindingKind::gave_up: return "gave_up";
  }
  return "unknown";
}

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::critical: return "critical";
  }
  return "unknown";
}

namespace {

constexpr size_t kMaxListedSpans = 64;

// Time arithmetic that clamps instead of overflowing: a log may give any 64-bit time.
int64_t add_ns(int64_t a, int64_t b) {
  int64_t out;
  return __builtin_add_overflow(a, b, &out) ? (b > 0 ? INT64_MAX : INT64_MIN) : out;
}
int64_t sub_ns(int64_t a, int64_t b) {
  int64_t out;
  return __builtin_sub_overflow(a, b, &out) ? (b < 0 ? INT64_MAX : INT64_MIN) : out;
}

// What makes two calls the same call: the tool and its normalised arguments. A call whose payload is missing
// cannot be shown identical to another and keys as its own span.
struct CallKey {
  std::string tool, arguments;
  uint32_t unknown_span = kNoSpan;
  bool operator==(const CallKey&) const = default;
  bool operator<(const CallKey& o) const {  // libc++ 14 (the wasm build) has no operator<=> for strings
    return std::tie(tool, arguments, unknown_span) < std::tie(o.tool, o.arguments, o.unknown_span);
  }
};

std::string span_list(const std::vector<uint32_t>& spans, size_t max_named = 4) {
  std::string out;
  for (size_t i = 0; i < spans.size() && i < max_named; ++i) {
    if (i) out += (i + 1 == spans.size() || i + 1 == max_named) && spans.size() <= max_named ? " and " : ", ";
    out += std::to_string(spans[i]);
  }
  if (spans.size() > max_named) out += ", …";
  return out;
}

class SessionAnalyzer {
 public:
  SessionAnalyzer(const Trace& trace, uint32_t session, const RecordReader& payload, const DiagnosisOptions& options)
      : trace_(trace), s_(trace.sessions[session]), payload_(payload), opt_(options) {
    begin_ = s_.first_span;
    end_ = s_.first_span + s_.span_count;
    load_call_facts();
    for (uint32_t i = begin_; i < end_; ++i) {
      if (trace_.spans.kind[i] == SpanKind::agent && trace_.spans.parent[i] == kNoSpan) {
        root_ = i;
        break;
      }
    }
  }

  std::vector<Finding> run() {
    collect_steps();
    detect_loops();
    detect_blocked();
    detect_bypass();
    detect_errors();
    detect_gave_up();
    detect_unfinished();
    detect_stall();
    detect_compaction();
    detect_drift();
    detect_model_switch();
    return std::move(findings_);
  }

 private:
  // ---- payload access (memoised per span) ----
  const std::string& begin_payload(uint32_t span) {
    auto it = payload_cache_.find(span);
    if (it != payload_cache_.end()) return it->second;
    std::string bytes;
    RecordRef ref = trace_.spans.begin_record[span];
    if (ref.length == 0) ref = trace_.spans.end_record[span];
    if (ref.length > 0 && payload_) {
      ref.length = std::min(ref.length, opt_.max_payload_bytes * 4);
      bytes = payload_(ref);
    }
    return payload_cache_.emplace(span, std::move(bytes)).first->second;
  }

  // Normalised arguments of a call with its tool name, memoised.
  const CallKey& call_key(uint32_t span) {
    auto it = key_cache_.find(span);
    if (it != key_cache_.end()) return it->second;
    // The reader's identity hash of the arguments (prose left out), when it stored one: no payload read.
    if (const int64_t hash = facts(span).args_hash; hash != 0) {
      char hex[24];
      std::snprintf(hex, sizeof hex, "#%llx", static_cast<unsigned long long>(hash));
      return key_cache_.emplace(span, CallKey{std::string(trace_.name_of(span)), hex, kNoSpan}).first->second;
    }
    const std::string& record = begin_payload(span);
    // Without its payload a call cannot be shown identical to another: give it a key of its own.
    if (record.empty()) return key_cache_.emplace(span, CallKey{{}, {}, span}).first->second;
    std::string_view args = call_arguments_text(record);
    if (args.size() > opt_.max_payload_bytes) args = args.substr(0, opt_.max_payload_bytes);
    CallKey key{std::string(trace_.name_of(span)), normalize_text(args), kNoSpan};
    return key_cache_.emplace(span, std::move(key)).first->second;
  }

  // What a person would call the action: the command, the file, or the arguments, shortened.
  std::string action_words(uint32_t span) {
    const std::string& record = begin_payload(span);
    std::string_view args = call_arguments_text(record);
    for (std::string_view field : {"command", "file_path", "path", "pattern", "query", "url", "prompt"}) {
      std::string value = json_string_field(args, field);
      if (!value.empty()) return shorten(one_line(value), 80);
    }
    std::string name = attr_string(span, "tool_name");
    if (name.empty()) name = std::string(trace_.name_of(span));
    if (args.empty() || args.size() == record.size()) return name.empty() ? "a call" : name;
    return name + " " + shorten(one_line(args), 70);
  }

  static std::string one_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      const bool escaped_space =
          c == '\\' && i + 1 < text.size() && (text[i + 1] == 'n' || text[i + 1] == 't' || text[i + 1] == 'r');
      if (escaped_space || c == '\n' || c == '\t' || c == '\r' || c == ' ') {
        i += escaped_space;
        space = true;
        continue;
      }
      if (space && !out.empty()) out += ' ';
      space = false;
      out += c;
    }
    return out;
  }

  // The verb for what a call did: a command is run, a file edited, written or read, a pattern searched.
  std::string_view call_verb(uint32_t call) const {
    std::string name(trace_.name_of(call));
    for (char& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
    auto has = [&](std::string_view part) { return name.find(part) != std::string::npos; };
    if (has("edit") || has("patch") || has("replace")) return "edited";
    if (has("write") || has("create")) return "wrote";
    if (has("read") || has("view")) return "read";
    if (has("grep") || has("glob") || has("search") || has("find")) return "searched";
    if (has("bash") || has("shell") || has("exec") || has("command") || has("run") || has("terminal")) return "ran";
    return "called";
  }

  // The call features readers stored (model/call_features.h), for every call of the session in one pass over
  // its attribute rows: the detectors ask for them call after call.
  struct CallFacts {
    int64_t args_hash = 0, target_hash = 0, write_hash = 0;
    uint32_t flags = 0;
  };
  void load_call_facts() {
    facts_.assign(end_ - begin_, CallFacts{});
    std::unordered_map<StringId, int> slot_of_key;  // 0 args, 1 target, 2 write, 3 flags, -1 other
    trace_.attributes.for_each_in(begin_, end_, [&](const Attribute& row) {
      if (row.type != AttrType::integer) return;
      auto [it, inserted] = slot_of_key.try_emplace(row.key, -1);
      if (inserted) {
        const std::string_view key = trace_.strings.get(row.key);
        it->second = key == "args_hash"     ? 0
                     : key == "target_hash" ? 1
                     : key == "write_hash"  ? 2
                     : key == "call_flags"  ? 3
                                            : -1;
      }
      CallFacts& f = facts_[row.span - begin_];
      switch (it->second) {
        case 0: f.args_hash = row.value; break;
        case 1: f.target_hash = row.value; break;
        case 2: f.write_hash = row.value; break;
        case 3: f.flags = static_cast<uint32_t>(row.value); break;
        default: break;
      }
    });
  }
  const CallFacts& facts(uint32_t span) const { return facts_[span - begin_]; }

  int64_t attr_int(uint32_t span, std::string_view key) const {
    const std::optional<Attribute> a = trace_.find_attribute(span, key);
    return a && a->type == AttrType::integer ? a->value : 0;
  }
  uint32_t call_flags(uint32_t span) const { return facts(span).flags; }
  // A call that only waits on a background task or the clock: polling it again is not a loop.
  bool waits(uint32_t span) const { return (call_flags(span) & kCallWaits) != 0; }

  std::string attr_string(uint32_t span, std::string_view key) const {
    const std::optional<Attribute> a = trace_.find_attribute(span, key);
    if (!a || a->type != AttrType::string) return {};
    return std::string(trace_.strings.get(StringId(a->value)));
  }

  uint32_t agent_of(uint32_t span) const {
    uint32_t p = trace_.spans.parent[span];
    for (int guard = 0; p != kNoSpan && guard < 64; ++guard) {
      if (trace_.spans.kind[p] == SpanKind::agent) return p;
      p = trace_.spans.parent[p];
    }
    return kNoSpan;
  }

  void collect_steps() {
    for (uint32_t i = begin_; i < end_; ++i) {
      if (trace_.spans.kind[i] != SpanKind::tool) continue;
      steps_by_agent_[agent_of(i)].push_back(i);
    }
  }

  // A call a policy or the user refused: its retries are reported as blocked, not as a loop.
  bool refused(uint32_t tool) const {
    uint32_t hook = kNoSpan;
    return trace_.spans.status[tool] == SpanStatus::denied || is_denied_hook_child(tool, hook) ||
           denied_by_hook_text(tool);
  }

  // Claude Code without a hook log: the call's result is the harness' own words for a PreToolUse hook that
  // blocked it, "PreToolUse:Bash hook error: [cmd]: reason" (exit code 2) or "Hook PreToolUse:Bash denied
  // this tool" (permissionDecision deny). A hook that merely failed is not in the result: the call ran.
  bool denied_by_hook_text(uint32_t tool) const {
    if (trace_.spans.status[tool] != SpanStatus::error || trace_.spans.kind[tool] != SpanKind::tool) return false;
    const std::string error = attr_string(tool, "error");
    return hook_denial_reason(error) != nullptr;
  }

  // The reason inside a hook denial text ("" when it names none), or nullptr when `error` is not one.
  static const char* hook_denial_reason(const std::string& error) {
    if (error.rfind("PreToolUse:", 0) == 0) {
      const size_t at = error.find(" hook error: ");
      if (at == std::string::npos || at > 80) return nullptr;
      const size_t close = error.find("]: ", at);
      return close == std::string::npos ? "" : error.c_str() + close + 3;
    }
    if (error.rfind("Hook PreToolUse:", 0) == 0 && error.find(" denied this tool") != std::string::npos) return "";
    return nullptr;
  }

  void add(Finding f) {
    if (f.spans.size() > kMaxListedSpans) f.spans.resize(kMaxListedSpans);
    // One line each: a reason's line breaks and a payload's JSON escapes (\n) read as spaces.
    f.summary = one_line(f.summary);
    for (std::string& e : f.evidence) e = one_line(e);
    findings_.push_back(std::move(f));
  }

  // ---- loop ----
  void detect_loops() {
    for (auto& [agent, steps] : steps_by_agent_) {
      std::vector<uint32_t> allowed;
      for (uint32_t s : steps)
        if (!refused(s) && !waits(s)) allowed.push_back(s);
      detect_loops_in(allowed);
    }
    detect_retry_loops();
  }

  void detect_loops_in(const std::vector<uint32_t>& steps) {
    const size_t n = steps.size();
    std::vector<bool> in_loop(n, false);
    // Identical calls back to back: candidates are runs of the same tool name; payloads only for those.
    size_t i = 0;
    while (i < n) {
      size_t j = i + 1;
      while (j < n && trace_.spans.name[steps[j]] == trace_.spans.name[steps[i]]) ++j;
      if (j - i >= opt_.min_loop_repeats) {
        size_t a = i;
        while (a < j) {
          size_t b = a + 1;
          while (b < j && call_key(steps[b]) == call_key(steps[a])) ++b;
          // The whole run when it is long; else its streaks of failures (a success before them was progress).
          const bool whole = b - a >= opt_.min_loop_repeats_any;
          for (size_t x = a; x < b;) {
            size_t y = x;
            if (whole) {
              y = b;
            } else {
              while (y < b && trace_.spans.status[steps[y]] == SpanStatus::error) ++y;
              if (y == x) {
                ++x;
                continue;
              }
            }
            if (y - x >= opt_.min_loop_repeats) {
              report_identical_loop(steps, x, y);
              for (size_t k = x; k < y; ++k) in_loop[k] = true;
            }
            x = y;
          }
          a = b;
        }
      }
      i = j;
    }
    // A-B-A-B cycles: name[k] == name[k-2] != name[k-1] over min_cycle_steps, then compare arguments.
    i = 0;
    while (i + 2 < n) {
      size_t j = i + 2;
      while (j < n && !in_loop[j] && trace_.spans.name[steps[j]] == trace_.spans.name[steps[j - 2]]) ++j;
      if (j - i >= opt_.min_cycle_steps && !in_loop[i] && !in_loop[i + 1]) {
        size_t end = i + 2;
        while (end < j && call_key(steps[end]) == call_key(steps[end - 2]) &&
               call_key(steps[end]) != call_key(steps[end - 1]))
          ++end;
        if (end - i >= opt_.min_cycle_steps && call_key(steps[i]) != call_key(steps[i + 1]) &&
            repeats_without_progress(steps, i, end, 2)) {
          report_cycle(steps, i, end);
          for (size_t k = i; k < end; ++k) in_loop[k] = true;
          i = end;
          continue;
        }
      }
      ++i;
    }
  }

  // Whether calls steps[a..b), the same call (stride 1) or the same pair of calls (stride 2) over and over,
  // made no progress: one of the repeated calls failed every time at least min_loop_repeats times, or the
  // repetition went on min_loop_repeats_any times whatever the outcome. Reading a file three times is no loop.
  bool repeats_without_progress(const std::vector<uint32_t>& steps, size_t a, size_t b, size_t stride) const {
    const size_t repeats = (b - a) / stride;
    if (repeats >= opt_.min_loop_repeats_any) return true;
    if (repeats < opt_.min_loop_repeats) return false;
    for (size_t phase = 0; phase < stride; ++phase) {
      bool all_failed = true;
      for (size_t k = a + phase; k < b && all_failed; k += stride)
        all_failed = trace_.spans.status[steps[k]] == SpanStatus::error;
      if (all_failed) return true;
    }
    return false;
  }

  // The error that sent the agent into a loop starting at steps[a]: the latest failed call among the few before it.
  uint32_t loop_cause(const std::vector<uint32_t>& steps, size_t a) const {
    for (size_t k = a; k-- > 0 && a - k <= kLoopCauseLookback;)
      if (trace_.spans.status[steps[k]] == SpanStatus::error) return steps[k];
    return kNoSpan;
  }
  static constexpr size_t kLoopCauseLookback = 3;

  void report_identical_loop(const std::vector<uint32_t>& steps, size_t a, size_t b) {
    Finding f;
    f.kind = FindingKind::loop;
    f.cause_span = loop_cause(steps, a);
    size_t failed = 0;
    std::string error;
    bool same_error = true;
    for (size_t k = a; k < b; ++k) {
      f.spans.push_back(steps[k]);
      if (trace_.spans.status[steps[k]] == SpanStatus::error) {
        ++failed;
        std::string e = normalize_text(attr_string(steps[k], "error"));
        if (error.empty())
          error = e;
        else if (e != error)
          same_error = false;
      }
    }
    f.first_span = steps[a];
    f.last_span = steps[b - 1];
    const size_t count = b - a;
    f.count = static_cast<uint32_t>(count);
    f.severity = (failed == count || count >= 5) ? Severity::critical : Severity::warning;
    const std::string action = action_words(steps[a]);
    f.summary = "looped " + std::to_string(count) + "× on " + (failed == count ? "a failing " : "the same ") + "`" +
                action + "` from span " + std::to_string(f.first_span) + " to " + std::to_string(f.last_span);
    if (failed == count && same_error && !error.empty())
      f.summary += ", same error each time (" + shorten(attr_string(steps[a], "error"), 60) + ")";
    f.evidence.push_back("span " + std::to_string(steps[a]) + ": " +
                         shorten(call_arguments_text(begin_payload(steps[a])), 200));
    f.evidence.push_back("span " + std::to_string(steps[a + 1]) + ": " +
                         shorten(call_arguments_text(begin_payload(steps[a + 1])), 200));
    add(std::move(f));
  }

  void report_cycle(const std::vector<uint32_t>& steps, size_t a, size_t b) {
    Finding f;
    f.kind = FindingKind::loop;
    f.cause_span = loop_cause(steps, a);
    for (size_t k = a; k < b; ++k) f.spans.push_back(steps[k]);
    f.first_span = steps[a];
    f.last_span = steps[b - 1];
    f.severity = Severity::critical;
    f.count = static_cast<uint32_t>((b - a) / 2);
    f.summary = "cycled " + std::to_string((b - a) / 2) + "× between `" + action_words(steps[a]) + "` and `" +
                action_words(steps[a + 1]) + "` from span " + std::to_string(f.first_span) + " to " +
                std::to_string(f.last_span);
    f.evidence.push_back("span " + std::to_string(steps[a]) + ": " +
                         shorten(call_arguments_text(begin_payload(steps[a])), 200));
    f.evidence.push_back("span " + std::to_string(steps[a + 2]) + ": " +
                         shorten(call_arguments_text(begin_payload(steps[a + 2])), 200));
    add(std::move(f));
  }

  // A model request and the same error alternating (retries with no tool call in between).
  void detect_retry_loops() {
    std::vector<uint32_t> run;
    auto flush = [&] {
      if (run.size() >= opt_.min_loop_repeats) {
        Finding f;
        f.kind = FindingKind::loop;
        f.severity = Severity::critical;
        f.spans = run;
        f.first_span = run.front();
        f.last_span = run.back();
        std::string what(trace_.name_of(run.front()));
        f.summary = "retried " + std::to_string(run.size()) + "× into the same error (" + what + ") from span " +
                    std::to_string(f.first_span) + " to " + std::to_string(f.last_span);
        const std::string msg = attr_string(run.front(), "message");
        f.evidence.push_back("span " + std::to_string(run[0]) + ": " + what +
                             (msg.empty() ? "" : ": " + shorten(msg, 160)));
        f.evidence.push_back(
            "span " + std::to_string(run[1]) + ": " + std::string(trace_.name_of(run[1])) +
            (attr_string(run[1], "message").empty() ? "" : ": " + shorten(attr_string(run[1], "message"), 160)));
        for (uint32_t s : run) retry_loop_spans_.insert(s);
        add(std::move(f));
      }
      run.clear();
    };
    for (uint32_t i = begin_; i < end_; ++i) {
      const SpanKind k = trace_.spans.kind[i];
      if (k == SpanKind::error) {
        if (!run.empty() && trace_.spans.name[run.back()] != trace_.spans.name[i]) flush();
        run.push_back(i);
      } else if (k == SpanKind::tool || k == SpanKind::human) {
        flush();
      }
    }
    flush();
  }

  // ---- blocked ----
  bool is_denied_hook_child(uint32_t tool, uint32_t& hook) const {
    for (uint32_t c = tool + 1; c < end_ && c < tool + 32; ++c) {
      if (trace_.spans.parent[c] == tool && trace_.spans.kind[c] == SpanKind::hook &&
          trace_.spans.status[c] == SpanStatus::denied) {
        hook = c;
        return true;
      }
    }
    return false;
  }

  void detect_blocked() {
    struct Group {
      std::string policy, reason, action;
      bool named_by_event = false;  // a hook that names no policy: `policy` is its event ("PreToolUse")
      std::vector<uint32_t> spans;  // the denied actions (tool span, or hook when no tool is known)
    };
    std::vector<Group> groups;
    std::map<std::tuple<std::string, bool, CallKey>, size_t> index;
    for (uint32_t i = begin_; i < end_; ++i) {
      // A reader that knows the harness' words for a hook block marks the call denied by a hook (denied_by).
      uint32_t denying_hook = kNoSpan;
      const bool by_text = (trace_.spans.status[i] == SpanStatus::error && denied_by_hook_text(i)) ||
                           (trace_.spans.status[i] == SpanStatus::denied && attr_string(i, "denied_by") == "hook" &&
                            !is_denied_hook_child(i, denying_hook));
      if (trace_.spans.status[i] != SpanStatus::denied && !by_text) continue;
      const SpanKind k = trace_.spans.kind[i];
      uint32_t action_span = i, hook = kNoSpan;
      if (by_text) {
        // the harness' words are all there is
      } else if (k == SpanKind::hook) {
        const uint32_t p = trace_.spans.parent[i];
        if (p != kNoSpan && trace_.spans.kind[p] == SpanKind::tool) continue;  // reported with its tool
        hook = i;
      } else if (k == SpanKind::tool) {
        if (!is_denied_hook_child(i, hook)) hook = kNoSpan;
      } else {
        continue;
      }
      std::string policy = hook != kNoSpan ? attr_string(hook, "policy") : attr_string(i, "policy");
      if (policy.empty() && hook != kNoSpan) policy = std::string(trace_.name_of(hook));
      std::string reason = hook != kNoSpan ? attr_string(hook, "reason") : std::string();
      if (reason.empty()) reason = attr_string(i, "reason");
      if (reason.empty() && by_text) reason = hook_denial_reason(attr_string(i, "error"));
      if (reason.empty()) reason = attr_string(i, "error");
      // A hook that names no policy (a Claude Code hook payload, or only the transcript's words) is named
      // by its event: "a PreToolUse hook".
      std::string event;
      if (by_text)
        event = "PreToolUse";
      else if (hook != kNoSpan && attr_string(hook, "policy").empty())
        event = attr_string(hook, "trigger_event");
      const bool named_by_event = !event.empty() && (policy.empty() || policy == event);
      if (named_by_event) policy = event;
      auto [it, inserted] =
          index.emplace(std::make_tuple(policy, named_by_event, call_key(action_span)), groups.size());
      if (inserted) groups.push_back({policy, reason, action_words(action_span), named_by_event, {}});
      groups[it->second].spans.push_back(action_span);
    }
    for (Group& g : groups) {
      Finding f;
      f.kind = FindingKind::blocked;
      f.spans = g.spans;
      f.first_span = g.spans.front();
      f.last_span = g.spans.back();
      f.severity = g.spans.size() >= 2 ? Severity::critical : Severity::warning;
      const size_t n = g.spans.size();
      const bool by_user = (g.policy.empty() && g.reason.find("user") != std::string::npos) ||
                           attr_string(g.spans.front(), "denied_by") == "user";
      // The person said what to do instead (Claude Code: "…the user said: …"): following it is obeying.
      const bool guided = by_user && attr_int(g.spans.back(), "user_guidance") != 0;
      const std::string who = by_user            ? std::string("the user")
                              : g.policy.empty() ? std::string("a permission check")
                              : g.named_by_event ? "a " + g.policy + " hook"
                                                 : "a policy (" + g.policy + ")";
      f.summary = who + (by_user ? " rejected `" : " denied `") + g.action + "` " +
                  (n == 1 ? "at span " : std::to_string(n) + "× at spans ") + span_list(g.spans);
      if (n >= 2) f.summary += " (retried the same blocked move " + std::to_string(n - 1) + "×)";
      if (guided) f.summary += " and said what to do instead";
      f.count = static_cast<uint32_t>(n);
      // What the agent did next: the first tool call after the last denial that was not denied.
      const uint32_t last = g.spans.back();
      for (uint32_t j = last + 1; j < end_; ++j) {
        if (trace_.spans.kind[j] == SpanKind::tool && !refused(j) && agent_of(j) == agent_of(last)) {
          f.summary +=
              "; then " + std::string(call_verb(j)) + " `" + action_words(j) + "` (span " + std::to_string(j) + ")";
          break;
        }
      }
      if (!g.reason.empty()) f.evidence.push_back("reason: " + shorten(g.reason, 200));
      f.evidence.push_back("span " + std::to_string(g.spans.front()) + ": " +
                           shorten(call_arguments_text(begin_payload(g.spans.front())), 200));
      add(std::move(f));
    }
  }

  // ---- error ----
  void detect_errors() {
    struct Cluster {
      std::string label;
      std::vector<uint32_t> spans;
      std::string message;
    };
    std::vector<Cluster> clusters;
    std::map<std::pair<std::string, std::string>, size_t> index;  // (label, shortened message)
    std::set<uint32_t> looped;
    for (const Finding& f : findings_)
      if (f.kind == FindingKind::loop) looped.insert(f.spans.begin(), f.spans.end());
    uint32_t last_error = kNoSpan;
    for (uint32_t i = begin_; i < end_; ++i) {
      const SpanKind k = trace_.spans.kind[i];
      if (trace_.spans.status[i] != SpanStatus::error) continue;
      if (k != SpanKind::error && k != SpanKind::tool && k != SpanKind::model) continue;
      uint32_t hook = kNoSpan;
      if (k == SpanKind::tool && (is_denied_hook_child(i, hook) || denied_by_hook_text(i))) continue;  // blocked
      std::string message = k == SpanKind::error ? attr_string(i, "message") : attr_string(i, "error");
      if (message.find("nterrupted by user") != std::string::npos) continue;  // a human stop, not a failure
      std::string label =
          k == SpanKind::error ? std::string(trace_.name_of(i)) : std::string(trace_.name_of(i)) + " failed";
      auto [it, inserted] = index.emplace(std::make_pair(label, normalize_text(shorten(message, 60))), clusters.size());
      if (inserted) clusters.push_back({label, {}, message});
      clusters[it->second].spans.push_back(i);
      last_error = i;
    }
    if (clusters.empty()) return;
    // Did the run end because of an error? The root says so, or an error is the last thing that happened.
    bool run_failed = false;
    if (root_ != kNoSpan) {
      const SpanStatus rs = trace_.spans.status[root_];
      const std::string outcome = attr_string(root_, "outcome");
      run_failed = rs == SpanStatus::error || outcome == "failure" || outcome == "error";
    }
    uint32_t last_work = kNoSpan;
    for (uint32_t i = end_; i-- > begin_;) {
      const SpanKind k = trace_.spans.kind[i];
      if (k == SpanKind::tool || k == SpanKind::error || k == SpanKind::model) {
        last_work = i;
        break;
      }
    }
    const bool ended_by_error =
        last_work != kNoSpan && last_work == last_error && trace_.spans.kind[last_work] != SpanKind::model;
    for (Cluster& c : clusters) {
      size_t fresh = 0;
      for (uint32_t s : c.spans) fresh += looped.count(s) || retry_loop_spans_.count(s) ? 0 : 1;
      // "Ended the run" only when nothing but wrap-up (replies, hooks, the end) follows its last failure.
      bool ended = c.spans.back() == last_error && only_wrap_up_after(c.spans.back()) && (run_failed || ended_by_error);
      bool derailed = false;
      if (fresh >= 3) {
        if (trace_.spans.kind[c.spans.front()] == SpanKind::error) {
          derailed = true;
        } else {
          // Failing again and again without one success of that tool in between: no progress.
          size_t streak = 1;
          for (size_t k = 1; k < c.spans.size() && !derailed; ++k) {
            bool success_between = false;
            for (uint32_t x = c.spans[k - 1] + 1; x < c.spans[k] && !success_between; ++x)
              success_between = trace_.spans.kind[x] == SpanKind::tool &&
                                trace_.spans.name[x] == trace_.spans.name[c.spans[k]] &&
                                trace_.spans.status[x] == SpanStatus::ok;
            streak = success_between ? 1 : streak + 1;
            derailed = streak >= 3;
          }
        }
      }
      // An error inside a loop is the loop's evidence, not a finding of its own: the loop ended the run.
      if (ended) {
        if (Finding* loop = loop_holding(c.spans.back())) {
          if (loop->summary.find("; it ended the run") == std::string::npos) loop->summary += "; it ended the run";
          loop->severity = Severity::critical;
          loop->ended_run = true;
          if (!derailed) continue;
          ended = false;  // the loop ended it; the failures outside it are reported for repeating
        }
      }
      if (!ended && !derailed) continue;
      Finding f;
      f.kind = FindingKind::error;
      f.count = static_cast<uint32_t>(c.spans.size());
      f.ended_run = ended;
      f.severity = ended ? Severity::critical : Severity::warning;
      f.spans = c.spans;
      f.first_span = c.spans.front();
      f.last_span = c.spans.back();
      const size_t n = c.spans.size();
      f.summary = c.label + (c.message.empty() ? "" : " (" + shorten(c.message, 70) + ")") +
                  (n == 1 ? " at span " + std::to_string(f.first_span)
                          : " " + std::to_string(n) + "× at spans " + span_list(c.spans)) +
                  (ended ? "; it ended the run" : "");
      if (!c.message.empty())
        f.evidence.push_back("span " + std::to_string(f.last_span) + ": " + shorten(c.message, 200));
      add(std::move(f));
    }
  }

  // Whether only wrap-up follows `span` in this session: no tool call and no failure starts after it.
  bool only_wrap_up_after(uint32_t span) const {
    for (uint32_t i = span + 1; i < end_; ++i) {
      const SpanKind k = trace_.spans.kind[i];
      if (k == SpanKind::tool || k == SpanKind::error) return false;
      if (k == SpanKind::model && trace_.spans.status[i] == SpanStatus::error) return false;
    }
    return true;
  }

  // The loop finding that holds `span` (a repeated call, or a retried error), if any.
  Finding* loop_holding(uint32_t span) {
    for (Finding& f : findings_) {
      if (f.kind != FindingKind::loop || span < f.first_span || span > f.last_span) continue;
      if (std::binary_search(f.spans.begin(), f.spans.end(), span) || f.spans.size() >= kMaxListedSpans) return &f;
    }
    return nullptr;
  }

  // ---- bypass ----
  // After a denied call, a later call of the same agent that gets around the same guard: the same program and
  // subcommand (or file) with a flag that skips checks, forces, disables a guard or escalates (git commit ->
  // git commit --no-verify), or a shell command writing the file a denied edit was refused.
  void detect_bypass() {
    std::set<uint32_t> reported_targets;
    for (uint32_t d = begin_; d < end_; ++d) {
      if (trace_.spans.kind[d] != SpanKind::tool || !refused(d)) continue;
      const int64_t target = facts(d).target_hash;
      if (target == 0 || reported_targets.count(uint32_t(target & 0xffffffff))) continue;
      const uint32_t agent = agent_of(d);
      size_t looked_at = 0;
      for (uint32_t j = d + 1; j < end_ && looked_at < kBypassLookahead; ++j) {
        if (trace_.spans.kind[j] != SpanKind::tool || agent_of(j) != agent) continue;
        ++looked_at;
        // Retrying the very same call is no way around the guard (blocked counts those); a new flag is.
        if (call_key(j) == call_key(d)) continue;
        const uint32_t new_flags = call_flags(j) & ~call_flags(d);
        const bool same_guard = facts(j).target_hash == target && (new_flags & kCallBypassFlags) != 0;
        const bool other_way = facts(j).write_hash == target && trace_.name_of(j) != trace_.name_of(d);
        if (!same_guard && !other_way) continue;
        reported_targets.insert(uint32_t(target & 0xffffffff));
        Finding f;
        f.kind = FindingKind::bypass;
        f.severity = Severity::critical;
        f.first_span = d;
        f.last_span = j;
        f.spans = {d, j};
        f.cause_span = d;
        f.count = 1;
        const bool denied_again = refused(j);
        f.summary = "after `" + action_words(d) + "` was denied at span " + std::to_string(d) + ", tried `" +
                    action_words(j) + "` at span " + std::to_string(j) +
                    (same_guard ? std::string(" to get around the same guard")
                                : std::string(" to write the same file another way")) +
                    (denied_again ? "; it was denied too" : "");
        f.evidence.push_back("span " + std::to_string(d) + ": " + shorten(call_arguments_text(begin_payload(d)), 200));
        f.evidence.push_back("span " + std::to_string(j) + ": " + shorten(call_arguments_text(begin_payload(j)), 200));
        add(std::move(f));
        break;
      }
    }
  }

  // Calls of the same agent after a denial that may get around it: a bypass follows the refusal closely.
  static constexpr size_t kBypassLookahead = 16;

  // ---- gave up ----
  // A turn of the main agent that ended with the work undone: its last calls failed or were blocked at least
  // min_give_up_failures times in a row and nothing succeeded after them before the turn ended with a reply
  // (repeats inside a loop finding are the loop's: it says the turn ended there); or the turn stopped with no
  // reply at all after a call, and a person had to come back to it.
  void detect_gave_up() {
    const uint32_t agent = root_;
    auto found = steps_by_agent_.find(agent);
    if (found == steps_by_agent_.end()) return;
    const std::vector<uint32_t>& steps = found->second;
    // Turns end at a person's prompt or at the end of the session.
    std::vector<uint32_t> turn_ends;
    for (uint32_t i = begin_; i < end_; ++i)
      if (is_prompt(i) && trace_.spans.parent[i] == agent) turn_ends.push_back(i);
    turn_ends.push_back(end_);
    size_t next_step = 0;
    uint32_t turn_begin = begin_;
    for (const uint32_t turn_end : turn_ends) {
      std::vector<uint32_t> turn;
      while (next_step < steps.size() && steps[next_step] < turn_end) {
        if (steps[next_step] >= turn_begin && !waits(steps[next_step])) turn.push_back(steps[next_step]);
        ++next_step;
      }
      check_turn_end(turn, turn_end);
      turn_begin = turn_end;
    }
  }

  void check_turn_end(const std::vector<uint32_t>& turn, uint32_t turn_end) {
    if (turn.empty()) return;
    const uint32_t last = turn.back();
    if (trace_.spans.status[last] == SpanStatus::unfinished) return;  // cut off: unfinished says so
    auto failed = [&](uint32_t s) { return trace_.spans.status[s] == SpanStatus::error || refused(s); };
    size_t streak = 0;
    while (streak < turn.size() && failed(turn[turn.size() - 1 - streak])) ++streak;
    uint32_t reply = kNoSpan;  // the model's words after the last call
    for (uint32_t i = last + 1; i < turn_end; ++i)
      if (trace_.spans.kind[i] == SpanKind::model && trace_.spans.start_ns[i] >= trace_.spans.start_ns[last]) {
        reply = i;
        break;
      }
    if (streak >= opt_.min_give_up_failures && reply != kNoSpan) {
      // An error that ended the run already says how it ended.
      for (const Finding& f : findings_)
        if (f.kind == FindingKind::error && f.ended_run && f.last_span == last) return;
      std::vector<uint32_t> spans(turn.end() - streak, turn.end());
      if (Finding* loop = loop_holding(spans.front()); loop && loop_holding(spans.back()) == loop) {
        if (loop->summary.find("; the turn ended") == std::string::npos &&
            loop->summary.find("; it ended the run") == std::string::npos)
          loop->summary += "; the turn ended there";
        return;
      }
      Finding f;
      f.kind = FindingKind::gave_up;
      f.severity = Severity::critical;
      f.spans = spans;
      f.spans.push_back(reply);
      f.first_span = spans.front();
      f.last_span = reply;
      f.cause_span = last;
      f.count = static_cast<uint32_t>(streak);
      const bool blocked = std::all_of(spans.begin(), spans.end(), [&](uint32_t s) { return refused(s); });
      f.summary = "gave up: the turn ended at span " + std::to_string(reply) + " after " + std::to_string(streak) +
                  (blocked ? " blocked" : " failed") + " calls in a row (last `" + action_words(last) + "` at span " +
                  std::to_string(last) + "), with nothing done after them";
      add(std::move(f));
      return;
    }
    // Stopped silently: no reply after a call that worked, nothing for min_stall_ns, then a person's prompt (a
    // prompt typed while the agent works arrives at once). A session that simply ends after its last call (a
    // submit, a finish), a turn the person interrupted and a question to the person are not this.
    bool interrupted = false;  // the person stopped it (an interrupt, an aborted turn): not the agent's doing
    for (uint32_t i = last + 1; i < turn_end && !interrupted; ++i)
      interrupted = trace_.spans.status[i] == SpanStatus::cancelled;
    const int64_t silence = turn_end < end_
                                ? sub_ns(trace_.spans.start_ns[turn_end],
                                         add_ns(trace_.spans.start_ns[last], trace_.spans.duration_ns[last]))
                                : 0;
    if (streak == 0 && reply == kNoSpan && turn_end < end_ && silence >= opt_.min_stall_ns && !interrupted &&
        !asks_user(last) && has_model_spans()) {
      Finding f;
      f.kind = FindingKind::gave_up;
      f.severity = Severity::warning;
      f.spans = {last, turn_end};
      f.first_span = last;
      f.last_span = turn_end;
      f.cause_span = last;
      f.count = 1;
      f.summary = "stopped mid-task with no final message after `" + action_words(last) + "` (span " +
                  std::to_string(last) + "); the next thing was a person's prompt at span " + std::to_string(turn_end);
      add(std::move(f));
    }
  }

  // A person's unasked input (a prompt): a human span of one record. One opened by the agent's own question or
  // approval request and closed by the answer is inside the agent's turn.
  bool is_prompt(uint32_t span) const {
    if (trace_.spans.kind[span] != SpanKind::human) return false;
    const RecordRef opened = trace_.spans.begin_record[span], closed = trace_.spans.end_record[span];
    return closed.length == 0 || opened.length == 0 ||
           (opened.offset == closed.offset && opened.length == closed.length);
  }

  bool has_model_spans() {
    if (has_model_spans_ < 0) {
      has_model_spans_ = 0;
      for (uint32_t i = begin_; i < end_ && !has_model_spans_; ++i)
        has_model_spans_ = trace_.spans.kind[i] == SpanKind::model;
    }
    return has_model_spans_ == 1;
  }
  int has_model_spans_ = -1;

  // ---- model switch ----
  // The main loop's model changed mid-run and stayed changed: at least min_switch_calls calls answered by the
  // old model, then at least min_switch_calls in a row by the new one. Placeholder names ("<synthetic>") are no
  // model.
  void detect_model_switch() {
    std::vector<std::pair<uint32_t, StringId>> calls;
    for (uint32_t i = begin_; i < end_; ++i) {
      if (trace_.spans.kind[i] != SpanKind::model || agent_of(i) != root_) continue;
      const std::optional<Attribute> a = trace_.find_attribute(i, "model");
      if (!a || a->type != AttrType::string) continue;
      const std::string_view name = trace_.strings.get(StringId(a->value));
      if (name.empty() || name.front() == '<') continue;
      calls.push_back({i, StringId(a->value)});
    }
    const size_t need = opt_.min_switch_calls;
    for (size_t p = need; p + need <= calls.size(); ++p) {
      if (calls[p].second == calls[p - 1].second) continue;
      bool old_held = true, new_held = true;
      for (size_t k = p - need; k < p; ++k) old_held = old_held && calls[k].second == calls[p - 1].second;
      for (size_t k = p; k < p + need; ++k) new_held = new_held && calls[k].second == calls[p].second;
      if (!old_held || !new_held) continue;
      size_t by_new = 0;
      for (size_t k = p; k < calls.size(); ++k) by_new += calls[k].second == calls[p].second;
      Finding f;
      f.kind = FindingKind::model_switch;
      f.severity = Severity::warning;
      f.first_span = calls[p].first;
      f.last_span = calls.back().first;
      f.spans = {calls[p - 1].first, calls[p].first};
      f.cause_span = calls[p - 1].first;
      f.count = static_cast<uint32_t>(by_new);
      f.summary = "the main loop's model switched from " + std::string(trace_.strings.get(calls[p - 1].second)) +
                  " to " + std::string(trace_.strings.get(calls[p].second)) + " at span " +
                  std::to_string(calls[p].first) + "; " + std::to_string(by_new) + " of the " +
                  std::to_string(calls.size() - p) + " model calls after it were answered by the new model";
      add(std::move(f));
      return;
    }
  }

  // ---- unfinished ----
  void detect_unfinished() {
    std::vector<uint32_t> open;
    for (uint32_t i = begin_; i < end_; ++i)
      if (trace_.spans.status[i] == SpanStatus::unfinished) open.push_back(i);
    const SkippedRecord* cut = nullptr;
    for (const SkippedRecord& r : trace_.skipped) {
      if (r.reason != SkipReason::partial_line) continue;
      // A cut log belongs to the session(s) of that input still running when it stopped, or to the session
      // whose record is the last whole line before the cut (a transcript's agent closes at its last record,
      // so nothing of it need be open).
      if ((r.input == s_.input && !open.empty()) || owns_line_before(r)) cut = &r;
    }
    const bool root_open = root_ != kNoSpan && trace_.spans.status[root_] == SpanStatus::unfinished;
    const bool no_root_open = root_ == kNoSpan && !open.empty();
    // The last thing the run started never finished: a call killed with its process.
    uint32_t last_work = kNoSpan;
    for (uint32_t i = end_; i-- > begin_;) {
      const SpanKind k = trace_.spans.kind[i];
      if (k == SpanKind::tool || k == SpanKind::model || k == SpanKind::error) {
        last_work = i;
        break;
      }
    }
    const bool last_open = last_work != kNoSpan && trace_.spans.status[last_work] == SpanStatus::unfinished;
    if (!root_open && !no_root_open && !cut && !last_open) return;
    Finding f;
    f.kind = FindingKind::unfinished;
    f.severity = Severity::critical;
    f.spans = open;
    f.first_span = open.empty() ? begin_ : open.front();
    f.last_span = end_ - 1;
    f.summary = "the run has no proper end: ";
    if (!open.empty())
      f.summary += std::to_string(open.size()) + " span" + (open.size() == 1 ? "" : "s") + " left open" +
                   (root_open ? " including the agent itself (span " + std::to_string(root_) + ")" : "") + "; ";
    f.summary += "the log stops at span " + std::to_string(end_ - 1);
    if (last_open && !root_open && trace_.spans.kind[last_work] == SpanKind::tool)
      f.summary += ", in the middle of `" + action_words(last_work) + "`";
    if (cut) {
      f.summary += ", cut mid-record at line " + std::to_string(cut->line) + " of " +
                   (s_.input < trace_.inputs.size() ? trace_.inputs[s_.input].path : std::string("its input"));
      f.evidence.push_back("line " + std::to_string(cut->line) + ", byte " + std::to_string(cut->byte_offset) + ": " +
                           cut->detail);
    }
    add(std::move(f));
  }

  // Whether the last whole line before cut record `r` is one of this session's records.
  bool owns_line_before(const SkippedRecord& r) const {
    if (r.input >= trace_.inputs.size()) return false;
    const uint64_t cut_at = trace_.inputs[r.input].stream_offset + r.byte_offset;
    auto ends_before = [&](RecordRef ref) {
      const uint64_t end = ref.offset + ref.length;  // the line without its newline (LF or CRLF)
      return ref.length > 0 && end < cut_at && end + 2 >= cut_at;
    };
    bool found = false;
    const auto check = [&](size_t, RecordRef ref) { found = found || ends_before(ref); };
    trace_.spans.begin_record.for_each(begin_, end_, check);
    trace_.spans.end_record.for_each(begin_, end_, check);
    return found;
  }

  // ---- stall and waiting ----
  // Idle time is time in which no call, model turn or hook was running. It is a stall when the agent owed the
  // next move (a result had come back, or its turn was still going), and waiting when a person did: the gap
  // ends at their prompt, or the agent had ended its turn. A model thinking or writing is work, not idleness;
  // so is a call that asks the user a question, whose time is the person's (waiting when long).
  void detect_stall() {
    if (s_.flags & kFlagOrdinalTime) return;
    std::vector<int64_t> gaps;
    struct Idle {
      int64_t gap;
      uint32_t resumed;  // the span that resumed work
      uint32_t before;   // the span whose end began the gap
      bool on_person;
    };
    std::vector<Idle> idle;
    std::vector<uint32_t> asked;  // calls that asked the user and took long
    int64_t busy_until = INT64_MIN;
    uint32_t busy_span = kNoSpan;
    int64_t prev_start = INT64_MIN;
    bool turn_over = false;  // the agent's last move ended its turn
    for (uint32_t i = begin_; i < end_; ++i) {
      const SpanKind k = trace_.spans.kind[i];
      if (k == SpanKind::agent && trace_.spans.parent[i] == kNoSpan) continue;
      const int64_t start = trace_.spans.start_ns[i];
      if (k == SpanKind::tool || k == SpanKind::model) {
        if (prev_start != INT64_MIN) gaps.push_back(sub_ns(start, prev_start));
        prev_start = start;
      }
      // A Claude Code compaction runs from the record it follows to its boundary: work at its end. A model call
      // is work for as long as its output explains; before that it was waited for.
      int64_t from = start;
      if (k == SpanKind::event && trace_.name_of(i) == "compaction") from = add_ns(start, trace_.spans.duration_ns[i]);
      if (k == SpanKind::model) from = model_work_start(i);
      if (busy_until != INT64_MIN && from > busy_until)
        idle.push_back({sub_ns(from, busy_until), i, busy_span, k == SpanKind::human || turn_over});
      if (k == SpanKind::agent) continue;  // a subagent's span covers its work, not idleness
      const int64_t end = add_ns(start, trace_.spans.duration_ns[i]);
      if (end > busy_until) {
        busy_until = end;
        busy_span = i;
      }
      if ((k == SpanKind::tool && asks_user(i)) || (k == SpanKind::human && trace_.spans.duration_ns[i] > 0))
        asked.push_back(i);
      if (k == SpanKind::model)
        turn_over = ends_turn(i);
      else if (k == SpanKind::tool || k == SpanKind::human || k == SpanKind::error)
        turn_over = false;
    }
    if (gaps.size() < 4) return;
    std::nth_element(gaps.begin(), gaps.begin() + gaps.size() / 2, gaps.end());
    const int64_t median = std::max<int64_t>(gaps[gaps.size() / 2], 1'000'000);
    const double scaled = double(median) * opt_.stall_factor;
    const int64_t threshold = std::max<int64_t>(scaled >= 9.2e18 ? INT64_MAX : int64_t(scaled), opt_.min_stall_ns);
    const int64_t wait_threshold = std::max(threshold, opt_.min_wait_ns);
    for (const Idle& g : idle) {
      if (g.gap < (g.on_person ? wait_threshold : threshold)) continue;
      const uint32_t before = g.before == kNoSpan ? g.resumed : g.before;
      Finding f;
      f.kind = g.on_person ? FindingKind::waiting : FindingKind::stall;
      f.severity = g.on_person ? Severity::info : Severity::warning;
      f.first_span = std::min(before, g.resumed);
      f.last_span = std::max(before, g.resumed);
      f.spans = {f.first_span, f.last_span};
      if (f.spans[0] == f.spans[1]) f.spans.pop_back();
      f.gap_ns = g.gap;
      f.summary = g.on_person
                      ? "waited " + duration_words(g.gap) + " on a person before span " + std::to_string(g.resumed) +
                            (trace_.spans.kind[g.resumed] == SpanKind::human ? " (their next prompt)"
                                                                             : " (the agent's turn had ended)")
                      : "stalled " + duration_words(g.gap) + " before span " + std::to_string(g.resumed) +
                            " (typical step " + duration_words(median) + ")";
      f.evidence.push_back("idle from span " + std::to_string(before) + " to span " + std::to_string(g.resumed));
      add(std::move(f));
    }
    for (const uint32_t call : asked) {
      const int64_t took = trace_.spans.duration_ns[call];
      if (took < wait_threshold) continue;
      Finding f;
      f.kind = FindingKind::waiting;
      f.severity = Severity::info;
      f.first_span = f.last_span = call;
      f.spans = {call};
      f.gap_ns = took;
      f.summary = "waited " + duration_words(took) + " on a person's answer" +
                  (trace_.spans.kind[call] == SpanKind::tool ? " to `" + std::string(trace_.name_of(call)) + "`" : "") +
                  " at span " + std::to_string(call);
      add(std::move(f));
    }
  }

  // When a model call's work began: it is work for output_tokens / min_output_tokens_per_s before its own end
  // (its first call, or its end), an hour of writing at most; with no output count, all of it is work.
  int64_t model_work_start(uint32_t model) const {
    const int64_t start = trace_.spans.start_ns[model];
    int64_t own_end = add_ns(start, trace_.spans.duration_ns[model]);
    for (uint32_t j = model + 1; j < end_ && j < model + 64; ++j) {
      if (trace_.spans.parent[j] == model && trace_.spans.kind[j] == SpanKind::tool) {
        own_end = std::min(own_end, trace_.spans.start_ns[j]);
        break;
      }
    }
    const int64_t tokens = attr_int(model, "output_tokens");
    if (tokens <= 0) return start;
    const double work_s = std::min(double(tokens) / opt_.min_output_tokens_per_s, 3600.0);
    return std::max(start, sub_ns(own_end, int64_t(work_s * 1e9)));
  }

  // A call whose result is a person's answer (a question, a plan to approve).
  bool asks_user(uint32_t call) const {
    const std::string_view name = trace_.name_of(call);
    return name == "AskUserQuestion" || name == "ExitPlanMode" || name == "ask_user" || name == "request_user_input" ||
           name == "ask_followup_question";
  }

  // A model turn that ended the agent's turn: the model said it stopped, and called nothing.
  bool ends_turn(uint32_t model) const {
    const std::string stop = attr_string(model, "stop_reason");
    if (stop != "end_turn" && stop != "stop" && stop != "STOP" && stop != "stop_sequence") return false;
    for (uint32_t j = model + 1; j < end_ && j < model + 64; ++j)
      if (trace_.spans.parent[j] == model && trace_.spans.kind[j] == SpanKind::tool) return false;
    return true;
  }

  // ---- compaction ----
  void detect_compaction() {
    std::vector<uint32_t> spans;
    for (uint32_t i = begin_; i < end_; ++i) {
      const std::string_view name = trace_.name_of(i);
      if (name == "compaction" || name == "compact_boundary") {
        spans.push_back(i);
      } else if (trace_.spans.kind[i] == SpanKind::pause) {
        const std::string& record = begin_payload(i);
        const std::string reason = json_string_field(record, "reason");
        if (reason.find("ompact") != std::string::npos) spans.push_back(i);
      }
    }
    if (spans.empty()) return;
    Finding f;
    f.kind = FindingKind::compaction;
    f.severity = Severity::info;
    f.spans = spans;
    f.first_span = spans.front();
    f.last_span = spans.back();
    f.summary = "context compacted " + (spans.size() == 1 ? std::string("once") : std::to_string(spans.size()) + "×") +
                " at span" + (spans.size() == 1 ? " " : "s ") + span_list(spans) + "; earlier context was summarised";
    add(std::move(f));
  }

  // ---- drift ----
  void detect_drift() {
    if (root_ == kNoSpan) return;
    const std::string goal = attr_string(root_, "goal");
    if (goal.empty()) return;
    auto found = steps_by_agent_.find(root_);
    if (found == steps_by_agent_.end()) return;
    std::vector<uint32_t> steps;
    for (uint32_t s : found->second) {
      if (refused(s) || waits(s)) continue;
      // A call repeated back to back is one step of work however often a loop repeated it (compared by the
      // reader's argument hash only: drift reads no payload for this).
      if (!steps.empty() && trace_.spans.name[steps.back()] == trace_.spans.name[s]) {
        const int64_t hash = facts(s).args_hash;
        if (hash != 0 && hash == facts(steps.back()).args_hash) continue;
      }
      steps.push_back(s);
    }
    if (steps.size() < 8) return;
    // A long session is judged on evenly spaced samples (bounded payload reads); the drift point found
    // between two samples is then refined over the steps between them.
    const std::vector<uint32_t> all_steps = steps;
    std::vector<size_t> position;  // sample -> index in all_steps
    if (steps.size() > opt_.drift_max_steps) {
      std::vector<uint32_t> sampled;
      for (uint32_t k = 0; k < opt_.drift_max_steps; ++k) {
        position.push_back(size_t(k) * steps.size() / opt_.drift_max_steps);
        sampled.push_back(steps[position.back()]);
      }
      steps = std::move(sampled);
    }
    const size_t n = steps.size();
    // Tokens are interned per session: scoring a step is then array lookups, not string compares.
    std::unordered_map<std::string, uint32_t> token_ids;
    std::vector<uint8_t> is_file;    // per token id: a "file:" token (never common)
    std::vector<uint32_t> df;        // per token id: in how many sampled steps
    std::vector<uint8_t> reference;  // per token id: the goal's, or an early on-task step's
    std::vector<uint8_t> named_by_goal;
    auto intern = [&](const std::vector<std::string>& words) {
      std::vector<uint32_t> out;
      out.reserve(words.size());
      for (const std::string& w : words) {
        auto [it, inserted] = token_ids.try_emplace(w, uint32_t(token_ids.size()));
        if (inserted) {
          is_file.push_back(w.rfind("file:", 0) == 0);
          df.push_back(0);
          reference.push_back(0);
          named_by_goal.push_back(0);
        }
        out.push_back(it->second);
      }
      return out;
    };
    std::vector<std::vector<uint32_t>> tokens(n);
    std::vector<std::vector<std::string>> paths(n);
    std::vector<std::string> values(n);
    // The values of a call's arguments, the first drift_argument_bytes of them: file names, commands and
    // patterns come first; long file contents would only cost time.
    auto step_values = [&](uint32_t span) {
      std::string_view args = call_arguments_text(begin_payload(span));
      if (args.size() > opt_.drift_argument_bytes) args = args.substr(0, opt_.drift_argument_bytes);
      return json_values_only(args);
    };
    for (size_t k = 0; k < n; ++k) values[k] = step_values(steps[k]);
    // The working directory ("/home/dev/storefront-web/") is in every path and says nothing about the goal.
    const std::string workdir = common_workdir(values);
    auto strip = [&](std::string text) {
      if (workdir.size() < 2) return text;
      for (size_t at = text.find(workdir); at != std::string::npos; at = text.find(workdir, at))
        text.replace(at, workdir.size(), " ");
      return text;
    };
    std::vector<std::string> words;  // reused: a step's tokens as found, before interning
    auto features = [&](const std::string& value, std::vector<uint32_t>& step_tokens,
                        std::vector<std::string>& step_paths) {
      const std::string text = strip(value);
      words.clear();
      append_relevance_tokens(text, words);
      step_paths = path_like_tokens(text);
      // A file touched again is the same work whatever directory it is named from.
      for (const std::string& p : step_paths) {
        const size_t slash = p.rfind('/');
        std::string base = "file:" + p.substr(slash == std::string::npos ? 0 : slash + 1);
        if (base.size() > 6 && base.find('.') != std::string::npos) words.push_back(std::move(base));
      }
      // Stems as add_stems() makes them; duplicates go when the ids are deduplicated.
      const size_t before_stems = words.size();
      for (size_t i = 0; i < before_stems; ++i)
        if (words[i].size() >= 6 && words[i].rfind("file:", 0) != 0) words.push_back("~" + words[i].substr(0, 5));
      step_tokens = intern(words);
      std::sort(step_tokens.begin(), step_tokens.end());
      step_tokens.erase(std::unique(step_tokens.begin(), step_tokens.end()), step_tokens.end());
    };
    for (size_t k = 0; k < n; ++k) {
      features(values[k], tokens[k], paths[k]);
      for (uint32_t t : tokens[k]) ++df[t];
    }
    std::vector<std::string> goal_words = relevance_tokens(strip(goal));
    for (const std::string& p : path_like_tokens(strip(goal))) {
      const size_t slash = p.rfind('/');
      goal_words.push_back("file:" + p.substr(slash == std::string::npos ? 0 : slash + 1));
    }
    add_stems(goal_words);
    for (uint32_t t : intern(goal_words)) reference[t] = named_by_goal[t] = 1;
    // Tokens in most steps (the project's own directory names) say nothing about the goal, unless the goal
    // names them itself: a run that touches "rotation" at every step of a goal about rotated files is on task.
    auto common = [&](uint32_t t) { return !is_file[t] && size_t(df[t]) * 10 > n * 7 && !named_by_goal[t]; };
    std::vector<int> on(n, -1);  // 1 on task, 0 off task, -1 no evidence
    auto score_tokens = [&](const std::vector<uint32_t>& step_tokens) {
      size_t shared = 0, counted = 0;
      for (uint32_t t : step_tokens) {
        if (common(t)) continue;
        ++counted;
        shared += reference[t];
      }
      return counted == 0 ? -1 : shared > 0 ? 1 : 0;
    };
    auto score = [&](size_t k) { return score_tokens(tokens[k]); };
    // Early on-task steps extend the goal with the files and names they touched.
    // Repeated so a step linked to the goal only through another early step is found too.
    const size_t early = std::min<size_t>(8, n / 3);
    for (int pass = 0; pass < 3; ++pass) {
      for (size_t k = 0; k < early; ++k) {
        on[k] = score(k);
        if (on[k] == 1)
          for (uint32_t t : tokens[k])
            if (!common(t)) reference[t] = 1;
      }
    }
    for (size_t k = early; k < n; ++k) on[k] = score(k);
    // The drift point: relevance falls and stays low for the rest of the run.
    std::vector<size_t> suffix_on(n + 1, 0), suffix_counted(n + 1, 0);
    for (size_t k = n; k-- > 0;) {
      suffix_on[k] = suffix_on[k + 1] + (on[k] == 1);
      suffix_counted[k] = suffix_counted[k + 1] + (on[k] >= 0);
    }
    size_t prefix_on = 0, prefix_counted = 0;
    for (size_t j = 0; j < n; ++j) {
      if (on[j] == 0 && prefix_counted >= 3 && prefix_on * 2 >= prefix_counted) {
        const size_t rest = suffix_counted[j];
        if (rest >= std::max<size_t>(6, n / 5) && suffix_on[j] * 100 <= rest * 15) {
          uint32_t first = steps[j];
          if (!position.empty() && j > 0) {
            // The steps between the last sample before and this one: the drift began at the earliest of
            // them after which no step is on task.
            std::vector<uint32_t> step_tokens;
            std::vector<std::string> step_paths;
            for (size_t q = position[j]; q-- > position[j - 1] + 1;) {
              features(step_values(all_steps[q]), step_tokens, step_paths);
              const int verdict = score_tokens(step_tokens);
              if (verdict == 1) break;
              if (verdict == 0) first = all_steps[q];
            }
          }
          report_drift(goal, steps, paths, on, j, first, !position.empty());
          return;
        }
      }
      prefix_on += on[j] == 1;
      prefix_counted += on[j] >= 0;
    }
  }

  // The longest directory shared by the most common absolute-path root (its first three components), when
  // at least a quarter of the steps name it; "" otherwise.
  static std::string common_workdir(const std::vector<std::string>& texts) {
    std::map<std::string, size_t> roots;
    std::vector<std::string> absolute;
    for (const std::string& t : texts) {
      std::set<std::string> seen;
      for (const std::string& p : path_like_tokens(t)) {
        if (p.empty() || p[0] != '/') continue;
        size_t cut = 0;
        for (int c = 0; c < 3 && cut != std::string::npos; ++c) cut = p.find('/', cut + 1);
        if (cut == std::string::npos) continue;
        absolute.push_back(p);
        if (seen.insert(p.substr(0, cut)).second) ++roots[p.substr(0, cut)];
      }
    }
    std::string best;
    size_t best_count = 0;
    for (const auto& [root, count] : roots)
      if (count > best_count) best = root, best_count = count;
    if (best.empty() || best_count * 4 < texts.size()) return {};
    std::string prefix;
    for (const std::string& p : absolute) {
      if (p.rfind(best, 0) != 0) continue;
      const std::string dir = p.substr(0, p.rfind('/') + 1);
      if (prefix.empty()) {
        prefix = dir;
      } else {
        size_t k = 0;
        while (k < prefix.size() && k < dir.size() && prefix[k] == dir[k]) ++k;
        prefix = prefix.substr(0, prefix.rfind('/', k == 0 ? 0 : k - 1) + 1);
      }
    }
    return prefix.size() > 1 ? prefix : std::string();
  }

  // "rotated" and "rotation" are the same subject: a 5-letter stem joins them.
  static void add_stems(std::vector<std::string>& tokens) {
    const size_t n = tokens.size();
    for (size_t i = 0; i < n; ++i) {
      if (tokens[i].size() >= 6 && tokens[i].rfind("file:", 0) != 0) tokens.push_back("~" + tokens[i].substr(0, 5));
    }
    std::sort(tokens.begin(), tokens.end());
    tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
  }

  void report_drift(const std::string& goal, const std::vector<uint32_t>& steps,
                    const std::vector<std::vector<std::string>>& paths, const std::vector<int>& on, size_t j,
                    uint32_t first_span, bool sampled) {
    Finding f;
    f.kind = FindingKind::drift;
    f.severity = Severity::warning;
    f.first_span = first_span;
    f.last_span = steps.back();
    size_t off = 0;
    if (first_span != steps[j]) f.spans.push_back(first_span);  // refined between two samples
    for (size_t k = j; k < steps.size(); ++k) {
      if (on[k] == 0) {
        f.spans.push_back(steps[k]);
        ++off;
      }
    }
    auto files = [&](size_t from, size_t to, int want) {
      std::vector<std::string> out;
      for (size_t k = from; k < to && out.size() < 5; ++k) {
        if (on[k] != want) continue;
        for (const std::string& p : paths[k])
          if (out.size() < 5 && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
      }
      std::string joined;
      for (const std::string& p : out) joined += (joined.empty() ? "" : ", ") + p;
      return joined.empty() ? std::string("(none named)") : joined;
    };
    f.summary = "drifted from the goal at span " + std::to_string(f.first_span) + ": " + std::to_string(off) +
                " of the " + std::to_string(steps.size() - j) + (sampled ? " later steps sampled" : " later steps") +
                " share nothing with \"" + shorten(goal, 60) + "\" or the early work";
    f.evidence.push_back("early files: " + files(0, j, 1));
    f.evidence.push_back("later files: " + files(j, steps.size(), 0));
    add(std::move(f));
  }

  const Trace& trace_;
  const Session& s_;
  const RecordReader& payload_;
  const DiagnosisOptions& opt_;
  uint32_t begin_ = 0, end_ = 0, root_ = kNoSpan;
  std::map<uint32_t, std::vector<uint32_t>> steps_by_agent_;  // nearest agent ancestor -> its tool calls
  std::unordered_map<uint32_t, std::string> payload_cache_;
  std::unordered_map<uint32_t, CallKey> key_cache_;
  std::set<uint32_t> retry_loop_spans_;
  std::vector<Finding> findings_;
  std::vector<CallFacts> facts_;  // per span of the session
};

// `errors`: the session's spans that count as errors (SpanColumns::is_error), as the viewer's header counts them.
std::string clean_verdict(uint32_t errors);
std::string problems_verdict(const std::vector<Finding>& findings);

std::string verdict_of(const std::vector<Finding>& all, uint32_t errors) {
  // Waiting on a person is context, not a problem: a run that only waited is clean, and says it waited.
  std::vector<Finding> findings;
  std::string waits;
  for (const Finding& f : all) {
    if (f.kind != FindingKind::waiting)
      findings.push_back(f);
    else
      waits += "; " + f.summary;
  }
  if (findings.empty()) return clean_verdict(errors) + waits;
  return problems_verdict(findings) + waits;
}

std::string clean_verdict(uint32_t errors) {
  if (errors == 0) return "clean run: no loop, drift, blocked action, error, stall or cut-off found";
  // Errors that neither ended the run nor repeated are no finding, but the run shows them: say so, rather than
  // "no error" beside a header that counts them.
  return "clean run: " + std::to_string(errors) +
         (errors == 1 ? " error, which neither ended the run nor repeated"
                      : " errors, none of which ended the run or repeated") +
         "; no loop, drift, blocked action, stall or cut-off found";
}

std::string problems_verdict(const std::vector<Finding>& findings) {
  std::string out;
  size_t listed = 0;
  for (const Finding& f : findings) {
    if (listed == 4) {
      out += "; and " + std::to_string(findings.size() - listed) + " more";
      break;
    }
    out += (listed ? "; " : "") + f.summary;
    ++listed;
  }
  return out;
}

}  // namespace

SessionDiagnosis diagnose_session(const Trace& trace, uint32_t session, const RecordReader& payload,
                                  const DiagnosisOptions& options) {
  SessionDiagnosis d;
  d.session = session;
  if (session >= trace.sessions.size()) return d;
  d.findings = SessionAnalyzer(trace, session, payload, options).run();
  std::stable_sort(d.findings.begin(), d.findings.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.first_span < b.first_span;
  });
  const Session& s = trace.sessions[session];
  uint32_t errors = 0;
  for (uint32_t i = s.first_span; i < s.first_span + s.span_count && i < trace.spans.size(); ++i) {
    errors += trace.spans.is_error(i);
  }
  d.verdict = verdict_of(d.findings, errors);
  return d;
}

std::vector<SessionDiagnosis> diagnose(const Trace& trace, const RecordReader& payload,
                                       const DiagnosisOptions& options) {
  std::vector<SessionDiagnosis> out;
  out.reserve(trace.sessions.size());
  for (uint32_t s = 0; s < trace.sessions.size(); ++s) out.push_back(diagnose_session(trace, s, payload, options));
  return out;
}

}  // namespace agentreel::analysis
