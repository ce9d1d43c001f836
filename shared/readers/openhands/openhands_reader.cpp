// OpenHands output.jsonl reader (see openhands_reader.h). Lines stream through the LineSplitter;
// each run is parsed whole (simdjson DOM) and json_extents finds each history event's byte range,
// so every span's payload is the exact bytes of the event (or line) it came from.
#include "readers/openhands/openhands_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/timestamp.h"
#include "readers/json_line.h"
#include "readers/line_splitter.h"
#include "core/json_extents.h"
#include "core/text.h"

namespace agentreel {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;
namespace je = json_extents;

constexpr int64_t kSecond = 1000000000LL;
constexpr size_t kNone = size_t(-1);

// Actions that the runtime answers with an observation: one that never got it was cut off.
bool expects_observation(std::string_view action) {
  for (std::string_view runnable : {"run", "run_ipython", "read", "write", "edit", "browse", "browse_interactive",
                                    "mcp", "call_tool_mcp", "think", "recall", "delegate"}) {
    if (action == runnable) return true;
  }
  return false;
}

// One history event as read in the first pass.
struct Event {
  object fields;
  bool is_object = false;
  je::Extent extent;
  int64_t time_ns = 0;
  std::string_view action;       // non-empty for an action
  std::string_view observation;  // non-empty for an observation
  bool has_id = false;
  int64_t id = 0;
  bool has_cause = false;
  int64_t cause = 0;
  size_t partner = kNone;  // the paired observation (for an action) or action (for an observation)
};

class OpenHandsReader final : public FormatReader {
 public:
  explicit OpenHandsReader(const ReaderContext& context) : context_(context), lines_(context.max_record_bytes) {}

  Status feed(std::string_view chunk) override {
    lines_.feed(chunk, [this](const Line& line) { return handle(line); });
    return fatal_;
  }
  Status finish() override {
    lines_.finish([this](const Line& line) { return handle(line); });
    return fatal_;
  }
  uint64_t records() const override { return records_; }

 private:
  bool handle(const Line& line);
  // Reports a bad record at `offset` bytes into the line; false when reading stops (strict mode).
  bool skip(const Line& line, SkipReason reason, size_t offset, std::string detail);
  bool read_run(const Line& line, object run, size_t run_begin);
  std::string session_id(const Line& line, object run) const;

  TraceSink& sink() { return *context_.sink; }

