// The older Copilot CLI session document (see copilot_history.h).
//
// Span model. Every span's record is the exact extent of its timeline element (the root's: the document).
//   agent  One root: from startTime to the last timeline entry. Session: sessionId (else the file's name).
//   human  A "user" entry, from the previous entry to it; prompt fact text.
//   model  A "copilot" entry (the assistant's words), from the previous entry to it; reply fact text. The log
//          has no model names nor token counts.
//   tool   tool_call_requested -> tool_call_completed with the same callId, under the latest copilot entry of
//          the current prompt (else the root). A completion without its request runs from the previous entry.
//          Status from result.type: success ok, failure / error error, rejected / denied denied, cancelled /
//          aborted cancelled. Facts from arguments (tool_facts.h); output (and error) from result.log.
//   event  info entries, and entries of other types, named by type.
//   error  error entries; error fact text.
// chatMessages repeat the conversation in the model API's shape: counted, no spans.
#include "readers/copilot/copilot_history.h"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <vector>

#include "core/json_extents.h"
#include "core/text.h"
#include "core/timestamp.h"
#include "readers/json_line.h"
#include "readers/tool_facts.h"

namespace agentreel::copilot {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::object;
namespace je = json_extents;

constexpr size_t kGoalBytes = 300;
constexpr size_t kTextBytes = 512;
constexpr int64_t kNever = std::numeric_limits<int64_t>::min();

std::string session_from_path(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name.ends_with(".json")) name.remove_suffix(5);
  return name.empty() ? std::string("copilot") : std::string(name);
}

SpanStatus result_status(std::string_view type) {
  if (type == "failure" || type == "error" || type == "failed") return SpanStatus::error;
  if (type == "rejected" || type == "denied") return SpanStatus::denied;
  if (type == "cancelled" || type == "canceled" || type == "aborted") return SpanStatus::cancelled;
  return SpanStatus::ok;
}

struct OpenTool {
  SpanHandle span = kNoSpan;
  int64_t start_ns = 0;
};

}  // namespace

