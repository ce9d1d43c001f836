// OpenTelemetry SDK span JSON reader (see otel_sdk_reader.h). The input is buffered whole (up to the record limit):
// its top-level values are found and checked with json_extents (which reads integers of any size), and each span
// object is parsed on its own by simdjson, from a copy whose 128-bit decimal ids are quoted when it has any.
#include "readers/otel_sdk/otel_sdk_reader.h"

#include <simdjson.h>

#include <optional>
#include <vector>

#include "core/json_extents.h"
#include "core/text.h"
#include "readers/json_line.h"
#include "readers/otel_sdk/otel_sdk_values.h"
#include "readers/otlp/genai_attributes.h"
#include "readers/tool_facts.h"

namespace agentreel {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;
namespace je = json_extents;

constexpr size_t kTraceIdBytes = 16;
constexpr size_t kSpanIdBytes = 8;
constexpr size_t kMaxAttributeText = 512;

// An id as the SDKs write it: a string ("0x…", hex, or decimal digits once quoted) or a JSON integer.
std::string id_of(element value, size_t bytes) {
  std::string_view text;
  if (!value.get_string().get(text)) return otel_sdk::id_hex(text, bytes);
  uint64_t number = 0;
  if (!value.get_uint64().get(number))
    return number == 0 ? std::string() : otel_sdk::id_hex(std::to_string(number), bytes);
  return {};
}

bool all_zero(std::string_view hex) { return hex.find_first_not_of('0') == std::string_view::npos; }

enum class Time { missing, invalid, present };

Time time_of(object span, std::string_view key, int64_t& out) {
  element value;
  if (span[key].get(value) || value.type() == element_type::NULL_VALUE) return Time::missing;
  std::optional<int64_t> ns;
  std::string_view text;
  int64_t number = 0;
  if (!value.get_string().get(text)) {
    ns = otel_sdk::time_text_ns(text);
  } else if (!value.get_int64().get(number)) {
    ns = otel_sdk::time_number_ns(number);
  }
  if (!ns) return Time::invalid;
  out = *ns;
  return Time::present;
}

// An attribute value for the GenAI conventions: its text (a string, or an array's first string) and its count (an
// integer, or a decimal string).
void note_attribute(GenAiFacts& facts, std::string_view key, element value, std::string pointer) {
  std::string_view text;
  std::optional<int64_t> count;
  int64_t number = 0;
  if (!value.get_string().get(text)) {
    bool digits = !text.empty() && text.size() <= 18;
    for (const char c : text) digits = digits && c >= '0' && c <= '9';
    if (digits) count = std::stoll(std::string(text));
  } else if (!value.get_int64().get(number)) {
    count = number;
  } else if (array items; !value.get_array().get(items)) {
    for (element item : items) {
      if (!item.get_string().get(text)) break;
    }
  }
  note_genai_attribute(facts, key, text, count, std::move(pointer));
}

// exception.message of the span's first "exception" event.
std::string_view exception_message(object span) {
  array events;
  if (span["events"].get_array().get(events)) return {};
  for (element event : events) {
    std::string_view name, message;
    if (event["name"].get_string().get(name) || name != "exception") continue;
    if (!event["attributes"]["exception.message"].get_string().get(message)) return message;
  }
  return {};
}

bool is_error_status(object span, std::string_view& description) {
  object status;
  if (span["status"].get_object().get(status)) return false;
  if (status["description"].get_string().get(description)) description = {};
  std::string_view code;
  if (status["status_code"].get_string().get(code)) return false;
  return code == "ERROR" || code == "error" || code == "STATUS_CODE_ERROR" || code == "StatusCode.ERROR";
}

class OtelSdkReader final : public FormatReader {
 public:
  explicit OtelSdkReader(const ReaderContext& context) : context_(context) {}

