// OpenHands reader (see openhands_reader.h), on the JSON-lines skeleton: each output.jsonl line is one run, parsed
// whole (simdjson DOM); a pretty-printed run or a trajectory export (one JSON array of events) is one document.
// json_extents finds each history event's byte range, so every span's payload is the exact bytes of the event (or
// run) it came from, and each text fact points into those bytes. Events of both schemas are read by
// openhands_events.h.
#include "readers/openhands/openhands_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/json_extents.h"
#include "core/text.h"
#include "readers/json_line.h"
#include "readers/jsonl_reader.h"
#include "readers/openhands/openhands_events.h"
#include "readers/tool_facts.h"

namespace agentreel {
namespace {

using openhands::Event;
using openhands::EventRole;
using openhands::kNone;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;
namespace je = json_extents;

constexpr int64_t kSecond = 1000000000LL;
constexpr size_t kGoalBytes = 300;

int64_t int_or(object o, std::string_view key, int64_t fallback) {
  int64_t value = 0;
  return o[key].get_int64().get(value) ? fallback : value;
}

// One run as its spans are made: where its text sits and what the run says around its history.
struct Run {
  const Line* line = nullptr;  // the run's line (or document): text, line number, byte offset
  uint32_t session = 0;
  std::string_view default_model;
  std::string_view agent_name;
  je::Extent extent;                                       // the run object (or the exported array) in line->text
  std::unordered_map<std::string_view, double> latencies;  // per model response: seconds (V0 metrics)
  std::unordered_map<std::string_view, object> usages;     // per model response: OpenHands' token accounting
};

class OpenHandsReader final : public JsonlReader {
 public:
  explicit OpenHandsReader(const ReaderContext& context) : JsonlReader(context, kLayouts) {
    locate_errors_within_lines();  // a run is one long line: say where in it the JSON breaks
  }

 private:
  // One run per line; one pretty-printed run; or a trajectory export: one JSON array of events.
  static inline const DocumentLayouts kLayouts{.single_object = true, .record_array = true, .array_keys = {}};