bool read_history(TraceSink& sink, const HistoryDocument& document,
                  const std::function<bool(size_t, SkipReason, std::string)>& skip,
                  const std::function<void()>& count) {
  const object root = document.root;
  auto ref = [&](const je::Extent& extent) {
    return RecordRef{document.stream_offset + extent.begin, uint32_t(extent.size())};
  };
  const je::Extent document_extent{document.root_begin, je::value_end(document.text, document.root_begin)};
  count();

  std::string_view session_id = string_field(root, "sessionId");
  const std::string session_key = session_id.empty() ? session_from_path(document.path) : std::string(session_id);
  const uint32_t session = sink.session(session_key);
  std::string_view start_text = string_field(root, "startTime");
  const std::optional<int64_t> start = parse_rfc3339_ns(start_text);

  const std::vector<je::Member> members = je::object_members(document.text, document.root_begin);
  std::vector<je::Extent> entries;
  if (const je::Member* timeline = je::find_member(members, "timeline")) {
    entries = je::array_elements(document.text, timeline->value.begin);
  }
  array chat;
  if (!root["chatMessages"].get_array().get(chat)) {
    for (size_t i = 0; i < chat.size(); ++i) count();
  }

  SpanOpen root_open;
  root_open.session = session;
  root_open.kind = SpanKind::agent;
  root_open.name = "main";
  root_open.record = ref(document_extent);
  root_open.start_ns = start ? *start : 0;
  SpanHandle root_span = kNoSpan;
  int64_t previous_ns = start ? *start : kNever;
  int64_t end_ns = start ? *start : kNever;
  bool has_goal = false;
  SpanHandle model = kNoSpan;  // the latest copilot entry of the current prompt, open until the next entry
  int64_t model_end_ns = 0;    // ... grown over its tool calls
  auto close_model = [&] {
    if (model != kNoSpan) sink.close_span(model, model_end_ns, SpanStatus::ok, RecordRef{});
    model = kNoSpan;
  };
  std::unordered_map<std::string, OpenTool> open_tools;

  array timeline;
  if (root["timeline"].get_array().get(timeline)) {
    if (start) {
      root_span = sink.open_span(root_open);
      sink.close_span(root_span, *start, SpanStatus::ok, RecordRef{});
    }
    return skip(document.root_begin, SkipReason::missing_field, "expected an array field \"timeline\"");
  }
  size_t index = 0;
  for (element value : timeline) {
    // The scanner and simdjson read the same validated text, so their element counts agree.
    if (index >= entries.size() || !entries[index].complete()) break;
    const je::Extent extent = entries[index++];
    object entry;
    std::string_view type, timestamp;
    if (value.get_object().get(entry) || entry["type"].get_string().get(type)) {
      if (!skip(extent.begin, SkipReason::missing_field, "expected a timeline entry {id, timestamp, type}"))
        return false;
      continue;
    }
    std::optional<int64_t> at;
    if (!entry["timestamp"].get_string().get(timestamp)) at = parse_rfc3339_ns(timestamp);
    if (!at) {
      if (!skip(extent.begin, SkipReason::bad_timestamp,
                "expected an RFC 3339 timestamp like 2025-10-11T12:54:53.532Z in field \"timestamp\"")) {
        return false;
      }
      continue;
    }
    count();
    const int64_t ns = *at;
    if (previous_ns == kNever) previous_ns = ns;
    if (root_span == kNoSpan) {
      if (!start) root_open.start_ns = ns;
      root_span = sink.open_span(root_open);
    }
    SpanOpen span;
    span.session = session;
    span.start_ns = ns;
    span.parent = root_span;
    span.record = ref(extent);

    if (type == "user") {
      close_model();
      span.kind = SpanKind::human;
      span.name = "human input";
      span.start_ns = std::min(previous_ns, ns);
      const SpanHandle h = sink.add_span(span, ns, SpanStatus::ok);
      sink.text(h, TextRole::prompt, span.record, "/text");
      if (!has_goal) {
        has_goal = true;
        sink.attribute(root_span, "goal", utf8_prefix(string_field(entry, "text"), kGoalBytes));
        sink.text(root_span, TextRole::prompt, span.record, "/text");
      }
    } else if (type == "copilot") {
      close_model();
      span.kind = SpanKind::model;
      span.name = "copilot";
      span.start_ns = std::min(previous_ns, ns);
      model = sink.open_span(span);
      model_end_ns = ns;
      sink.text(model, TextRole::reply, span.record, "/text");
    } else if (type == "tool_call_requested" || type == "tool_call_completed") {
      const std::string call_id(string_field(entry, "callId"));
      std::string_view name = string_field(entry, "name");
      if (name.empty()) name = string_field(entry, "toolTitle");
      if (name.empty()) name = "unknown";
      auto open = open_tools.find(call_id);
      if (type == "tool_call_requested" || open == open_tools.end()) {
        span.kind = SpanKind::tool;
        span.name = name;
        span.parent = model != kNoSpan ? model : root_span;
        if (type == "tool_call_completed") span.start_ns = std::min(previous_ns, ns);
        const SpanHandle h = sink.open_span(span);
        object arguments;
        if (!entry["arguments"].get_object().get(arguments)) {
          record_tool_call_facts(sink, h, name, span.record, "/arguments", arguments);
        } else if (auto action = tool_action(name); !action.empty()) {
          sink.attribute(h, "action", action);
        }
        open = open_tools.insert_or_assign(call_id, OpenTool{h, span.start_ns}).first;
      }
      if (type == "tool_call_completed") {
        object result;
        const SpanStatus status =
            entry["result"].get_object().get(result) ? SpanStatus::ok : result_status(string_field(result, "type"));
        const SpanHandle h = open->second.span;
        sink.close_span(h, std::max(open->second.start_ns, ns), status, span.record);
        if (model != kNoSpan) model_end_ns = std::max(model_end_ns, ns);
        std::string_view log;
        if (!entry["result"]["log"].get_string().get(log)) {
          sink.text(h, TextRole::output, span.record, "/result/log");
          if (status == SpanStatus::error) {
            sink.text(h, TextRole::error, span.record, "/result/log");
            sink.attribute(h, "error", first_line(log, kTextBytes));
          } else if (status == SpanStatus::denied) {
            sink.text(h, TextRole::reason, span.record, "/result/log");
            sink.attribute(h, "reason", first_line(log, kTextBytes));
          }
        }
        open_tools.erase(open);
      }
    } else if (type == "error") {
      span.kind = SpanKind::error;
      span.name = "error";
      const SpanHandle h = sink.add_span(span, ns, SpanStatus::error);
      if (auto text = string_field(entry, "text"); !text.empty()) {
        sink.attribute(h, "message", utf8_prefix(text, kTextBytes));
        sink.text(h, TextRole::error, span.record, "/text");
      }
    } else {
      span.kind = SpanKind::event;
      span.name = type;
      sink.add_span(span, ns, SpanStatus::ok);
    }
    previous_ns = std::max(previous_ns, ns);
    end_ns = std::max(end_ns, ns);
  }
  close_model();
  if (root_span == kNoSpan) {  // an empty timeline
    if (!start) return true;
    root_span = sink.open_span(root_open);
  }
  sink.close_span(root_span, end_ns, SpanStatus::ok, RecordRef{});
  return true;
}

}  // namespace agentreel::copilot
