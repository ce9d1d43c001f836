// mini-swe-agent trajectory reader (see mini_swe_agent_reader.h). The document is buffered whole by the JSON-lines
// skeleton (jsonl_reader.h: a pretty-printed object or array) and parsed by simdjson; json_extents finds each
// message's bytes, so every span's payload and text fact points into the exact message it came from.
#include "readers/mini_swe_agent/mini_swe_agent_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/json_extents.h"
#include "core/text.h"
#include "readers/json_line.h"
#include "readers/jsonl_reader.h"

namespace agentreel {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;
namespace je = json_extents;

constexpr int64_t kSecond = 1000000000LL;
constexpr std::string_view kSubmitCommand = "echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT";

// A message's time in ns since the epoch: "timestamp" (1.x) or extra.timestamp (later), epoch seconds.
std::optional<int64_t> message_time(object message) {
  double seconds = 0;
  if (message["timestamp"].get_double().get(seconds) && message["extra"]["timestamp"].get_double().get(seconds)) {
    return std::nullopt;
  }
  if (!std::isfinite(seconds) || seconds < 0 || seconds > 9.2e9) return std::nullopt;
  return int64_t(std::llround(seconds * 1e9));
}

// The command of a 1.x response: the text of its one ```bash (or ```mswea_bash_command) block.
std::string_view fenced_command(std::string_view text) {
  for (std::string_view fence : {"```mswea_bash_command", "```bash"}) {
    const size_t open = text.find(fence);
    if (open == std::string_view::npos) continue;
    size_t begin = text.find('\n', open + fence.size());
    if (begin == std::string_view::npos) return {};
    ++begin;
    const size_t end = text.find("\n```", begin);
    if (end == std::string_view::npos) return {};
    return text.substr(begin, end - begin);
  }
  return {};
}

// 1.x observations begin "<returncode>N</returncode>".
std::optional<int64_t> tagged_return_code(std::string_view text) {
  constexpr std::string_view kOpen = "<returncode>";
  const size_t at = text.find(kOpen);
  if (at == std::string_view::npos || at > 16) return std::nullopt;
  size_t i = at + kOpen.size();
  const bool negative = i < text.size() && text[i] == '-';
  if (negative) ++i;
  int64_t value = 0;
  size_t digits = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9' && digits < 12; ++i, ++digits)
    value = value * 10 + (text[i] - '0');
  if (digits == 0 || !text.substr(i).starts_with("</returncode>")) return std::nullopt;
  return negative ? -value : value;
}

std::string_view trajectory_session(std::string_view path) {
  if (const size_t slash = path.find_last_of("/\\"); slash != std::string_view::npos) path.remove_prefix(slash + 1);
  for (std::string_view suffix : {".traj.json", ".json", ".traj"}) {
    if (path.size() > suffix.size() && path.ends_with(suffix)) return path.substr(0, path.size() - suffix.size());
  }
  return path.empty() ? std::string_view("mini-swe-agent") : path;
}

class MiniSweAgentReader final : public JsonlReader {
 public:
  explicit MiniSweAgentReader(const ReaderContext& context) : JsonlReader(context, kLayouts) {}

 private:
  // The trajectory object, or the oldest versions' bare array of messages.
  static inline const DocumentLayouts kLayouts{.single_object = true, .record_array = true, .array_keys = {}};

  struct Call {
    SpanHandle span = kNoSpan;
    int64_t start_ns = 0;
  };