  Status feed(std::string_view chunk) override {
    size_ += chunk.size();
    if (size_ > context_.max_record_bytes || size_ > UINT32_MAX) {
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
  bool skip(SkipReason reason, size_t offset, std::string detail) {
    fatal_ = report_bad_record(context_, je::line_of(buffer_, offset), offset, reason, std::move(detail));
    return fatal_.is_ok();
  }
  bool read_value(size_t begin, size_t end);
  bool read_spans(size_t array_begin);
  bool read_span(je::Extent extent);
  TraceSink& sink() { return *context_.sink; }

  ReaderContext context_;
  std::string buffer_;
  uint64_t size_ = 0;
  uint64_t records_ = 0;
  Status fatal_;
  JsonLineParser parser_;
};

Status OtelSdkReader::finish() {
  if (size_ > context_.max_record_bytes || size_ > UINT32_MAX) {
    skip(SkipReason::too_large, 0,
         "span JSON of " + std::to_string(size_) + " bytes exceeds the " +
             std::to_string(std::min<uint64_t>(context_.max_record_bytes, UINT32_MAX)) + "-byte record limit");
    return fatal_;
  }
  const std::string_view text = buffer_;
  size_t at = je::skip_whitespace(text, text.starts_with("\xEF\xBB\xBF") ? 3 : 0);
  while (at < text.size() && fatal_.is_ok()) {
    if (text[at] != '{' && text[at] != '[') {
      skip(SkipReason::invalid_json, at, "expected a span object, an array of spans or {\"spans\": [...]}");
      break;
    }
    const size_t end = je::value_end(text, at);
    if (end == je::kNpos) {
      skip(SkipReason::partial_line, at,
           "the input ends inside the JSON value that starts at line " + std::to_string(je::line_of(text, at)) +
               ", byte " + std::to_string(at));
      break;
    }
    if (const std::optional<je::SyntaxError> bad = je::find_syntax_error(text.substr(at, end - at))) {
      skip(SkipReason::invalid_json, at + bad->offset, "expected span JSON: " + bad->expected);
      break;  // broken structure stops
    }
    if (!read_value(at, end)) break;
    at = je::skip_whitespace(text, end);
  }
  return fatal_;
}

// One top-level value: a span, an array of spans, or {"spans": [...]}.
bool OtelSdkReader::read_value(size_t begin, size_t end) {
  const std::string_view text = buffer_;
  if (text[begin] == '[') return read_spans(begin);
  const std::vector<je::Member> members = je::object_members(text, begin);
  if (const je::Member* spans = je::find_member(members, "spans"); spans && text[spans->value.begin] == '[') {
    return read_spans(spans->value.begin);
  }
  return read_span({begin, end});
}

bool OtelSdkReader::read_spans(size_t array_begin) {
  for (const je::Extent& extent : je::array_elements(buffer_, array_begin)) {
    if (!extent.complete()) break;  // checked whole before: cannot happen
    if (!read_span(extent)) return false;
  }
  return true;
}

bool OtelSdkReader::read_span(je::Extent extent) {
  const std::string_view json = std::string_view(buffer_).substr(extent.begin, extent.size());
  if (json.front() != '{') return skip(SkipReason::wrong_type, extent.begin, "expected a span object");
  element root;
  const std::string quoted = otel_sdk::has_big_integers(json) ? otel_sdk::quote_big_integers(json) : std::string();
  if (auto error = parser_.parse(quoted.empty() ? json : std::string_view(quoted), root)) {
    return skip(SkipReason::invalid_json, extent.begin,
                std::string("expected a span object: ") + simdjson::error_message(error));
  }
  object span = root.get_object().value_unsafe();
  element trace_value, span_value;
  if (span["context"]["trace_id"].get(trace_value) || span["context"]["span_id"].get(span_value)) {
    return skip(SkipReason::missing_field, extent.begin, "expected \"context\": {\"trace_id\", \"span_id\"}");
  }
  const std::string trace_id = id_of(trace_value, kTraceIdBytes);
  const std::string span_id = id_of(span_value, kSpanIdBytes);
  if (trace_id.empty() || all_zero(trace_id) || span_id.empty() || all_zero(span_id)) {
    return skip(SkipReason::wrong_type, extent.begin,
                "expected context.trace_id and context.span_id as 0x-hex, hex or decimal ids, not zero");
  }
  std::string parent_id;
  if (element parent; !span["parent_id"].get(parent) || !span["parent"]["span_id"].get(parent)) {
    parent_id = id_of(parent, kSpanIdBytes);  // null: a root
  }
  int64_t start_ns = 0, end_ns = 0;
  if (time_of(span, "start_time", start_ns) != Time::present) {
    return skip(SkipReason::bad_timestamp, extent.begin,
                "expected \"start_time\" as ISO 8601 text (2025-09-16T12:43:13.210770Z) or integer nanoseconds");
  }
  const Time end = time_of(span, "end_time", end_ns);
  if (end == Time::invalid) {
    return skip(SkipReason::bad_timestamp, extent.begin,
                "expected \"end_time\" as ISO 8601 text or integer nanoseconds, or null");
  }

  GenAiFacts facts;
  object attributes;
  if (!span["attributes"].get_object().get(attributes)) {
    for (simdjson::dom::key_value_pair field : attributes) {
      note_attribute(facts, field.key, field.value, "/attributes/" + json_pointer_token(field.key));
    }
  }
  std::string_view span_name;
  if (span["name"].get_string().get(span_name)) span_name = {};
  std::string_view description;
  const bool failed = is_error_status(span, description);

  ++records_;
  SpanOpen open;
  open.session = sink().session(trace_id);
  open.start_ns = start_ns;
  open.kind = classify_genai(facts);
  open.name = genai_span_name(facts, open.kind, span_name);
  open.record = RecordRef{context_.stream_offset + extent.begin, uint32_t(extent.size())};
  const SpanStatus status = failed ? SpanStatus::error : SpanStatus::ok;
  // No end time: exported unfinished (or cut); the builder ends it with its session.
  const SpanHandle h = end == Time::present ? sink().add_span(open, end_ns, status) : sink().open_span(open);
  sink().publish(h, span_id);
  if (!parent_id.empty() && !all_zero(parent_id)) sink().link_parent(h, parent_id);
  record_genai_facts(sink(), h, open.kind, facts, open.record);
  if (failed) {
    const std::string_view message = GenAiFacts::first({description, exception_message(span), facts.error_type});
    if (!message.empty()) sink().attribute(h, "error", utf8_prefix(message, kMaxAttributeText));
    if (!description.empty()) sink().text(h, TextRole::error, open.record, "/status/description");
  }
  return true;
}

}  // namespace

std::unique_ptr<FormatReader> make_otel_sdk_reader(const ReaderContext& context) {
  return std::make_unique<OtelSdkReader>(context);
}

std::string otel_sdk_sniff(std::string_view head) {
  size_t at = je::skip_whitespace(head, head.starts_with("\xEF\xBB\xBF") ? 3 : 0);
  if (at >= head.size() || (head[at] != '{' && head[at] != '[')) return "does not start with a JSON object or array";
  // The first span: the value itself, the first element of an array, or of {"spans": [...]}.
  size_t span = at;
  if (head[at] == '[') {
    const std::vector<je::Extent> elements = je::array_elements(head, at);
    if (elements.empty()) return "an array without a span object in the first bytes";
    span = elements.front().begin;
  } else {
    const std::vector<je::Member> members = je::object_members(head, at);
    if (const je::Member* spans = je::find_member(members, "spans"); spans && head[spans->value.begin] == '[') {
      const std::vector<je::Extent> elements = je::array_elements(head, spans->value.begin);
      if (elements.empty()) return "\"spans\" holds no span object in the first bytes";
      span = elements.front().begin;
    }
  }
  if (span >= head.size() || head[span] != '{') return "the first span is not a JSON object";
  const std::vector<je::Member> members = je::object_members(head, span);
  const je::Member* context = je::find_member(members, "context");
  if (!context || head[context->value.begin] != '{') {
    return "the first span has no \"context\" object (OpenTelemetry SDK span JSON: name, context, start_time)";
  }
  const std::vector<je::Member> ids = je::object_members(head, context->value.begin);
  if (!je::find_member(ids, "trace_id") || !je::find_member(ids, "span_id")) {
    return "the first span's \"context\" has no \"trace_id\" and \"span_id\"";
  }
  if (!je::find_member(members, "name")) return "the first span has no \"name\"";
  return {};
}

}  // namespace agentreel
