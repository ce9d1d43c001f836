// OTLP/JSON trace reader (see otlp_reader.h). The scanner finds span objects in the byte stream;
// each is parsed on its own (simdjson DOM) and mapped to one span. Sessions are trace ids: one
// trace is one run, and a trace split across batches, documents, lines or files stays one session.
// session.id / gen_ai.conversation.id are kept as the `session_id` attribute, not used as the
// session: instrumentations set them on some spans only, and parent links resolve within a session.
#include "readers/otlp/otlp_reader.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/text.h"
#include "readers/json_line.h"
#include "readers/otlp/genai_attributes.h"
#include "readers/otlp/otlp_ids.h"
#include "readers/otlp/otlp_scanner.h"

namespace agentreel {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

constexpr size_t kTraceIdBytes = 16;
constexpr size_t kSpanIdBytes = 8;
constexpr size_t kMaxAttributeText = 512;

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
         });
}

std::optional<int64_t> parse_decimal(std::string_view text) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 19) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + uint64_t(c - '0');
  }
  if (value > uint64_t(INT64_MAX)) return std::nullopt;
  return negative ? -int64_t(value) : int64_t(value);
}

// An integer as protobuf JSON writes int64 (a decimal string) or as a plain JSON number.
std::optional<int64_t> integer_of(element value) {
  switch (value.type()) {
    case element_type::INT64: return value.get_int64().value_unsafe();
    case element_type::UINT64: {
      const uint64_t v = value.get_uint64().value_unsafe();
      if (v > uint64_t(INT64_MAX)) return std::nullopt;
      return int64_t(v);
    }
    case element_type::DOUBLE: {
      const double d = value.get_double().value_unsafe();
      if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) >= 9.2e18) return std::nullopt;
      return int64_t(d);
    }
    case element_type::STRING: return parse_decimal(value.get_string().value_unsafe());
    default: return std::nullopt;
  }
}

enum class Presence { missing, invalid, present };

// startTimeUnixNano / endTimeUnixNano: a decimal string (the OTLP/JSON rule, for 64-bit precision)
// or a number. Absent, null, "" and 0 count as missing.
Presence read_nanos(object span, std::string_view key, int64_t& out) {
  element value;
  if (span[key].get(value) || value.type() == element_type::NULL_VALUE) return Presence::missing;
  if (value.type() == element_type::STRING && value.get_string().value_unsafe().empty()) return Presence::missing;
  const auto nanos = integer_of(value);
  if (!nanos || *nanos < 0) return Presence::invalid;
  if (*nanos == 0) return Presence::missing;
  out = *nanos;
  return Presence::present;
}

// AnyValue {"stringValue": ...}; for an arrayValue its first string (finish_reasons).
std::string_view any_string(object value) {
  std::string_view text;
  if (!value["stringValue"].get_string().get(text)) return text;
  array values;
  if (!value["arrayValue"]["values"].get_array().get(values)) {
    for (element item : values) {
      object item_object;
      if (!item.get_object().get(item_object) && !item_object["stringValue"].get_string().get(text)) return text;
    }
  }
  return {};
}

// AnyValue holding a count: intValue (string or number), an integral doubleValue, or a decimal
// stringValue.
std::optional<int64_t> any_int(object value) {
  element inner;
  if (!value["intValue"].get(inner)) return integer_of(inner);
  if (!value["doubleValue"].get(inner)) return integer_of(inner);
  std::string_view text;
  if (!value["stringValue"].get_string().get(text)) return parse_decimal(text);
  return std::nullopt;
}

// The span's attributes, each handed to the GenAI conventions with the JSON pointer of its value.
void read_attributes(object span, GenAiFacts& facts) {
  array attributes;
  if (span["attributes"].get_array().get(attributes)) return;
  size_t index = 0;
  for (element attribute : attributes) {
    const std::string at = "/attributes/" + std::to_string(index++) + "/value";
    object entry, value;
    std::string_view key;
    if (attribute.get_object().get(entry) || entry["key"].get_string().get(key) ||
        entry["value"].get_object().get(value)) {
      continue;
    }
    const bool is_string = value["stringValue"].is_string();
    note_genai_attribute(facts, key, any_string(value), any_int(value), is_string ? at + "/stringValue" : at);
  }
}

