// SWE-agent .traj reader (see swe_agent_reader.h). The whole document is buffered until finish(),
// validated and parsed by simdjson's DOM parser; json_extents finds each step's byte range so the
// payload of every span is the exact bytes of the element it came from.
#include "readers/swe_agent/swe_agent_reader.h"

#include <simdjson.h>

#include <cmath>
#include <initializer_list>
#include <unordered_map>
#include <vector>

#include "core/json_extents.h"
#include "core/text.h"
#include "readers/json_line.h"
#include "readers/tool_facts.h"

namespace agentreel {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;
namespace je = json_extents;

constexpr int64_t kSecond = 1000000000LL;

// SWE-agent's own messages for an action it refused or could not run; anything else (a traceback
// from the agent's script, a failing test) is the command's normal output, not a tool failure.
bool is_tool_refusal(std::string_view observation) {
  const size_t start = observation.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  observation.remove_prefix(start);
  for (std::string_view prefix :
       {"Your proposed edit has introduced new syntax error(s)", "Your output could not be parsed properly",
        "Your output was not formatted correctly", "Interactive operation", "EXECUTION TIMED OUT", "Usage: "}) {
    if (observation.starts_with(prefix)) return true;
  }
  const std::string_view first_line = observation.substr(0, observation.find('\n'));
  return first_line.find(": command not found") != std::string_view::npos;
}

// "edit 287:295\n..." -> "edit": the command word names the tool.
std::string_view command_word(std::string_view action) {
  const size_t start = action.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return "action";
  action.remove_prefix(start);
  const size_t end = action.find_first_of(" \t\r\n");
  return action.substr(0, std::min<size_t>(end, 64));
}

// SWE-agent's own commands that are no action of tool_facts' kinds (moving the editor's window, submitting).
bool is_navigation(std::string_view word) {
  for (std::string_view own : {"goto", "scroll_up", "scroll_down", "submit", "exit", "exit_forfeit", "exit_cost",
                               "exit_context", "exit_error", "exit_format"}) {
    if (word == own) return true;
  }
  return false;
}

// The canonical action of a step's command: SWE-agent's tools by name (open -> read, edit -> edit, find_file ->
// list, search_dir -> search), anything else a shell command run in the agent's bash session.
std::string_view step_action(std::string_view word) {
  if (const std::string_view action = tool_action(word); !action.empty()) return action;
  return is_navigation(word) || word == "action" ? std::string_view() : std::string_view("shell");
}

// A step's execution_time in seconds, when it is a usable one (finite, not negative, under 10^7 s).
bool execution_seconds(element step, double& seconds) {
  object fields;
  if (step.get_object().get(fields)) return false;
  return !fields["execution_time"].get_double().get(seconds) && std::isfinite(seconds) && seconds >= 0 && seconds < 1e7;
}

// The extent of the value at `path` under the object at `begin`, if every step is found complete.
std::optional<je::Extent> extent_at(std::string_view text, size_t begin, std::initializer_list<std::string_view> path) {
  je::Extent at{begin, je::value_end(text, begin)};
  for (std::string_view key : path) {
    const std::vector<je::Member> members = je::object_members(text, at.begin);
    const je::Member* member = je::find_member(members, key);
    if (!member || !member->value.complete()) return std::nullopt;
    at = member->value;
  }
  return at;
}

class SweAgentReader final : public FormatReader {
 public:
  explicit SweAgentReader(const ReaderContext& context) : context_(context) {}

  Status feed(std::string_view chunk) override {
    size_ += chunk.size();
    if (size_ > context_.max_record_bytes) {
      buffer_.clear();
      buffer_.shrink_to_fit();
    } else {
      buffer_.append(chunk);
    }
    return Status::ok();
  }
  Status finish() override;
  uint64_t records() const override { return records_; }

 private:
  // Reports a bad record; in strict mode makes it the fatal status. Returns false when reading stops.
  bool skip(SkipReason reason, size_t offset, std::string detail);
  void read_document(object document, size_t document_begin);
  // replay_config (v1.x) as an element, parsing it when it is stored as a string.
  bool replay_config(object document, element& replay);
  std::string session_id(std::string_view instance_id) const;
  // A step's call: its command line (the step's "action", as SWE-agent ran it) is both the call's arguments and
  // its command; its observation the output.
  void record_step_facts(SpanHandle tool, std::string_view word, RecordRef record, object step, bool refused);
  // A .traj with only "history" (chat messages with tool calls, no "trajectory"): see swe_agent_reader.h.
  void read_history_only(object document, size_t document_begin, array history);