  bool on_record(object run, const Line& line, RecordRef) override { return read_run(line, run); }
  bool on_document(element root, const Line& document, RecordRef ref) override;
  // Reports a bad record `offset` bytes into the run's text; false when reading stops (strict mode).
  bool skip_in(const Line& line, SkipReason reason, size_t offset, std::string detail) {
    return skip_at(line.number + je::line_of(line.text, offset) - 1, line.offset + offset, reason, std::move(detail));
  }
  bool read_run(const Line& line, object run);
  bool read_export(const Line& document, array events);
  // The run's spans: its root (`root_open`, timed from the first event) and one or more per event. Returns the
  // root, or kNoSpan when reading must stop; `last_ns` is the last event's time.
  SpanHandle read_history(Run& run, array history, const std::vector<je::Extent>& extents, SpanOpen root_open,
                          int64_t& last_ns);
  std::string session_id(const Line& line, object run) const;
  RecordRef ref(const Run& run, const je::Extent& extent) const {
    return ref_of(run.line->offset + extent.begin, extent.size());
  }
  void model_span(Run& run, const std::vector<Event>& events, size_t k, SpanHandle root, uint16_t flags, bool timed,
                  std::unordered_set<std::string_view>& responses_seen);
  void tool_facts(const Run& run, const Event& action, SpanHandle span);
  void finish_outcome(const Event& finish, SpanHandle root);
};

bool OpenHandsReader::on_document(element root, const Line& document, RecordRef) {
  array events;
  if (!root.get_array().get(events)) return read_export(document, events);
  object run;
  if (!root.get_object().get(run)) return read_run(document, run);
  return skip(document, SkipReason::wrong_type, "expected one OpenHands run (a JSON object) or an array of events");
}

std::string OpenHandsReader::session_id(const Line& line, object run) const {
  element instance;
  if (!run["instance_id"].get(instance)) {
    std::string_view text;
    int64_t number = 0;
    if (!instance.get_string().get(text) && !text.empty()) return std::string(text);
    if (!instance.get_int64().get(number)) return std::to_string(number);
  }
  object issue;
  int64_t number = 0;
  if (!run["issue"].get_object().get(issue) && !issue["number"].get_int64().get(number)) {
    return std::string(string_field(issue, "owner")) + "/" + std::string(string_field(issue, "repo")) + "#" +
           std::to_string(number);
  }
  std::string_view name = context().path;
  if (const size_t slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  return std::string(name) + ":" + std::to_string(line.number);
}

bool OpenHandsReader::read_run(const Line& line, object run_object) {
  const std::string_view text = line.text;
  if (text.size() > UINT32_MAX) return skip(line, SkipReason::too_large, "run over 4 GiB");
  const size_t run_begin = je::skip_whitespace(text, 0);
  array history;
  if (run_object["history"].get_array().get(history)) {
    return skip_in(line, SkipReason::missing_field, run_begin,
                   "expected an array field \"history\" (OpenHands events)");
  }
  count_record();
  Run run;
  run.line = &line;
  run.extent = {run_begin, je::value_end(text, run_begin)};
  const std::vector<je::Member> members = je::object_members(text, run_begin);
  std::vector<je::Extent> extents;
  if (const je::Member* m = je::find_member(members, "history")) extents = je::array_elements(text, m->value.begin);
  const je::Member* metrics_member = je::find_member(members, "metrics");

  run.session = sink().session(session_id(line, run_object));
  object metadata, metrics;
  const bool has_metadata = !run_object["metadata"].get_object().get(metadata);
  const bool has_metrics = !run_object["metrics"].get_object().get(metrics);
  if (has_metadata) {
    // V0 keeps the model in llm_config, the V1 benchmarks in llm.
    if (metadata["llm_config"]["model"].get_string().get(run.default_model) &&
        metadata["llm"]["model"].get_string().get(run.default_model)) {
      run.default_model = {};
    }
    run.agent_name = string_field(metadata, "agent_class");
  }
  if (has_metrics) {
    array list;
    if (!metrics["response_latencies"].get_array().get(list)) {
      for (element item : list) {
        double seconds = 0;
        const std::string_view id =
            item.is_object() ? string_field(item.get_object().value_unsafe(), "response_id") : "";
        if (!id.empty() && !item["latency"].get_double().get(seconds) && std::isfinite(seconds) && seconds >= 0 &&
            seconds < 1e6) {  // beyond ~11 days it is not a latency (and would overflow ns)
          run.latencies.emplace(id, seconds);
        }
      }
    }
    if (!metrics["token_usages"].get_array().get(list)) {
      for (element item : list) {
        object usage;
        if (item.get_object().get(usage)) continue;
        if (const std::string_view id = string_field(usage, "response_id"); !id.empty()) run.usages.emplace(id, usage);
      }
    }
  }

  SpanOpen root_open;
  root_open.session = run.session;
  root_open.kind = SpanKind::agent;
  root_open.name = run.agent_name.empty() ? std::string_view("openhands") : run.agent_name;
  root_open.record = ref(run, run.extent);
  int64_t last_ns = 0;
  const SpanHandle root = read_history(run, history, extents, root_open, last_ns);
  if (root == kNoSpan) return false;
  sink().mark_attempt(root);  // another line or file with this instance_id is another attempt
  if (std::string_view instruction = string_field(run_object, "instruction"); !instruction.empty()) {
    sink().attribute(root, "goal", utf8_prefix(instruction, kGoalBytes));
    sink().text(root, TextRole::prompt, root_open.record, "/instruction");
  }

  // The run's outcome and totals.
  const std::string_view error = string_field(run_object, "error");
  const RecordRef metrics_ref =
      metrics_member && metrics_member->value.complete() ? ref(run, metrics_member->value) : RecordRef{};
  sink().close_span(root, last_ns, error.empty() ? SpanStatus::ok : SpanStatus::error, metrics_ref);
  if (!error.empty()) {
    sink().attribute(root, "error", utf8_prefix(error, 512));
    sink().text(root, TextRole::error, root_open.record, "/error");
  }
  if (!run.default_model.empty()) sink().attribute(root, "model", run.default_model);
  if (has_metrics && metrics_member) {
    const std::vector<je::Member> metric_members = je::object_members(text, metrics_member->value.begin);
    const je::Member* cost = je::find_member(metric_members, "accumulated_cost");
    if (cost && cost->value.complete() && metrics["accumulated_cost"].is_number()) {
      sink().attribute(root, "cost", text.substr(cost->value.begin, cost->value.size()));
    }
    object total;
    if (!metrics["accumulated_token_usage"].get_object().get(total)) {
      int64_t count = 0;
      if (!total["prompt_tokens"].get_int64().get(count)) sink().attribute(root, "input_tokens", count);
      if (!total["completion_tokens"].get_int64().get(count)) sink().attribute(root, "output_tokens", count);
      if (!total["cache_read_tokens"].get_int64().get(count)) sink().attribute(root, "cache_read_tokens", count);
      if (!total["cache_write_tokens"].get_int64().get(count)) sink().attribute(root, "cache_creation_tokens", count);
    }
  }
  return true;
}

bool OpenHandsReader::read_export(const Line& document, array events) {
  count_record();
  Run run;
  run.line = &document;
  run.extent = {0, document.text.size()};
  std::string_view name = context().path;
  if (const size_t slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  if (const size_t dot = name.rfind('.'); dot != std::string_view::npos && dot > 0) name = name.substr(0, dot);
  run.session = sink().session(name.empty() ? std::string_view("openhands") : name);
  const std::vector<je::Extent> extents = je::array_elements(document.text, 0);
  SpanOpen root_open;
  root_open.session = run.session;
  root_open.kind = SpanKind::agent;
  root_open.name = "openhands";
  root_open.record = ref(run, run.extent);
  int64_t last_ns = 0;
  const SpanHandle root = read_history(run, events, extents, root_open, last_ns);
  if (root == kNoSpan) return false;
  sink().close_span(root, last_ns, SpanStatus::ok, RecordRef{});
  return true;
}

// V0's finish action says how the agent judged its own run (AgentFinishTaskCompleted: "true", "false", "partial"):
// the run's outcome, as the diagnosis and the session list read it.
void OpenHandsReader::finish_outcome(const Event& finish, SpanHandle root) {
  object args;
  if (finish.fields["args"].get_object().get(args)) return;
  const std::string_view completed = string_field(args, "task_completed");
  const std::string_view outcome = completed == "true"      ? "success"
                                   : completed == "false"   ? "failure"
                                   : completed == "partial" ? "partial"
                                                            : "";
  if (!outcome.empty()) sink().attribute(root, "outcome", outcome);
}

void OpenHandsReader::tool_facts(const Run& run, const Event& action, SpanHandle span) {
  object arguments;
  bool found = false;
  const std::string pointer = openhands::arguments_pointer(action, arguments, found);
  if (found) record_tool_call_facts(sink(), span, action.name, ref(run, action.extent), pointer, arguments);
}

// A model span for the response that produced action `k` (one per response id): it ends at the action and starts
// its latency earlier (V0 metrics), else at the previous event.
void OpenHandsReader::model_span(Run& run, const std::vector<Event>& events, size_t k, SpanHandle root, uint16_t flags,
                                 bool timed, std::unordered_set<std::string_view>& responses_seen) {
  const Event& e = events[k];
  if (!e.response_id.empty() && !responses_seen.insert(e.response_id).second) return;
  object response;
  const bool has_response = !e.v1 && !e.fields["tool_call_metadata"]["model_response"].get_object().get(response);
  std::string_view model = has_response ? string_field(response, "model") : std::string_view();
  if (model.empty()) model = run.default_model;
  SpanOpen span;
  span.session = run.session;
  span.parent = root;
  span.record = ref(run, e.extent);
  span.flags = flags;
  span.kind = SpanKind::model;
  span.name = model.empty() ? std::string_view("model") : model;
  span.start_ns = e.time_ns;
  if (timed) {
    auto latency = run.latencies.find(e.response_id);
    span.start_ns = latency != run.latencies.end() ? e.time_ns - int64_t(std::llround(latency->second * 1e9))
                    : k > 0                        ? std::min(events[k - 1].time_ns, e.time_ns)
                                                   : e.time_ns;
  }
  const SpanHandle h = sink().add_span(span, e.time_ns, SpanStatus::ok);
  if (!model.empty()) sink().attribute(h, "model", model);
  if (e.role == EventRole::message) {
    if (std::string pointer = openhands::message_pointer(e); !pointer.empty())
      sink().text(h, TextRole::reply, span.record, pointer);
  } else {
    if (std::string pointer = openhands::reply_pointer(e); !pointer.empty())
      sink().text(h, TextRole::reply, span.record, pointer);
    if (std::string pointer = openhands::reasoning_pointer(e); !pointer.empty()) {
      sink().text(h, TextRole::thinking, span.record, pointer);
    }
  }
  // Token classes (docs/facts.md): OpenHands' prompt_tokens include the cached ones.
  const auto tokens = [&](int64_t prompt, int64_t completion, int64_t cache_read, int64_t cache_write,
                          int64_t reasoning) {
    if (prompt >= 0)
      sink().attribute(
          h, "input_tokens",
          std::max<int64_t>(0, prompt - std::max<int64_t>(0, cache_read) - std::max<int64_t>(0, cache_write)));
    if (completion >= 0) sink().attribute(h, "output_tokens", completion);
    if (cache_read > 0) sink().attribute(h, "cache_read_tokens", cache_read);
    if (cache_write > 0) sink().attribute(h, "cache_creation_tokens", cache_write);
    if (reasoning > 0) sink().attribute(h, "reasoning_tokens", reasoning);
  };
  if (auto usage = run.usages.find(e.response_id); usage != run.usages.end()) {
    object u = usage->second;
    tokens(int_or(u, "prompt_tokens", -1), int_or(u, "completion_tokens", -1), int_or(u, "cache_read_tokens", 0),
           int_or(u, "cache_write_tokens", 0), 0);
  } else if (object u; has_response && !response["usage"].get_object().get(u)) {
    int64_t cached = 0, reasoning = 0;
    if (u["prompt_tokens_details"]["cached_tokens"].get_int64().get(cached)) cached = 0;
    if (u["completion_tokens_details"]["reasoning_tokens"].get_int64().get(reasoning)) reasoning = 0;
    tokens(int_or(u, "prompt_tokens", -1), int_or(u, "completion_tokens", -1), cached, 0, reasoning);
  }
  std::string_view stop;
  if (has_response && !response["choices"].at(0)["finish_reason"].get_string().get(stop) && !stop.empty()) {
    sink().attribute(h, "stop_reason", stop);
  }
}

SpanHandle OpenHandsReader::read_history(Run& run, array history, const std::vector<je::Extent>& extents,
                                         SpanOpen root_open, int64_t& last_ns) {
  // Pass 1: events, their times, and action/observation pairs.
  std::vector<Event> events;
  bool timed = history.size() > 0;
  for (element value : history) {
    const size_t k = events.size();
    // simdjson and the scanner read the same validated text, so their counts agree; the whole run is the fallback
    // payload only if they ever did not.
    events.push_back(
        openhands::read_event(value, k < extents.size() && extents[k].complete() ? extents[k] : run.extent));
    if (!events.back().is_object || !events.back().has_time) timed = false;
  }
  if (!timed) {
    for (size_t k = 0; k < events.size(); ++k) events[k].time_ns = int64_t(k) * kSecond;
  }
  openhands::pair_events(events);
  const uint16_t flags = timed ? 0 : kFlagOrdinalTime;
  int64_t first_ns = 0;
  for (size_t k = 0; k < events.size(); ++k) {
    first_ns = k == 0 ? events[k].time_ns : std::min(first_ns, events[k].time_ns);
    last_ns = k == 0 ? events[k].time_ns : std::max(last_ns, events[k].time_ns);
  }
  root_open.start_ns = first_ns;
  root_open.flags = flags;
  const SpanHandle root = sink().open_span(root_open);

  // Pass 2: spans.
  std::unordered_set<std::string_view> responses_seen;
  for (size_t k = 0; k < events.size(); ++k) {
    const Event& e = events[k];
    if (!e.is_object) {
      if (!skip_in(*run.line, SkipReason::wrong_type, e.extent.begin, "expected a history event object"))
        return kNoSpan;
      continue;
    }
    SpanOpen span;
    span.session = run.session;
    span.start_ns = e.time_ns;
    span.parent = root;
    span.record = ref(run, e.extent);
    span.flags = flags;
    switch (e.role) {
      case EventRole::action: {
        object call;
        const bool has_call = e.v1 || !e.fields["tool_call_metadata"].get_object().get(call);
        std::string_view thought = string_field(e.fields, "thought");
        if (object args; thought.empty() && !e.fields["args"].get_object().get(args))
          thought = string_field(args, "thought");
        const bool from_model =
            has_call || e.fields["llm_metrics"].is_object() || (!e.has_id && !e.has_cause && !thought.empty());
        if (from_model) model_span(run, events, k, root, flags, timed, responses_seen);
        if (!e.v1 && e.type == "finish") finish_outcome(e, root);
        span.name = e.name;
        if (e.partner != kNone) {
          span.kind = SpanKind::tool;
          const SpanHandle h = sink().open_span(span);
          tool_facts(run, e, h);
          const Event& answer = events[e.partner];
          const openhands::Outcome outcome = openhands::observation_outcome(answer);
          const RecordRef answer_ref = ref(run, answer.extent);
          if (outcome.status == SpanStatus::error && !e.v1 && answer.type == "error") {
            sink().attribute(h, "error", first_line(string_field(answer.fields, "content"), 512));
          } else if (outcome.status == SpanStatus::error && !e.v1 && !outcome.has_exit_code) {
            // The file editor's or the agentskills' own words (observation_outcome): the line that says what failed.
            std::string_view said = string_field(answer.fields, "content");
            if (said.starts_with("ERROR:\n")) said.remove_prefix(7);
            sink().attribute(h, "error", first_line(said, 512));
          } else if (outcome.status == SpanStatus::error && e.v1 && answer.type == "AgentErrorEvent") {
            sink().attribute(h, "error", first_line(string_field(answer.fields, "error"), 512));
          } else if (outcome.status == SpanStatus::denied && e.v1) {
            sink().attribute(h, "reason", utf8_prefix(string_field(answer.fields, "rejection_reason"), 512));
          }
          if (outcome.has_exit_code) sink().attribute(h, "exit_code", outcome.exit_code);
          if (!outcome.output_pointer.empty()) sink().text(h, TextRole::output, answer_ref, outcome.output_pointer);
          if (!outcome.error_pointer.empty()) sink().text(h, TextRole::error, answer_ref, outcome.error_pointer);
          if (!outcome.reason_pointer.empty()) sink().text(h, TextRole::reason, answer_ref, outcome.reason_pointer);
          sink().close_span(h, answer.time_ns, outcome.status, answer_ref);
        } else if (openhands::expects_observation(e)) {
          span.kind = SpanKind::tool;
          tool_facts(run, e, sink().open_span(span));  // never answered: the builder marks it unfinished
        } else {
          span.kind = has_call ? SpanKind::tool : SpanKind::event;
          const SpanHandle h = sink().add_span(span, e.time_ns, SpanStatus::ok);
          if (has_call) tool_facts(run, e, h);
        }
        break;
      }
      case EventRole::message: {
        const std::string pointer = openhands::message_pointer(e);
        if (e.source == "user") {
          span.kind = SpanKind::human;
          span.name = "human input";
          const SpanHandle h = sink().add_span(span, e.time_ns, SpanStatus::ok);
          if (!pointer.empty()) sink().text(h, TextRole::prompt, span.record, pointer);
        } else if (e.v1 && e.source == "agent") {
          model_span(run, events, k, root, flags, timed, responses_seen);
        } else {
          span.kind = SpanKind::event;
          span.name = e.type;
          sink().add_span(span, e.time_ns, SpanStatus::ok);
        }
        break;
      }
      case EventRole::observation: {
        if (e.partner != kNone) break;  // part of its action's tool span
        const openhands::Outcome outcome = openhands::observation_outcome(e);
        if (!e.v1 && e.type == "error") {
          span.kind = SpanKind::error;
          span.name = "error";
          const SpanHandle h = sink().add_span(span, e.time_ns, SpanStatus::error);
          sink().attribute(h, "message", first_line(string_field(e.fields, "content"), 512));
          if (!outcome.error_pointer.empty()) sink().text(h, TextRole::error, span.record, outcome.error_pointer);
        } else if (e.has_cause || e.v1) {
          // An answer whose call is not in the history.
          span.kind = SpanKind::tool;
          span.name = e.name;
          span.flags |= kFlagUnpairedEnd;
          const SpanHandle h = sink().add_span(span, e.time_ns, e.v1 ? outcome.status : SpanStatus::ok);
          if (!outcome.output_pointer.empty()) sink().text(h, TextRole::output, span.record, outcome.output_pointer);
        } else {
          span.kind = SpanKind::event;
          span.name = e.type;
          sink().add_span(span, e.time_ns, SpanStatus::ok);
        }
        break;
      }
      case EventRole::error: {
        span.kind = SpanKind::error;
        span.name = e.type == "AgentErrorEvent" ? std::string_view("agent error") : std::string_view("error");
        const SpanHandle h = sink().add_span(span, e.time_ns, SpanStatus::error);
        const std::string_view key = e.type == "AgentErrorEvent" ? "error" : "detail";
        if (std::string_view message = string_field(e.fields, key); !message.empty()) {
          sink().attribute(h, "message", first_line(message, 512));
          sink().text(h, TextRole::error, span.record, "/" + std::string(key));
        }
        if (std::string_view code = string_field(e.fields, "code"); !code.empty()) sink().attribute(h, "code", code);
        break;
      }
      case EventRole::other: {
        span.kind = SpanKind::event;
        span.name = e.type;
        const SpanHandle h = sink().add_span(span, e.time_ns, SpanStatus::ok);
        if (e.fields["summary"].is_string()) sink().text(h, TextRole::summary, span.record, "/summary");
        break;
      }
      case EventRole::unknown:
        if (!skip_in(*run.line, SkipReason::missing_field, e.extent.begin,
                     "expected a history event with a string \"action\" or \"observation\" (V0) or \"kind\" (V1)")) {
          return kNoSpan;
        }
        break;
    }
  }
  return root;
}

}  // namespace

std::unique_ptr<FormatReader> make_openhands_reader(const ReaderContext& context) {
  return std::make_unique<OpenHandsReader>(context);
}

std::string openhands_sniff(std::string_view head) {
  const std::optional<FirstJsonRecord> first = first_json_record(head);
  if (!first) return "the first line is not a JSON object";
  const std::string_view record = first->text;
  const size_t begin = je::skip_whitespace(record, 0);
  if (begin >= record.size() || record[begin] != '{') return "the first line is not a JSON object";
  const std::vector<je::Member> members = je::object_members(record, begin);
  // A trajectory export: an array of events, the first an action or observation with an id and a time (V0),
  // or an SDK event with its kind (V1).
  if (first->in_document && head[je::skip_whitespace(head, 0)] == '[') {
    const je::Member* kind = je::find_member(members, "kind");
    const bool v1 = kind && record.substr(kind->value.begin).starts_with("\"") &&
                    (je::find_member(members, "tool_call_id") || je::find_member(members, "llm_message") ||
                     je::find_member(members, "system_prompt"));
    const bool v0 = (je::find_member(members, "action") || je::find_member(members, "observation")) &&
                    je::find_member(members, "timestamp") && je::find_member(members, "source");
    if (v0 || v1) return {};
    return "the first element of the array is not an OpenHands event (action or observation with a timestamp "
           "and source, or an SDK event with a kind)";
  }
  // The first non-blank line; runs are often longer than the head, so it is scanned as far as it goes.
  const je::Member* history = je::find_member(members, "history");
  if (!history || record[history->value.begin] != '[')
    return "the first run has no \"history\" array in the first bytes";
  const je::Member* instance = je::find_member(members, "instance_id");
  const je::Member* issue = je::find_member(members, "issue");
  if (!instance && !(issue && record[issue->value.begin] == '{')) {
    return "the first run has no \"instance_id\" (or resolver \"issue\") before its history";
  }
  return {};
}

}  // namespace agentreel