  ReaderContext context_;
  LineSplitter lines_;
  JsonLineParser parser_;
  Status fatal_;
  uint64_t records_ = 0;
};

bool OpenHandsReader::skip(const Line& line, SkipReason reason, size_t offset, std::string detail) {
  fatal_ = report_bad_record(context_, line.number, line.offset + offset, reason, std::move(detail));
  return fatal_.is_ok();
}

bool OpenHandsReader::handle(const Line& line) {
  if (line.too_large) {
    return skip(line, SkipReason::too_large, 0,
                "run of " + std::to_string(line.raw_length) + " bytes exceeds the " +
                    std::to_string(context_.max_record_bytes) + "-byte record limit");
  }
  if (line.text.find_first_not_of(" \t") == std::string_view::npos) return true;  // blank line: no record
  if (line.text.size() > UINT32_MAX) return skip(line, SkipReason::too_large, 0, "run over 4 GiB");
  element root;
  if (auto error = parser_.parse(line.text, root)) {
    const auto bad = je::find_syntax_error(line.text);
    return skip(line, line.terminated ? SkipReason::invalid_json : SkipReason::partial_line, bad ? bad->offset : 0,
                "expected one OpenHands run (a JSON object) per line: " +
                    (bad ? bad->expected : std::string(simdjson::error_message(error))));
  }
  object run;
  const size_t begin = je::skip_whitespace(line.text, 0);
  if (root.get_object().get(run)) return skip(line, SkipReason::wrong_type, begin, "expected a JSON object (one run)");
  return read_run(line, run, begin);
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
  std::string_view name = context_.path;
  if (const size_t slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  return std::string(name) + ":" + std::to_string(line.number);
}

bool OpenHandsReader::read_run(const Line& line, object run, size_t run_begin) {
  const std::string_view text = line.text;
  array history;
  if (run["history"].get_array().get(history)) {
    return skip(line, SkipReason::missing_field, run_begin, "expected an array field \"history\" (OpenHands events)");
  }
  ++records_;
  const uint64_t base = context_.stream_offset + line.offset;
  const auto ref = [&](const je::Extent& extent) { return RecordRef{base + extent.begin, uint32_t(extent.size())}; };
  const je::Extent run_extent{run_begin, je::value_end(text, run_begin)};
  const std::vector<je::Member> members = je::object_members(text, run_begin);
  std::vector<je::Extent> extents;
  if (const je::Member* m = je::find_member(members, "history")) extents = je::array_elements(text, m->value.begin);
  const je::Member* metrics_member = je::find_member(members, "metrics");

  // Pass 1: events, their times, and action/observation pairs.
  std::vector<Event> events;
  bool timed = true;
  for (element value : history) {
    Event& e = events.emplace_back();
    const size_t k = events.size() - 1;
    // simdjson and the scanner read the same validated line, so their counts agree; the whole run
    // is the fallback payload only if they ever did not.
    e.extent = k < extents.size() && extents[k].complete() ? extents[k] : run_extent;
    e.is_object = !value.get_object().get(e.fields);
    if (!e.is_object) continue;
    e.action = string_field(e.fields, "action");
    e.observation = string_field(e.fields, "observation");
    e.has_id = !e.fields["id"].get_int64().get(e.id);
    e.has_cause = !e.fields["cause"].get_int64().get(e.cause);
    const auto ns = parse_rfc3339_ns(string_field(e.fields, "timestamp"));  // no zone: UTC
    if (ns) {
      e.time_ns = *ns;
    } else {
      timed = false;
    }
  }
  if (events.empty()) timed = false;
  if (!timed) {
    for (size_t k = 0; k < events.size(); ++k) events[k].time_ns = int64_t(k) * kSecond;
  }
  {
    std::unordered_map<int64_t, size_t> open_by_id;
    size_t last_action = kNone;  // older output: an observation answers the action just before it
    for (size_t k = 0; k < events.size(); ++k) {
      Event& e = events[k];
      if (!e.is_object) continue;
      if (!e.action.empty()) {
        if (e.has_id) open_by_id[e.id] = k;
        last_action = k;
      } else if (!e.observation.empty()) {
        size_t action = kNone;
        if (e.has_cause) {
          if (auto it = open_by_id.find(e.cause); it != open_by_id.end()) {
            action = it->second;
            open_by_id.erase(it);
          }
        } else if (!e.has_id && last_action != kNone && events[last_action].partner == kNone) {
          action = last_action;
        }
        if (action != kNone) {
          events[action].partner = k;
          e.partner = action;
        }
      }
    }
  }

  const uint16_t flags = timed ? 0 : kFlagOrdinalTime;
  const uint32_t session = sink().session(session_id(line, run));
  object metadata, metrics;
  const bool has_metadata = !run["metadata"].get_object().get(metadata);
  const bool has_metrics = !run["metrics"].get_object().get(metrics);
  std::string_view default_model, agent_name;
  if (has_metadata) {
    if (metadata["llm_config"]["model"].get_string().get(default_model)) default_model = {};
    agent_name = string_field(metadata, "agent_class");
  }
  // Per model response: latency (seconds) and OpenHands' own token accounting.
  std::unordered_map<std::string_view, double> latencies;
  std::unordered_map<std::string_view, object> usages;
  if (has_metrics) {
    array list;
    if (!metrics["response_latencies"].get_array().get(list)) {
      for (element item : list) {
        double seconds = 0;
        const std::string_view id =
            item.is_object() ? string_field(item.get_object().value_unsafe(), "response_id") : "";
        if (!id.empty() && !item["latency"].get_double().get(seconds) && std::isfinite(seconds) && seconds >= 0 &&
            seconds < 1e6) {  // beyond ~11 days it is not a latency (and would overflow ns)
          latencies.emplace(id, seconds);
        }
      }
    }
    if (!metrics["token_usages"].get_array().get(list)) {
      for (element item : list) {
        object usage;
        if (item.get_object().get(usage)) continue;
        if (const std::string_view id = string_field(usage, "response_id"); !id.empty()) usages.emplace(id, usage);
      }
    }
  }

  int64_t first_ns = 0, last_ns = 0;
  for (size_t k = 0; k < events.size(); ++k) {
    first_ns = k == 0 ? events[k].time_ns : std::min(first_ns, events[k].time_ns);
    last_ns = k == 0 ? events[k].time_ns : std::max(last_ns, events[k].time_ns);
  }
  SpanOpen root_open;
  root_open.session = session;
  root_open.start_ns = first_ns;
  root_open.kind = SpanKind::agent;
  root_open.name = agent_name.empty() ? std::string_view("openhands") : agent_name;
  root_open.record = ref(run_extent);
  root_open.flags = flags;
  const SpanHandle root = sink().open_span(root_open);

  // Pass 2: spans.
  std::unordered_set<std::string_view> responses_seen;
  for (size_t k = 0; k < events.size(); ++k) {
    const Event& e = events[k];
    if (!e.is_object) {
      if (!skip(line, SkipReason::wrong_type, e.extent.begin, "expected a history event object")) return false;
      continue;
    }
    SpanOpen span;
    span.session = session;
    span.start_ns = e.time_ns;
    span.parent = root;
    span.record = ref(e.extent);
    span.flags = flags;

    if (!e.action.empty()) {
      object call, response;
      const bool has_call = !e.fields["tool_call_metadata"].get_object().get(call);
      const bool has_response = has_call && !call["model_response"].get_object().get(response);
      std::string_view thought = string_field(e.fields, "thought");
      if (object args; thought.empty() && !e.fields["args"].get_object().get(args))
        thought = string_field(args, "thought");
      const bool from_model =
          has_call || e.fields["llm_metrics"].is_object() || (!e.has_id && !e.has_cause && !thought.empty());
      const std::string_view response_id = has_response ? string_field(response, "id") : std::string_view();
      if (from_model && (response_id.empty() || responses_seen.insert(response_id).second)) {
        std::string_view model = has_response ? string_field(response, "model") : std::string_view();
        if (model.empty()) model = default_model;
        SpanOpen model_span = span;
        model_span.kind = SpanKind::model;
        model_span.name = model.empty() ? std::string_view("model") : model;
        if (timed) {
          auto latency = latencies.find(response_id);
          model_span.start_ns = latency != latencies.end() ? e.time_ns - int64_t(std::llround(latency->second * 1e9))
                                : k > 0                    ? std::min(events[k - 1].time_ns, e.time_ns)
                                                           : e.time_ns;
        }
        const SpanHandle h = sink().add_span(model_span, e.time_ns, SpanStatus::ok);
        if (!model.empty()) sink().attribute(h, "model", model);
        int64_t count = 0;
        if (auto usage = usages.find(response_id); usage != usages.end()) {
          if (!usage->second["prompt_tokens"].get_int64().get(count)) sink().attribute(h, "input_tokens", count);
          if (!usage->second["completion_tokens"].get_int64().get(count)) sink().attribute(h, "output_tokens", count);
          if (!usage->second["cache_read_tokens"].get_int64().get(count) && count > 0) {
            sink().attribute(h, "cache_read_tokens", count);
          }
          if (!usage->second["cache_write_tokens"].get_int64().get(count) && count > 0) {
            sink().attribute(h, "cache_creation_tokens", count);
          }
        } else if (object usage_object; has_response && !response["usage"].get_object().get(usage_object)) {
          if (!usage_object["prompt_tokens"].get_int64().get(count)) sink().attribute(h, "input_tokens", count);
          if (!usage_object["completion_tokens"].get_int64().get(count)) sink().attribute(h, "output_tokens", count);
          if (!usage_object["prompt_tokens_details"]["cached_tokens"].get_int64().get(count) && count > 0) {
            sink().attribute(h, "cache_read_tokens", count);
          }
        }
        std::string_view stop;
        if (has_response && !response["choices"].at(0)["finish_reason"].get_string().get(stop) && !stop.empty()) {
          sink().attribute(h, "stop_reason", stop);
        }
      }

      std::string_view name = has_call ? string_field(call, "function_name") : std::string_view();
      if (name.empty()) name = e.action;
      span.name = name;
      if (e.partner != kNone) {
        span.kind = SpanKind::tool;
        const SpanHandle h = sink().open_span(span);
        const Event& answer = events[e.partner];
        SpanStatus status = SpanStatus::ok;
        int64_t exit_code = 0;
        const bool has_exit = !answer.fields["extras"]["metadata"]["exit_code"].get_int64().get(exit_code) ||
                              !answer.fields["extras"]["exit_code"].get_int64().get(exit_code) ||
                              !answer.fields["exit_code"].get_int64().get(exit_code);
        if (answer.observation == "error") {
          status = SpanStatus::error;
          sink().attribute(h, "error", first_line(string_field(answer.fields, "content"), 512));
        } else if (answer.observation == "user_rejected") {
          status = SpanStatus::denied;
        } else if (has_exit && exit_code != 0) {
          status = SpanStatus::error;
        }
        if (has_exit) sink().attribute(h, "exit_code", exit_code);
        sink().close_span(h, answer.time_ns, status, ref(answer.extent));
      } else if (expects_observation(e.action)) {
        span.kind = SpanKind::tool;
        sink().open_span(span);  // never answered: the builder marks it unfinished
      } else {
        span.kind = has_call ? SpanKind::tool : SpanKind::event;
        sink().add_span(span, e.time_ns, SpanStatus::ok);
      }
    } else if (!e.observation.empty()) {
      if (e.partner != kNone) continue;  // part of its action's tool span
      if (e.observation == "error") {
        span.kind = SpanKind::error;
        span.name = "error";
        const SpanHandle h = sink().add_span(span, e.time_ns, SpanStatus::error);
        sink().attribute(h, "message", first_line(string_field(e.fields, "content"), 512));
      } else if (e.has_cause) {
        object call;
        std::string_view name;
        if (!e.fields["tool_call_metadata"].get_object().get(call)) name = string_field(call, "function_name");
        span.kind = SpanKind::tool;
        span.name = name.empty() ? e.observation : name;
        span.flags |= kFlagUnpairedEnd;
        sink().add_span(span, e.time_ns, SpanStatus::ok);
      } else {
        span.kind = SpanKind::event;
        span.name = e.observation;
        sink().add_span(span, e.time_ns, SpanStatus::ok);
      }
    } else if (!skip(line, SkipReason::missing_field, e.extent.begin,
                     "expected a history event with a string \"action\" or \"observation\"")) {
      return false;
    }
  }

  // The run's outcome and totals.
  std::string_view error = string_field(run, "error");
  const RecordRef metrics_ref =
      metrics_member && metrics_member->value.complete() ? ref(metrics_member->value) : RecordRef{};
  sink().close_span(root, last_ns, error.empty() ? SpanStatus::ok : SpanStatus::error, metrics_ref);
  if (!error.empty()) sink().attribute(root, "error", utf8_prefix(error, 512));
  if (!default_model.empty()) sink().attribute(root, "model", default_model);
  if (has_metrics && metrics_member) {
    const std::vector<je::Member> metric_members = je::object_members(text, metrics_member->value.begin);
    const je::Member* cost = je::find_member(metric_members, "accumulated_cost");
    if (cost && cost->value.complete() && metrics["accumulated_cost"].is_number()) {
      sink().attribute(root, "cost", text.substr(cost->value.begin, cost->value.size()));
    }
    object total;
    int64_t count = 0;
    if (!metrics["accumulated_token_usage"].get_object().get(total)) {
      if (!total["prompt_tokens"].get_int64().get(count)) sink().attribute(root, "input_tokens", count);
      if (!total["completion_tokens"].get_int64().get(count)) sink().attribute(root, "output_tokens", count);
      if (!total["cache_read_tokens"].get_int64().get(count)) sink().attribute(root, "cache_read_tokens", count);
      if (!total["cache_write_tokens"].get_int64().get(count)) sink().attribute(root, "cache_creation_tokens", count);
    }
  }
  return true;
}

}  // namespace

std::unique_ptr<FormatReader> make_openhands_reader(const ReaderContext& context) {
  return std::make_unique<OpenHandsReader>(context);
}

std::string openhands_sniff(std::string_view head) {
  // The first non-blank line; runs are often longer than the head, so it is scanned as far as it goes.
  size_t start = 0;
  std::string_view line;
  while (start < head.size()) {
    size_t end = head.find('\n', start);
    if (end == std::string_view::npos) end = head.size();
    line = head.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) break;
    line = {};
    start = end + 1;
  }
  const size_t begin = json_extents::skip_whitespace(line, 0);
  if (begin >= line.size() || line[begin] != '{') return "the first line is not a JSON object";
  const std::vector<json_extents::Member> members = json_extents::object_members(line, begin);
  const json_extents::Member* history = json_extents::find_member(members, "history");
  if (!history || line[history->value.begin] != '[') return "the first run has no \"history\" array in the first bytes";
  const json_extents::Member* instance = json_extents::find_member(members, "instance_id");
  const json_extents::Member* issue = json_extents::find_member(members, "issue");
  if (!instance && !(issue && line[issue->value.begin] == '{')) {
    return "the first run has no \"instance_id\" (or resolver \"issue\") before its history";
  }
  return {};
}

}  // namespace agentreel