  TraceSink& sink() { return *context_.sink; }
  RecordRef ref(const je::Extent& extent) const {
    return {context_.stream_offset + extent.begin, uint32_t(extent.size())};
  }

  ReaderContext context_;
  std::string buffer_;  // the whole document, then padded for simdjson
  uint64_t size_ = 0;
  uint64_t records_ = 0;
  Status fatal_;
  simdjson::dom::parser parser_;
  simdjson::dom::parser replay_parser_;  // replay_config when it is stored as a JSON string
  std::string replay_text_;
};

bool SweAgentReader::skip(SkipReason reason, size_t offset, std::string detail) {
  fatal_ = report_bad_record(context_, je::line_of(buffer_, offset), offset, reason, std::move(detail));
  return fatal_.is_ok();
}

Status SweAgentReader::finish() {
  if (size_ > context_.max_record_bytes) {
    skip(SkipReason::too_large, 0,
         "trajectory of " + std::to_string(size_) + " bytes exceeds the " + std::to_string(context_.max_record_bytes) +
             "-byte record limit");
    return fatal_;
  }
  const size_t length = buffer_.size();
  if (length > UINT32_MAX) {  // a RecordRef holds 32-bit lengths
    skip(SkipReason::too_large, 0, "trajectory over 4 GiB");
    return fatal_;
  }
  const size_t begin = je::skip_whitespace(buffer_, 0);
  if (begin == length) return fatal_;  // blank: no record
  if (auto bad = je::find_syntax_error(buffer_)) {
    skip(SkipReason::invalid_json, bad->offset,
         "expected one JSON document (a SWE-agent trajectory): " + bad->expected);
    return fatal_;
  }
  buffer_.append(simdjson::SIMDJSON_PADDING, '\0');
  element root;
  if (auto error = parser_.parse(buffer_.data(), length, false).get(root)) {
    // Valid by the grammar but refused by simdjson (e.g. nesting deeper than its limit).
    skip(SkipReason::invalid_json, 0, std::string("expected one JSON document: ") + simdjson::error_message(error));
    return fatal_;
  }
  object document;
  if (root.get_object().get(document)) {
    skip(SkipReason::wrong_type, begin, "expected a JSON object {trajectory, history, info}");
    return fatal_;
  }
  read_document(document, begin);
  return fatal_;
}

bool SweAgentReader::replay_config(object document, element& replay) {
  // An object in some SWE-agent versions, a JSON string holding the object in others.
  if (document["replay_config"].get(replay)) return false;
  std::string_view as_text;
  if (replay.get_string().get(as_text)) return replay.is_object();
  replay_text_.assign(as_text);
  replay_text_.append(simdjson::SIMDJSON_PADDING, '\0');
  return !replay_parser_.parse(replay_text_.data(), as_text.size(), false).get(replay) && replay.is_object();
}

std::string SweAgentReader::session_id(std::string_view instance_id) const {
  if (!instance_id.empty()) return std::string(instance_id);
  std::string_view name = context_.path;
  if (const size_t slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  if (name.ends_with(".traj")) name.remove_suffix(5);
  return name.empty() ? std::string("swe-agent") : std::string(name);
}

void SweAgentReader::record_step_facts(SpanHandle tool, std::string_view word, RecordRef record, object step,
                                       bool refused) {
  if (const std::string_view action = step_action(word); !action.empty()) sink().attribute(tool, "action", action);
  if (step["action"].is_string()) {
    sink().text(tool, TextRole::input, record, "/action");
    sink().text(tool, TextRole::command, record, "/action");
  }
  if (step["observation"].is_string()) {
    sink().text(tool, TextRole::output, record, "/observation");
    if (refused) sink().text(tool, TextRole::error, record, "/observation");
  }
}

void SweAgentReader::read_document(object document, size_t document_begin) {
  const std::string_view text = std::string_view(buffer_).substr(0, size_);
  array trajectory;
  if (document["trajectory"].get_array().get(trajectory)) {
    if (array history; !document["history"].get_array().get(history))
      return read_history_only(document, document_begin, history);
    skip(SkipReason::missing_field, document_begin,
         "expected an array field \"trajectory\" (SWE-agent steps) or \"history\" (its chat messages)");
    return;
  }
  std::string_view model, instance_id;
  if (element replay; replay_config(document, replay)) {
    if (replay["agent"]["model"]["name"].get_string().get(model)) model = {};
    if (replay["problem_statement"]["id"].get_string().get(instance_id)) instance_id = {};
  }
  const uint32_t session = sink().session(session_id(instance_id));

  const je::Extent document_extent{document_begin, je::value_end(text, document_begin)};
  const std::vector<je::Member> members = je::object_members(text, document_begin);
  const je::Member* trajectory_member = je::find_member(members, "trajectory");
  std::vector<je::Extent> steps;
  if (trajectory_member) steps = je::array_elements(text, trajectory_member->value.begin);

  SpanOpen root_open;
  root_open.session = session;
  root_open.start_ns = 0;
  root_open.kind = SpanKind::agent;
  root_open.name = "swe-agent";
  root_open.record = ref(document_extent);
  // Steps with an execution_time are laid end to end by it, in seconds; without any, one step per second
  // reads as step numbers. The root is opened first, so look ahead once.
  bool timed = false;
  for (element step_value : trajectory) {
    double seconds = 0;
    if (execution_seconds(step_value, seconds)) timed = true;
  }
  const uint16_t clock_flags = kFlagOrdinalTime | (timed ? kFlagExecutionTime : 0);
  root_open.flags = clock_flags;
  const SpanHandle root = sink().open_span(root_open);
  sink().mark_attempt(root);  // a re-run of the instance in another file is another attempt at this run

  int64_t at_ns = 0;
  size_t index = 0;
  for (element step_value : trajectory) {
    // The scanner and simdjson read the same validated text, so their element counts agree; the
    // fallback to the whole document only guards against a disagreement.
    const je::Extent extent = index < steps.size() && steps[index].complete() ? steps[index] : document_extent;
    ++index;
    object step;
    if (step_value.get_object().get(step)) {
      if (!skip(SkipReason::wrong_type, extent.begin,
                "expected a trajectory step object {action, observation, response, thought}")) {
        return;
      }
      at_ns += kSecond;  // keep the step's slot on the ordinal axis
      continue;
    }
    ++records_;
    double seconds = 0;
    int64_t duration_ns = kSecond;
    if (execution_seconds(step_value, seconds)) duration_ns = int64_t(std::llround(seconds * 1e9));

    SpanOpen span;
    span.session = session;
    span.start_ns = at_ns;
    span.parent = root;
    span.record = ref(extent);
    span.flags = clock_flags;
    if (!string_field(step, "thought").empty() || !string_field(step, "response").empty()) {
      span.kind = SpanKind::model;
      span.name = model.empty() ? std::string_view("model") : model;
      const SpanHandle h = sink().add_span(span, at_ns, SpanStatus::ok);
      if (!model.empty()) sink().attribute(h, "model", model);
      // The thought is what the model said; the response repeats it with the command appended.
      sink().text(h, TextRole::reply, span.record, !string_field(step, "thought").empty() ? "/thought" : "/response");
    }

    const std::string_view observation = string_field(step, "observation");
    const bool refused = is_tool_refusal(observation);
    span.kind = SpanKind::tool;
    span.name = command_word(string_field(step, "action"));
    const SpanHandle tool = sink().add_span(span, at_ns + duration_ns, refused ? SpanStatus::error : SpanStatus::ok);
    if (refused) sink().attribute(tool, "error", first_line(observation, 512));
    record_step_facts(tool, span.name, span.record, step, refused);
    at_ns += duration_ns;
  }

  // The run's outcome and totals come from `info`; without an exit status the run never ended.
  const std::optional<je::Extent> info_extent = extent_at(text, document_begin, {"info"});
  object info;
  std::string_view exit_status;
  if (document["info"].get_object().get(info) || info["exit_status"].get_string().get(exit_status)) {
    return;  // left open: the builder marks it unfinished
  }
  const bool submitted = exit_status.starts_with("submitted");
  sink().close_span(root, at_ns, submitted ? SpanStatus::ok : SpanStatus::error,
                    info_extent ? ref(*info_extent) : RecordRef{});
  sink().attribute(root, "exit_status", exit_status);
  object stats;
  if (info["model_stats"].get_object().get(stats)) return;
  for (std::string_view key : {"instance_cost", "total_cost"}) {
    if (auto cost = extent_at(text, document_begin, {"info", "model_stats", key}); cost && stats[key].is_number()) {
      sink().attribute(root, "cost", text.substr(cost->begin, cost->size()));
      break;
    }
  }
  int64_t count = 0;
  if (!stats["tokens_sent"].get_int64().get(count)) sink().attribute(root, "input_tokens", count);
  if (!stats["tokens_received"].get_int64().get(count)) sink().attribute(root, "output_tokens", count);
  if (!stats["api_calls"].get_int64().get(count)) sink().attribute(root, "api_calls", count);
}

void SweAgentReader::read_history_only(object document, size_t document_begin, array history) {
  const std::string_view text = std::string_view(buffer_).substr(0, size_);
  std::string_view model, instance_id;
  if (element replay; replay_config(document, replay)) {
    if (replay["agent"]["model"]["name"].get_string().get(model)) model = {};
    if (replay["problem_statement"]["id"].get_string().get(instance_id)) instance_id = {};
  }
  const uint32_t session = sink().session(session_id(instance_id));
  const je::Extent document_extent{document_begin, je::value_end(text, document_begin)};
  std::vector<je::Extent> extents;
  if (const std::optional<je::Extent> at = extent_at(text, document_begin, {"history"})) {
    extents = je::array_elements(text, at->begin);
  }
  SpanOpen root_open;
  root_open.session = session;
  root_open.kind = SpanKind::agent;
  root_open.name = "swe-agent";
  root_open.record = ref(document_extent);
  root_open.flags = kFlagOrdinalTime;  // chat messages carry no times: one step per assistant message
  const SpanHandle root = sink().open_span(root_open);
  sink().mark_attempt(root);

  struct Call {
    SpanHandle span = kNoSpan;
    std::string_view word;  // the command word (the function called)
  };
  std::unordered_map<std::string_view, Call> by_id;  // open calls by tool_call_id
  Call plain;                                        // an action without tool calls: the next observation answers it
  bool has_goal = false, submitted = false;
  int64_t at_ns = 0;
  size_t index = 0;
  for (element value : history) {
    const je::Extent extent = index < extents.size() && extents[index].complete() ? extents[index] : document_extent;
    ++index;
    object message;
    if (value.get_object().get(message)) {
      if (!skip(SkipReason::wrong_type, extent.begin, "expected a history message object {role, content}")) return;
      continue;
    }
    const RecordRef record = ref(extent);
    const std::string_view role = string_field(message, "role");
    const std::string_view type = string_field(message, "message_type");
    if (role == "assistant") {
      ++records_;
      SpanOpen span;
      span.session = session;
      span.start_ns = at_ns;
      span.parent = root;
      span.record = record;
      span.flags = kFlagOrdinalTime;
      span.kind = SpanKind::model;
      span.name = model.empty() ? std::string_view("model") : model;
      const SpanHandle turn = sink().add_span(span, at_ns, SpanStatus::ok);
      if (!model.empty()) sink().attribute(turn, "model", model);
      if (!string_field(message, "thought").empty()) {
        sink().text(turn, TextRole::reply, record, "/thought");
      } else if (!message["content"].error()) {
        sink().text(turn, TextRole::reply, record, "/content");
      }
      array calls;
      span.kind = SpanKind::tool;
      const bool has_action = !string_field(message, "action").empty();
      if (!message["tool_calls"].get_array().get(calls) && calls.size() > 0) {
        size_t j = 0;
        for (element call : calls) {
          const std::string pointer = "/tool_calls/" + std::to_string(j++);
          std::string_view name, id;
          if (call["function"]["name"].get_string().get(name)) name = "unknown";
          span.name = name;
          const SpanHandle tool = sink().open_span(span);
          if (const std::string_view action = step_action(name); !action.empty())
            sink().attribute(tool, "action", action);
          sink().text(tool, TextRole::input, record, pointer + "/function/arguments");
          if (calls.size() == 1 && has_action) sink().text(tool, TextRole::command, record, "/action");
          if (!call["id"].get_string().get(id)) by_id[id] = {tool, name};
          submitted = name == "submit";
        }
      } else if (has_action) {
        span.name = command_word(string_field(message, "action"));
        plain = {sink().open_span(span), span.name};
        if (const std::string_view action = step_action(span.name); !action.empty()) {
          sink().attribute(plain.span, "action", action);
        }
        sink().text(plain.span, TextRole::input, record, "/action");
        sink().text(plain.span, TextRole::command, record, "/action");
        submitted = span.name == "submit";
      }
      at_ns += kSecond;
      continue;
    }
    const bool observation = role == "tool" || type == "observation";
    if (role == "user" && !has_goal && at_ns == 0) {  // the task: the user's message before the first step
      has_goal = true;
      if (const std::string_view goal = string_field(message, "content"); !goal.empty()) {
        sink().attribute(root, "goal", utf8_prefix(goal, 300));
      }
      sink().text(root, TextRole::prompt, record, "/content");
      continue;
    }
    if (!observation) continue;  // the system prompt, a demonstration's own text
    const std::string_view content = string_field(message, "content");
    const bool refused = is_tool_refusal(content);
    const auto answer = [&](const Call& call) {
      if (call.span == kNoSpan) return;
      sink().text(call.span, TextRole::output, record, "/content");
      if (refused) {
        sink().text(call.span, TextRole::error, record, "/content");
        sink().attribute(call.span, "error", first_line(content, 512));
      }
      sink().close_span(call.span, at_ns, refused ? SpanStatus::error : SpanStatus::ok, record);
    };
    array ids;
    if (!message["tool_call_ids"].get_array().get(ids) && ids.size() > 0) {
      for (element id_value : ids) {
        std::string_view id;
        if (id_value.get_string().get(id)) continue;
        if (auto it = by_id.find(id); it != by_id.end()) {
          answer(it->second);
          by_id.erase(it);
        }
      }
    } else {
      answer(plain);
      plain = {};
    }
  }
  // No info: the run ended when the agent submitted; otherwise it was cut off (the builder marks it unfinished).
  if (submitted) sink().close_span(root, at_ns, SpanStatus::ok, RecordRef{});
}

}  // namespace

std::unique_ptr<FormatReader> make_swe_agent_reader(const ReaderContext& context) {
  return std::make_unique<SweAgentReader>(context);
}

std::string swe_agent_sniff(std::string_view head) {
  const size_t begin = json_extents::skip_whitespace(head, 0);
  if (begin >= head.size() || head[begin] != '{') return "not a JSON object";
  const std::vector<json_extents::Member> members = json_extents::object_members(head, begin);
  const json_extents::Member* trajectory = json_extents::find_member(members, "trajectory");
  if (!trajectory) {
    // A .traj with only the chat history: SWE-agent's messages name their agent and message type.
    const json_extents::Member* history = json_extents::find_member(members, "history");
    if (history && head[history->value.begin] == '[') {
      const std::vector<json_extents::Extent> messages = json_extents::array_elements(head, history->value.begin);
      if (!messages.empty()) {
        const std::vector<json_extents::Member> first = json_extents::object_members(head, messages[0].begin);
        if (json_extents::find_member(first, "role") &&
            (json_extents::find_member(first, "message_type") || json_extents::find_member(first, "agent"))) {
          return {};
        }
      }
      return "no top-level \"trajectory\", and \"history\" does not start with a SWE-agent message {role, agent, "
             "message_type}";
    }
    return "no top-level \"trajectory\" in the first bytes";
  }
  if (head[trajectory->value.begin] != '[') return "\"trajectory\" is not an array";
  if (json_extents::find_member(members, "history") || json_extents::find_member(members, "info")) return {};
  // "history" and "info" usually follow the (long) trajectory: recognise the first step instead.
  const std::vector<json_extents::Extent> steps = json_extents::array_elements(head, trajectory->value.begin);
  if (!steps.empty()) {
    const std::vector<json_extents::Member> step = json_extents::object_members(head, steps[0].begin);
    if (json_extents::find_member(step, "action") &&
        (json_extents::find_member(step, "observation") || json_extents::find_member(step, "thought") ||
         json_extents::find_member(step, "response"))) {
      return {};
    }
  }
  return "\"trajectory\" has no step with \"action\" and no \"history\" or \"info\" beside it";
}

}  // namespace agentreel
