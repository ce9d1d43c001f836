// AgentEye JSONL reader (see agenteye_reader.h). One record per line; each line is parsed in full,
// its known fields drive pairing, and the line itself stays the span's payload (by reference).
#include "readers/agenteye/agenteye_reader.h"

#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/session_key.h"
#include "core/text.h"
#include "core/timestamp.h"
#include "readers/json_line.h"
#include "readers/jsonl_reader.h"
#include "readers/tool_facts.h"

namespace agentreel {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

bool is_failure_outcome(std::string_view outcome) {
  return outcome == "failure" || outcome == "failed" || outcome == "error";
}
bool is_cancel_outcome(std::string_view outcome) {
  return outcome == "cancelled" || outcome == "canceled" || outcome == "interrupted";
}
bool is_deny_outcome(std::string_view outcome) {
  return outcome == "deny" || outcome == "denied" || outcome == "block" || outcome == "blocked";
}
// An `error` field signals failure when it is present and not null / "" / false.
bool has_error(object record) {
  element error;
  if (record["error"].get(error)) return false;
  switch (error.type()) {
    case element_type::NULL_VALUE: return false;
    case element_type::STRING: return !std::string_view(error.get_string().value_unsafe()).empty();
    case element_type::BOOL: return error.get_bool().value_unsafe();
    default: return true;
  }
}

class AgentEyeReader final : public JsonlReader {
 public:
  explicit AgentEyeReader(const ReaderContext& context) : JsonlReader(context) {}

 private:
  bool on_record(object record, const Line& line, RecordRef ref) override;
  void dispatch(object record, std::string_view type, uint32_t session, std::string_view agent_id, int64_t ns,
                RecordRef ref);
  static SessionKey key(uint32_t session, std::string_view id) { return {session, std::string(id)}; }
  SpanHandle agent_span(uint32_t session, std::string_view agent_id) const {
    auto it = agents_.find(key(session, agent_id));
    return it == agents_.end() ? kNoSpan : it->second;
  }
  SpanHandle take(SessionKeyMap<SpanHandle>& open, const SessionKey& k) {
    auto it = open.find(k);
    if (it == open.end()) return kNoSpan;
    const SpanHandle h = it->second;
    open.erase(it);
    return h;
  }
  // Closes the span opened under `k`, or adds `unpaired` as a span of its own; returns the span either way.
  SpanHandle close_or_instant(SessionKeyMap<SpanHandle>& open, const SessionKey& k, SpanOpen unpaired, int64_t ns,
                              SpanStatus status, RecordRef ref, int64_t duration_ns = -1);