bool status_is_error(object span, std::string_view& message) {
  object status;
  if (span["status"].get_object().get(status)) return false;
  if (status["message"].get_string().get(message)) message = {};
  element code;
  if (status["code"].get(code)) return false;
  if (code.type() == element_type::STRING) {
    const std::string_view name = code.get_string().value_unsafe();
    return name == "STATUS_CODE_ERROR" || equals_ignore_case(name, "ERROR");
  }
  const auto value = integer_of(code);
  return value && *value == 2;  // STATUS_CODE_ERROR
}

// exception.message of the span's first "exception" event, if any.
std::string_view exception_message(object span) {
  array events;
  if (span["events"].get_array().get(events)) return {};
  for (element event : events) {
    object event_object;
    std::string_view name;
    if (event.get_object().get(event_object) || event_object["name"].get_string().get(name) || name != "exception") {
      continue;
    }
    array attributes;
    if (event_object["attributes"].get_array().get(attributes)) continue;
    for (element attribute : attributes) {
      object entry, value;
      std::string_view key;
      if (attribute.get_object().get(entry) || entry["key"].get_string().get(key) || key != "exception.message" ||
          entry["value"].get_object().get(value)) {
        continue;
      }
      return any_string(value);
    }
  }
  return {};
}

class OtlpReader final : public FormatReader, private OtlpScanner::Events {
 public:
  explicit OtlpReader(const ReaderContext& context)
      : context_(context), scanner_(*this, std::min<uint64_t>(context.max_record_bytes, UINT32_MAX)) {}

  Status feed(std::string_view chunk) override {
    scanner_.feed(chunk);
    return fatal_;
  }
  Status finish() override {
    scanner_.finish();
    return fatal_;
  }
  uint64_t records() const override { return records_; }

 private:
  bool span(std::string_view json, uint64_t offset, uint64_t line) override;
  bool problem(SkipReason reason, uint64_t offset, uint64_t line, std::string detail) override;
  TraceSink& sink() { return *context_.sink; }

  ReaderContext context_;
  OtlpScanner scanner_;
  JsonLineParser parser_;
  Status fatal_;
  uint64_t records_ = 0;
};

bool OtlpReader::problem(SkipReason reason, uint64_t offset, uint64_t line, std::string detail) {
  fatal_ = report_bad_record(context_, line, offset, reason, std::move(detail));
  return fatal_.is_ok();
}