  bool on_record(object root, const Line& line, RecordRef) override { return read_object(root, line); }
  bool on_document(element root, const Line& document, RecordRef) override {
    array messages;
    if (!root.get_array().get(messages)) return read(document, messages, je::skip_whitespace(document.text, 0), {});
    object trajectory;
    if (!root.get_object().get(trajectory)) return read_object(trajectory, document);
    return skip(document, SkipReason::wrong_type, "expected a mini-swe-agent trajectory {info, messages}");
  }
  bool read_object(object root, const Line& document);
  bool read(const Line& document, array messages, size_t messages_begin, std::optional<object> info);
  void answer(const Call& call, const Line& document, const je::Extent& extent, object message, int64_t end_ns);
  void model_usage(SpanHandle span, object message);
};

bool MiniSweAgentReader::read_object(object root, const Line& document) {
  array messages;
  if (root["messages"].get_array().get(messages)) {
    return skip(document, SkipReason::missing_field, "expected an array field \"messages\" (mini-swe-agent messages)");
  }
  const std::vector<je::Member> members = je::object_members(document.text, je::skip_whitespace(document.text, 0));
  const je::Member* member = je::find_member(members, "messages");
  object info;
  return read(document, messages, member ? member->value.begin : 0,
              root["info"].get_object().get(info) ? std::nullopt : std::optional<object>(info));
}

void MiniSweAgentReader::model_usage(SpanHandle span, object message) {
  object usage;
  if (message["extra"]["response"]["usage"].get_object().get(usage)) return;
  int64_t prompt = 0, completion = 0, cached = 0, reasoning = 0;
  if (usage["prompt_tokens_details"]["cached_tokens"].get_int64().get(cached)) cached = 0;
  if (!usage["prompt_tokens"].get_int64().get(prompt))
    sink().attribute(span, "input_tokens", std::max<int64_t>(0, prompt - cached));
  if (!usage["completion_tokens"].get_int64().get(completion)) sink().attribute(span, "output_tokens", completion);
  if (cached > 0) sink().attribute(span, "cache_read_tokens", cached);
  if (!usage["completion_tokens_details"]["reasoning_tokens"].get_int64().get(reasoning) && reasoning > 0) {
    sink().attribute(span, "reasoning_tokens", reasoning);
  }
}

void MiniSweAgentReader::answer(const Call& call, const Line& document, const je::Extent& extent, object message,
                                int64_t end_ns) {
  if (call.span == kNoSpan) return;
  const RecordRef record = ref_of(document.offset + extent.begin, extent.size());
  const bool raw = message["extra"]["raw_output"].is_string();
  sink().text(call.span, TextRole::output, record, raw ? "/extra/raw_output" : "/content");
  int64_t code = 0;
  bool has_code = !message["extra"]["returncode"].get_int64().get(code);
  if (!has_code) {
    if (const auto tagged = tagged_return_code(string_field(message, "content"))) {
      code = *tagged;
      has_code = true;
    }
  }
  std::string_view exception;
  if (message["extra"]["exception_info"].get_string().get(exception)) exception = {};
  if (has_code) sink().attribute(call.span, "exit_code", code);
  const bool failed = (has_code && code != 0) || !exception.empty();
  if (!exception.empty()) sink().text(call.span, TextRole::error, record, "/extra/exception_info");
  sink().close_span(call.span, std::max(end_ns, call.start_ns), failed ? SpanStatus::error : SpanStatus::ok, record);
}

bool MiniSweAgentReader::read(const Line& document, array messages, size_t messages_begin, std::optional<object> info) {
  const std::string_view text = document.text;
  const std::vector<je::Extent> extents = je::array_elements(text, messages_begin);
  const je::Extent whole{0, text.size()};
  std::vector<std::pair<object, je::Extent>> list;
  bool timed = messages.size() > 0;
  size_t index = 0;
  for (element value : messages) {
    const je::Extent extent = index < extents.size() && extents[index].complete() ? extents[index] : whole;
    ++index;
    object message;
    if (value.get_object().get(message)) {
      if (!skip_at(document.number + je::line_of(text, extent.begin) - 1, document.offset + extent.begin,
                   SkipReason::wrong_type, "expected a message object {role, content}")) {
        return false;
      }
      continue;
    }
    if (!message_time(message)) timed = false;
    list.emplace_back(message, extent);
  }
  std::string_view model;
  if (info && (*info)["config"]["model"]["model_name"].get_string().get(model)) model = {};

  const uint32_t session = sink().session(trajectory_session(context().path));
  const uint16_t flags = timed ? 0 : kFlagOrdinalTime;
  const auto time_of = [&](size_t k) { return timed ? *message_time(list[k].first) : 0; };
  const auto record_of = [&](const je::Extent& extent) {
    return ref_of(document.offset + extent.begin, extent.size());
  };
  SpanOpen root_open;
  root_open.session = session;
  root_open.kind = SpanKind::agent;
  root_open.name = "mini-swe-agent";
  root_open.record = record_of(whole);
  root_open.flags = flags;
  root_open.start_ns = list.empty() ? 0 : time_of(0);
  const SpanHandle root = sink().open_span(root_open);
  sink().mark_attempt(root);  // the same instance's trajectory from another run is another attempt

  std::unordered_map<std::string_view, Call> by_id;  // calls by tool_call_id
  Call pending;                                      // a 1.x command: the next user message answers it
  bool has_goal = false, last_submits = false;
  std::string_view exit_status;
  int64_t step_ns = 0, last_ns = root_open.start_ns, previous_ns = root_open.start_ns;
  for (size_t k = 0; k < list.size(); ++k) {
    const object message = list[k].first;
    const je::Extent extent = list[k].second;
    const RecordRef record = record_of(extent);
    const std::string_view role = string_field(message, "role");
    const int64_t at_ns = timed ? time_of(k) : step_ns;
    last_ns = std::max(last_ns, at_ns);
    if (role == "assistant") {
      count_record();
      SpanOpen span;
      span.session = session;
      span.parent = root;
      span.record = record;
      span.flags = flags;
      span.kind = SpanKind::model;
      span.name = model.empty() ? std::string_view("model") : model;
      span.start_ns = timed ? std::min(previous_ns, at_ns) : at_ns;
      const SpanHandle turn = sink().add_span(span, at_ns, SpanStatus::ok);
      if (!model.empty()) sink().attribute(turn, "model", model);
      if (!message["content"].error()) sink().text(turn, TextRole::reply, record, "/content");
      model_usage(turn, message);

      span.kind = SpanKind::tool;
      span.name = "bash";
      span.start_ns = at_ns;
      const int64_t step_end = timed ? at_ns : at_ns + kSecond;
      const auto open_call = [&](std::string_view command) {
        const SpanHandle h = sink().open_span(span);
        sink().attribute(h, "action", "shell");
        last_submits = command.starts_with(kSubmitCommand);
        return h;
      };
      array actions, calls;
      if (!message["extra"]["actions"].get_array().get(actions) && actions.size() > 0) {
        size_t j = 0;
        for (element action : actions) {
          const std::string pointer = "/extra/actions/" + std::to_string(j++);
          std::string_view command, id;
          if (action["command"].get_string().get(command)) command = {};
          const SpanHandle h = open_call(command);
          sink().text(h, TextRole::input, record, pointer);
          if (!command.empty()) sink().text(h, TextRole::command, record, pointer + "/command");
          if (!action["tool_call_id"].get_string().get(id) && !id.empty()) {
            by_id[id] = {h, step_end};
          } else {
            pending = {h, step_end};
          }
        }
      } else if (!message["tool_calls"].get_array().get(calls) && calls.size() > 0) {
        size_t j = 0;
        for (element call : calls) {
          const std::string pointer = "/tool_calls/" + std::to_string(j++) + "/function/arguments";
          const SpanHandle h = open_call({});
          sink().text(h, TextRole::input, record, pointer);
          std::string_view id;
          if (!call["id"].get_string().get(id) && !id.empty()) by_id[id] = {h, step_end};
        }
      } else if (const std::string_view command = fenced_command(string_field(message, "content")); !command.empty()) {
        const SpanHandle h = open_call(command);
        sink().attribute(h, "command", utf8_prefix(command, 512));
        pending = {h, step_end};
      }
      previous_ns = at_ns;
      step_ns += kSecond;
      continue;
    }
    previous_ns = timed ? at_ns : previous_ns;
    if (role == "user" && !has_goal && step_ns == 0) {  // the task, before the first step
      has_goal = true;
      if (const std::string_view goal = string_field(message, "content"); !goal.empty()) {
        sink().attribute(root, "goal", utf8_prefix(goal, 300));
      }
      sink().text(root, TextRole::prompt, record, "/content");
      continue;
    }
    const int64_t end_ns = timed ? at_ns : step_ns;
    std::string_view id, status;
    if (!message["extra"]["exit_status"].get_string().get(status)) {
      // The closing message ({role: "exit"}, or a user message in some versions): the run's outcome; it also ends
      // the calls still open (the submitting command gets no observation of its own).
      exit_status = status;
      answer(pending, document, extent, message, std::max(end_ns, pending.start_ns));
      pending = {};
      for (auto& [call_id, call] : by_id) answer(call, document, extent, message, std::max(end_ns, call.start_ns));
      by_id.clear();
    } else if (role == "tool" && !message["tool_call_id"].get_string().get(id)) {
      if (auto it = by_id.find(id); it != by_id.end()) {
        answer(it->second, document, extent, message, std::max(end_ns, it->second.start_ns));
        by_id.erase(it);
      }
    } else if (role == "user" || role == "tool") {
      answer(pending, document, extent, message, std::max(end_ns, pending.start_ns));
      pending = {};
    }
  }
  std::string_view info_status;
  if (info && !(*info)["exit_status"].get_string().get(info_status) && !info_status.empty()) exit_status = info_status;
  if (!timed) last_ns = step_ns;
  if (!exit_status.empty() || last_submits) {
    const bool submitted = exit_status.empty() || exit_status == "Submitted";
    sink().close_span(root, last_ns, submitted ? SpanStatus::ok : SpanStatus::error, RecordRef{});
    if (!exit_status.empty()) sink().attribute(root, "exit_status", exit_status);
  }
  if (info) {
    object stats;
    if (!(*info)["model_stats"].get_object().get(stats)) {
      int64_t calls = 0;
      if (!stats["api_calls"].get_int64().get(calls)) sink().attribute(root, "api_calls", calls);
      // The cost as written (its JSON text), as the other readers keep it.
      if (stats["instance_cost"].is_number()) {
        const je::Extent at{0, text.size()};
        std::optional<je::Extent> found = at;
        for (std::string_view key : {"info", "model_stats", "instance_cost"}) {
          const std::vector<je::Member> members = je::object_members(text, found->begin);
          const je::Member* member = je::find_member(members, key);
          found = member && member->value.complete() ? std::optional<je::Extent>(member->value) : std::nullopt;
          if (!found) break;
        }
        if (found) sink().attribute(root, "cost", text.substr(found->begin, found->size()));
      }
    }
  }
  if (!model.empty()) sink().attribute(root, "model", model);
  return true;
}

}  // namespace