  SessionKeyMap<SpanHandle> agents_;                   // session+agent_id -> agent span
  SessionKeyMap<std::vector<SpanHandle>> open_tools_;  // session+agent_id -> open tool calls
  SessionKeyMap<SpanHandle> tools_, hooks_, pauses_, human_waits_;
  std::unordered_map<SpanHandle, SpanHandle> hook_call_;  // a hook on a call -> the call it guards
  std::unordered_map<SpanHandle, bool> denied_calls_;     // calls a hook denied: their result closes them denied
  SessionKeyMap<std::deque<SpanHandle>> model_requests_;  // session+agent_id, FIFO
};

bool AgentEyeReader::on_record(object record, const Line& line, RecordRef ref) {
  std::string_view type, session_id, agent_id, timestamp;
  if (record["type"].get_string().get(type))
    return skip(line, SkipReason::missing_field, "expected string field \"type\"");
  if (record["session_id"].get_string().get(session_id)) {
    return skip(line, SkipReason::missing_field, "expected string field \"session_id\"");
  }
  if (record["timestamp"].get_string().get(timestamp)) {
    return skip(line, SkipReason::missing_field, "expected string field \"timestamp\" (RFC 3339)");
  }
  if (record["agent_id"].get_string().get(agent_id)) agent_id = {};
  const auto ns = parse_rfc3339_ns(timestamp);
  if (!ns) {
    return skip(line, SkipReason::bad_timestamp,
                "expected an RFC 3339 timestamp like 2026-03-04T10:15:02.123456Z, got \"" +
                    std::string(timestamp.substr(0, 64)) + "\"");
  }
  count_record();
  const uint32_t session = sink().session(session_id);
  dispatch(record, type, session, agent_id, *ns, ref);
  return true;
}

SpanHandle AgentEyeReader::close_or_instant(SessionKeyMap<SpanHandle>& open, const SessionKey& k, SpanOpen unpaired,
                                            int64_t ns, SpanStatus status, RecordRef ref, int64_t duration_ns) {
  const SpanHandle h = take(open, k);
  if (h != kNoSpan) {
    sink().close_span(h, ns, status, ref);
    return h;
  }
  // An end whose start never appeared: kept as its own span, flagged.
  unpaired.flags |= kFlagUnpairedEnd;
  unpaired.record = ref;
  unpaired.start_ns = duration_ns > 0 ? ns - duration_ns : ns;
  return sink().add_span(unpaired, ns, status);
}

void AgentEyeReader::dispatch(object record, std::string_view type, uint32_t session, std::string_view agent_id,
                              int64_t ns, RecordRef ref) {
  const SessionKey agent_key = key(session, agent_id);
  SpanOpen span;
  span.session = session;
  span.start_ns = ns;
  span.record = ref;
  span.parent = agent_span(session, agent_id);

  auto duration_ms = [&]() -> int64_t {
    double ms = 0;
    if (record["duration_ms"].get_double().get(ms) || !(ms >= 0) || ms > 1e12) return -1;
    return int64_t(ms * 1e6);
  };

  if (type == "agent_start") {
    span.kind = SpanKind::agent;
    span.name = agent_id;
    const std::string_view parent_id = string_field(record, "parent_id");
    span.parent = kNoSpan;
    if (!parent_id.empty()) {
      // A subagent nests under the call that spawned it when one is open, else under its parent agent.
      auto tools = open_tools_.find(key(session, parent_id));
      span.parent = (tools != open_tools_.end() && !tools->second.empty()) ? tools->second.back()
                                                                           : agent_span(session, parent_id);
    }
    const SpanHandle h = sink().open_span(span);
    agents_[agent_key] = h;
    if (auto goal = string_field(record, "goal"); !goal.empty()) {
      sink().attribute(h, "goal", goal);
      sink().text(h, TextRole::prompt, ref, "/goal");
    }
    if (!parent_id.empty()) sink().attribute(h, "parent_id", parent_id);
  } else if (type == "agent_end") {
    const std::string_view outcome = string_field(record, "outcome");
    const SpanStatus status = is_failure_outcome(outcome)  ? SpanStatus::error
                              : is_cancel_outcome(outcome) ? SpanStatus::cancelled
                                                           : SpanStatus::ok;
    span.kind = SpanKind::agent;
    span.name = agent_id;
    span.parent = kNoSpan;
    auto it = agents_.find(agent_key);
    if (it != agents_.end()) {
      sink().close_span(it->second, ns, status, ref);
      if (!outcome.empty()) sink().attribute(it->second, "outcome", outcome);
    } else {
      span.flags |= kFlagUnpairedEnd;
      sink().add_span(span, ns, status);
    }
  } else if (type == "tool_use") {
    span.kind = SpanKind::tool;
    span.name = string_field(record, "tool_name");
    const SpanHandle h = sink().open_span(span);
    tools_[key(session, string_field(record, "tool_call_id"))] = h;
    open_tools_[agent_key].push_back(h);
    if (object input; !record["input"].get_object().get(input)) {
      record_tool_call_facts(sink(), h, span.name, ref, "/input", input);
    }
  } else if (type == "tool_result") {
    span.kind = SpanKind::tool;
    span.name = string_field(record, "tool_name");
    const bool failed = has_error(record);
    const SessionKey k = key(session, string_field(record, "tool_call_id"));
    auto it = tools_.find(k);
    if (it != tools_.end()) {
      auto& open = open_tools_[agent_key];
      std::erase(open, it->second);
      if (failed) {
        if (auto message = string_field(record, "error"); !message.empty()) {
          sink().attribute(it->second, "error", utf8_prefix(message, 512));
          sink().text(it->second, TextRole::error, ref, "/error");
        }
      }
      if (record["output"].is_string()) sink().text(it->second, TextRole::output, ref, "/output");
    }
    // A call its hook denied never ran: its "error" is the harness saying so.
    const bool denied = it != tools_.end() && denied_calls_.erase(it->second) > 0;
    close_or_instant(tools_, k, span, ns,
                     denied   ? SpanStatus::denied
                     : failed ? SpanStatus::error
                              : SpanStatus::ok,
                     ref, duration_ms());
  } else if (type == "model_request") {
    span.kind = SpanKind::model;
    span.name = string_field(record, "model");
    model_requests_[agent_key].push_back(sink().open_span(span));
  } else if (type == "model_response") {
    span.kind = SpanKind::model;
    span.name = string_field(record, "model");
    auto& queue = model_requests_[agent_key];
    SpanHandle h = kNoSpan;
    if (!queue.empty()) {
      h = queue.front();
      queue.pop_front();
      sink().close_span(h, ns, SpanStatus::ok, ref);
    } else {
      span.flags |= kFlagUnpairedEnd;
      h = sink().add_span(span, ns, SpanStatus::ok);
    }
    if (!span.name.empty()) sink().attribute(h, "model", span.name);
    if (auto stop = string_field(record, "stop_reason"); !stop.empty()) sink().attribute(h, "stop_reason", stop);
    if (record["content"].is_string()) sink().text(h, TextRole::reply, ref, "/content");
    int64_t tokens = 0;
    if (!record["input_tokens"].get_int64().get(tokens)) sink().attribute(h, "input_tokens", tokens);
    if (!record["output_tokens"].get_int64().get(tokens)) sink().attribute(h, "output_tokens", tokens);
  } else if (type == "hook_triggered") {
    span.kind = SpanKind::hook;
    span.name = string_field(record, "hook_name");
    // A tool hook nests under the call it guards (input.tool_call_id), so a denial marks that call.
    object input;
    if (!record["input"].get_object().get(input)) {
      auto guarded = tools_.find(key(session, string_field(input, "tool_call_id")));
      if (guarded != tools_.end()) span.parent = guarded->second;
    }
    const SpanHandle h = sink().open_span(span);
    hooks_[key(session, string_field(record, "hook_id"))] = h;
    if (span.parent != kNoSpan && span.parent != agent_span(session, agent_id)) hook_call_[h] = span.parent;
    if (auto trigger = string_field(record, "trigger_event"); !trigger.empty()) {
      sink().attribute(h, "trigger_event", trigger);
    }
  } else if (type == "hook_completed") {
    span.kind = SpanKind::hook;
    span.name = string_field(record, "hook_name");
    const std::string_view outcome = string_field(record, "outcome");
    const SpanStatus status = is_deny_outcome(outcome) ? SpanStatus::denied
                              : has_error(record)      ? SpanStatus::error
                                                       : SpanStatus::ok;
    const SessionKey k = key(session, string_field(record, "hook_id"));
    auto it = hooks_.find(k);
    if (it != hooks_.end()) {
      if (!outcome.empty()) sink().attribute(it->second, "outcome", outcome);
      object output;
      const bool has_output = !record["output"].get_object().get(output);
      const std::string_view reason = has_output ? string_field(output, "reason") : std::string_view();
      const std::string_view policy = has_output ? string_field(output, "policy") : std::string_view();
      if (!reason.empty()) {
        sink().attribute(it->second, "reason", utf8_prefix(reason, 512));
        sink().text(it->second, TextRole::reason, ref, "/output/reason");
      }
      // The call a hook denied carries the denial's facts (docs/facts.md): who, which policy, why.
      auto call = hook_call_.find(it->second);
      if (status == SpanStatus::denied && call != hook_call_.end()) {
        denied_calls_[call->second] = true;
        sink().attribute(call->second, "denied_by", policy.empty() ? "hook" : "policy");
        if (!policy.empty()) sink().attribute(call->second, "policy", policy);
        if (!reason.empty()) sink().attribute(call->second, "reason", utf8_prefix(reason, 512));
        if (policy.empty()) sink().attribute(call->second, "hook", span.name);
      }
      if (call != hook_call_.end()) hook_call_.erase(call);
    }
    close_or_instant(hooks_, k, span, ns, status, ref, duration_ms());
  } else if (type == "agent_pause") {
    span.kind = SpanKind::pause;
    span.name = "pause";
    const SpanHandle h = sink().open_span(span);
    pauses_[key(session, string_field(record, "pause_id"))] = h;
    // AgentEye has no compaction event: a pause whose reason says so is one (attribute "compaction").
    const std::string_view reason = string_field(record, "reason");
    if (reason.find("ompact") != std::string_view::npos || reason.find("ontext summar") != std::string_view::npos) {
      sink().attribute(h, "compaction", int64_t(1));
    }
  } else if (type == "agent_resume") {
    span.kind = SpanKind::pause;
    span.name = "pause";
    close_or_instant(pauses_, key(session, string_field(record, "pause_id")), span, ns, SpanStatus::ok, ref);
  } else if (type == "human_wait") {
    span.kind = SpanKind::human;
    span.name = "human input";
    human_waits_[key(session, string_field(record, "input_id"))] = sink().open_span(span);
  } else if (type == "human_input") {
    span.kind = SpanKind::human;
    span.name = "human input";
    const SpanHandle h =
        close_or_instant(human_waits_, key(session, string_field(record, "input_id")), span, ns, SpanStatus::ok, ref);
    if (record["response"].is_string()) sink().text(h, TextRole::prompt, ref, "/response");
  } else if (type == "error") {
    span.kind = SpanKind::error;
    span.name = string_field(record, "error_type");
    if (span.name.empty()) span.name = "error";
    const SpanHandle h = sink().add_span(span, ns, SpanStatus::error);
    if (auto message = string_field(record, "message"); !message.empty()) {
      sink().attribute(h, "message", utf8_prefix(message, 512));
      sink().text(h, TextRole::error, ref, "/message");
    }
  } else if (type == "human_interrupt") {
    span.kind = SpanKind::event;
    span.name = "human interrupt";
    sink().add_span(span, ns, SpanStatus::cancelled);
  } else if (type == "human_pause") {
    span.kind = SpanKind::event;
    span.name = "human pause";
    sink().add_span(span, ns, SpanStatus::ok);
  } else {
    // An event type this reader does not know: kept as an instant event, named by its type.
    span.kind = SpanKind::event;
    span.name = type;
    sink().add_span(span, ns, SpanStatus::ok);
  }
}

}  // namespace

std::unique_ptr<FormatReader> make_agenteye_reader(const ReaderContext& context) {
  return std::make_unique<AgentEyeReader>(context);
}

std::string agenteye_sniff(std::string_view head) {
  const std::optional<FirstRecordLine> line = first_record_line(head);
  if (!line) return "no complete record in the first bytes";
  JsonLineParser parser;
  element root;
  if (parser.parse(line->text, root)) return "the first record is not valid JSON";
  object record;
  if (root.get_object().get(record)) return "the first record is not a JSON object";
  for (const char* field : {"type", "session_id", "timestamp"}) {
    std::string_view value;
    if (record[field].get_string().get(value)) {
      return std::string("the first record has no string field \"") + field + "\"";
    }
  }
  return {};
}

}  // namespace agentreel