bool OtlpReader::span(std::string_view json, uint64_t offset, uint64_t line) {
  element root;
  if (auto error = parser_.parse(json, root)) {
    return problem(SkipReason::invalid_json, offset, line,
                   std::string("expected a valid JSON span object: ") + simdjson::error_message(error));
  }
  object span;
  if (root.get_object().get(span)) return problem(SkipReason::wrong_type, offset, line, "expected a span object");

  std::string_view trace_text, span_text, parent_text;
  if (span["traceId"].get_string().get(trace_text)) {
    return problem(SkipReason::missing_field, offset, line, "expected string field \"traceId\"");
  }
  if (span["spanId"].get_string().get(span_text)) {
    return problem(SkipReason::missing_field, offset, line, "expected string field \"spanId\"");
  }
  const std::string trace_id = normalize_otlp_id(trace_text, kTraceIdBytes);
  const std::string span_id = normalize_otlp_id(span_text, kSpanIdBytes);
  if (trace_id.empty() || is_zero_otlp_id(trace_id)) {
    return problem(SkipReason::wrong_type, offset, line,
                   "expected \"traceId\" as 32 hex digits or base64 of 16 bytes, not all zero, got \"" +
                       std::string(trace_text.substr(0, 64)) + "\"");
  }
  if (span_id.empty() || is_zero_otlp_id(span_id)) {
    return problem(SkipReason::wrong_type, offset, line,
                   "expected \"spanId\" as 16 hex digits or base64 of 8 bytes, not all zero, got \"" +
                       std::string(span_text.substr(0, 64)) + "\"");
  }
  if (span["parentSpanId"].get_string().get(parent_text)) parent_text = {};
  const std::string parent_id = parent_text.empty() ? std::string() : normalize_otlp_id(parent_text, kSpanIdBytes);

  int64_t start_ns = 0, end_ns = 0;
  if (read_nanos(span, "startTimeUnixNano", start_ns) != Presence::present) {
    return problem(SkipReason::bad_timestamp, offset, line,
                   "expected \"startTimeUnixNano\": nanoseconds since the Unix epoch, as a decimal string or a "
                   "number");
  }
  const Presence end = read_nanos(span, "endTimeUnixNano", end_ns);
  if (end == Presence::invalid) {
    return problem(SkipReason::bad_timestamp, offset, line,
                   "expected \"endTimeUnixNano\": nanoseconds since the Unix epoch, as a decimal string or a "
                   "number");
  }

  GenAiFacts facts;
  read_attributes(span, facts);
  std::string_view status_message;
  const bool failed = status_is_error(span, status_message);
  std::string_view span_name;
  if (span["name"].get_string().get(span_name)) span_name = {};

  ++records_;
  SpanOpen open;
  open.session = sink().session(trace_id);
  open.start_ns = start_ns;
  open.kind = classify_genai(facts);
  open.record = RecordRef{context_.stream_offset + offset, uint32_t(json.size())};
  open.name = genai_span_name(facts, open.kind, span_name);
  // No end time: the span was exported unfinished (or cut); the builder ends it with its session.
  const SpanStatus status = failed ? SpanStatus::error : SpanStatus::ok;
  const SpanHandle h = end == Presence::present ? sink().add_span(open, end_ns, status) : sink().open_span(open);

  sink().publish(h, span_id);
  if (!parent_id.empty() && !is_zero_otlp_id(parent_id)) {
    sink().link_parent(h, parent_id);
  } else if (!parent_text.empty() && parent_id.empty()) {
    sink().attribute(h, "parent_span_id", parent_text.substr(0, 64));  // unreadable: kept, not linked
  }

  record_genai_facts(sink(), h, open.kind, facts, open.record);
  if (failed) {
    std::string_view message = GenAiFacts::first({status_message, exception_message(span), facts.error_type});
    if (!message.empty()) sink().attribute(h, "error", utf8_prefix(message, kMaxAttributeText));
    if (!status_message.empty()) sink().text(h, TextRole::error, open.record, "/status/message");
  }
  return true;
}

// The sniff runs the same scanner over the first bytes and stops at the first document's first
// "resourceSpans" key, its end, or the first problem.
class SniffEvents final : public OtlpScanner::Events {
 public:
  bool found = false;
  bool ended = false;
  std::string trouble;

  bool span(std::string_view, uint64_t, uint64_t) override { return true; }
  bool problem(SkipReason reason, uint64_t offset, uint64_t line, std::string detail) override {
    ended = reason == SkipReason::missing_field;  // the first document ended without "resourceSpans"
    if (ended) return false;
    trouble = detail + " (line " + std::to_string(line) + ", byte " + std::to_string(offset) + ")";
    return false;
  }
  bool document_key(std::string_view key) override {
    found = key == "resourceSpans";
    return !found;
  }
  bool document_end() override {
    ended = true;
    return false;
  }
};

}  // namespace

std::unique_ptr<FormatReader> make_otlp_reader(const ReaderContext& context) {
  return std::make_unique<OtlpReader>(context);
}

std::string otlp_sniff(std::string_view head) {
  size_t first = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") first = 3;
  first = head.find_first_not_of(" \t\r\n", first);
  if (first == std::string_view::npos || (head[first] != '{' && head[first] != '[')) {
    return "does not start with a JSON object or array";
  }
  SniffEvents events;
  OtlpScanner scanner(events, 0);
  scanner.feed(head);
  if (events.found) return {};
  if (!events.trouble.empty()) return "not OTLP/JSON: " + events.trouble;
  if (events.ended) return "the first JSON object has no top-level \"resourceSpans\" key";
  return "no top-level \"resourceSpans\" key in the first JSON object's first " + std::to_string(head.size()) +
         " bytes";
}

}  // namespace agentreel