std::unique_ptr<FormatReader> make_mini_swe_agent_reader(const ReaderContext& context) {
  return std::make_unique<MiniSweAgentReader>(context);
}

std::string mini_swe_agent_sniff(std::string_view head) {
  const size_t begin = je::skip_whitespace(head, 0);
  if (begin >= head.size() || (head[begin] != '{' && head[begin] != '[')) return "not a JSON object or array";
  if (head[begin] == '{') {
    const std::vector<je::Member> members = je::object_members(head, begin);
    if (const je::Member* format = je::find_member(members, "trajectory_format")) {
      if (head.substr(format->value.begin).starts_with("\"mini-swe-agent")) return {};
      return "\"trajectory_format\" is not a mini-swe-agent one";
    }
    const je::Member* messages = je::find_member(members, "messages");
    const je::Member* info = je::find_member(members, "info");
    if (!messages || head[messages->value.begin] != '[') {
      return "no top-level \"trajectory_format\" or \"messages\" array in the first bytes";
    }
    const std::vector<je::Extent> list = je::array_elements(head, messages->value.begin);
    if (info && !list.empty() && je::find_member(je::object_members(head, list[0].begin), "role")) return {};
    return "\"messages\" without \"info\" and a first message {role, content}";
  }
  // The oldest versions: a bare array of messages that opens with the system prompt, then the task.
  const std::vector<je::Extent> list = je::array_elements(head, begin);
  if (list.size() < 2) return "an array, but not of at least two messages in the first bytes";
  const std::vector<je::Member> first = je::object_members(head, list[0].begin);
  const std::vector<je::Member> second = je::object_members(head, list[1].begin);
  const je::Member* role = je::find_member(first, "role");
  const je::Member* next_role = je::find_member(second, "role");
  if (role && next_role && je::find_member(first, "content") &&
      head.substr(role->value.begin).starts_with("\"system\"") &&
      head.substr(next_role->value.begin).starts_with("\"user\"")) {
    for (const je::Member& member : first) {
      if (member.key != "role" && member.key != "content" && member.key != "timestamp" && member.key != "extra") {
        return "the first message has fields other than role, content, timestamp and extra";
      }
    }
    return {};
  }
  return "the array does not open with a system message then a user message {role, content}";
}

}  // namespace agentreel
