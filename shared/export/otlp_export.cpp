// OTLP/JSON export (see otlp_export.h; the attribute mapping is documented in docs/export.md).
#include "export/otlp_export.h"

#include <cstring>
#include <limits>

#include "export/export_ids.h"
#include "export/json_stream.h"

namespace agentreel {
namespace {

constexpr int kSpanKindInternal = 1;  // OTLP Span.SpanKind
constexpr int kSpanKindClient = 3;
constexpr int kStatusError = 2;  // OTLP Status.StatusCode; ok spans leave the status unset

int64_t end_of(int64_t start, int64_t duration) {
  return duration > std::numeric_limits<int64_t>::max() - start ? std::numeric_limits<int64_t>::max()
                                                                : start + duration;
}

void string_attribute(JsonWriter& json, std::string_view key, std::string_view value) {
  json.begin_object().key("key").value(key).key("value").begin_object().key("stringValue").value(value);
  json.end_object().end_object();
}

void int_attribute(JsonWriter& json, std::string_view key, int64_t value) {
  // int64 is a decimal string in OTLP/JSON (the protobuf JSON mapping), so no reader loses precision.
  json.begin_object().key("key").value(key).key("value").begin_object().key("intValue").value(std::to_string(value));
  json.end_object().end_object();
}

void double_attribute(JsonWriter& json, std::string_view key, double value) {
  json.begin_object().key("key").value(key).key("value").begin_object().key("doubleValue").value(value);
  json.end_object().end_object();
}

void string_array_attribute(JsonWriter& json, std::string_view key, std::string_view value) {
  json.begin_object().key("key").value(key).key("value").begin_object().key("arrayValue").begin_object();
  json.key("values").begin_array().begin_object().key("stringValue").value(value).end_object().end_array();
  json.end_object().end_object().end_object();
}

// A bundle attribute under its own key, prefixed "agentreel." (model, goal, exit_code...).
void own_attribute(JsonWriter& json, const StringTable& strings, const Attribute& row) {
  const std::string key = "agentreel." + std::string(strings.get(row.key));
  switch (row.type) {
    case AttrType::integer: int_attribute(json, key, row.value); break;
    case AttrType::string: string_attribute(json, key, strings.get(StringId(row.value))); break;
    case AttrType::real: {
      double value;
      std::memcpy(&value, &row.value, sizeof value);
      double_attribute(json, key, value);
      break;
    }
  }
}

bool is_model_operation(std::string_view op) {
  return op == "chat" || op == "text_completion" || op == "generate_content";
}

// What one span's attribute rows say, gathered before writing: the GenAI keys need a few of them together
// (gen_ai.usage.input_tokens counts the cached tokens too; the span name holds the model).
struct SpanFacts {
  std::string_view model, operation, error;
  std::optional<int64_t> input, output, cache_read, cache_creation;
  bool error_seen = false;
};

std::optional<int64_t> integer_of(const Attribute& row) {
  if (row.type == AttrType::integer) return row.value;
  return std::nullopt;
}

class OtlpWriter {
 public:
  OtlpWriter(const Trace& trace, const RecordReader& read, ByteSink& out)
      : trace_(trace), read_(read), stream_(out), json_(stream_.json()) {}

  Status write() {
    const std::vector<std::string> trace_ids = export_trace_ids(trace_);
    json_.begin_object().key("resourceSpans").begin_array();
    for (uint32_t s = 0; s < trace_.sessions.size(); ++s) {
      if (trace_.sessions[s].span_count == 0) continue;
      AGENTREEL_TRY(write_session(s, trace_ids[s]));
    }
    json_.end_array().end_object();
    return stream_.finish();
  }

 private:
  Status write_session(uint32_t s, const std::string& trace_id) {
    const Session& session = trace_.sessions[s];
    const SessionClock clock = session_clock(session.flags);
    const int64_t offset = clock == SessionClock::wall ? 0 : kOtlpOrdinalOffsetNs;
    const std::vector<uint64_t> ids = export_span_ids(trace_, s, trace_id, read_);
    const InputFile* input = session.input < trace_.inputs.size() ? &trace_.inputs[session.input] : nullptr;

    json_.begin_object().key("resource").begin_object().key("attributes").begin_array();
    string_attribute(json_, "service.name", input ? std::string_view(input->format) : "agentreel");
    string_attribute(json_, "agentreel.session.id", trace_.strings.get(session.id));
    if (input) string_attribute(json_, "agentreel.input", input->path);
    string_attribute(json_, "agentreel.clock", session_clock_id(clock));
    json_.end_array().end_object();
    json_.key("scopeSpans").begin_array().begin_object();
    json_.key("scope").begin_object().key("name").value("agentreel").end_object();
    json_.key("spans").begin_array();
    for (uint32_t i = 0; i < session.span_count; ++i) {
      const uint32_t span = session.first_span + i;
      const uint32_t parent = trace_.spans.parent[span];
      write_span(span, trace_id, ids[i], parent == kNoSpan ? 0 : ids[parent - session.first_span], offset);
      AGENTREEL_TRY(stream_.maybe_flush());
    }
    json_.end_array().end_object().end_array().end_object();
    return stream_.maybe_flush();
  }

  void write_span(uint32_t span, const std::string& trace_id, uint64_t id, uint64_t parent_id, int64_t offset) {
    const SpanColumns& spans = trace_.spans;
    const SpanKind kind = spans.kind[span];
    const SpanStatus status = spans.status[span];
    const std::string_view name = trace_.name_of(span);
    SpanFacts facts;
    trace_.attributes.for_each_of(span, [&](const Attribute& row) {
      const std::string_view key = trace_.strings.get(row.key);
      const std::string_view text = row.type == AttrType::string ? trace_.strings.get(StringId(row.value)) : "";
      if (key == "model" && facts.model.empty()) facts.model = text;
      if (key == "operation") facts.operation = text;
      if (key == "error" && !facts.error_seen) facts.error = text, facts.error_seen = true;
      if (key == "input_tokens") facts.input = integer_of(row);
      if (key == "output_tokens") facts.output = integer_of(row);
      if (key == "cache_read_tokens") facts.cache_read = integer_of(row);
      if (key == "cache_creation_tokens") facts.cache_creation = integer_of(row);
    });

    // The operation and the span name the GenAI conventions give it: "{operation} {model | tool | agent}".
    std::string_view operation;
    std::string_view target = name;
    switch (kind) {
      case SpanKind::model:
        operation = is_model_operation(facts.operation) ? facts.operation : "chat";
        if (!facts.model.empty()) target = facts.model;
        break;
      case SpanKind::tool: operation = "execute_tool"; break;
      case SpanKind::agent: operation = "invoke_agent"; break;
      default: break;
    }
    const bool genai = !operation.empty();
    operation_ = operation;

    json_.begin_object();
    json_.key("traceId").value(trace_id);
    json_.key("spanId").value(span_id_hex(id));
    if (parent_id != 0) json_.key("parentSpanId").value(span_id_hex(parent_id));
    if (genai && !(kind == SpanKind::model && facts.model.empty())) {
      json_.key("name").value(std::string(operation) + " " + std::string(target));
    } else {
      json_.key("name").value(name);  // a model call without a model keeps its own name (the reader's fallback)
    }
    json_.key("kind").value(kind == SpanKind::model ? kSpanKindClient : kSpanKindInternal);
    const int64_t start = end_of(spans.start_ns[span], offset);
    json_.key("startTimeUnixNano").value(std::to_string(start));
    json_.key("endTimeUnixNano").value(std::to_string(end_of(start, spans.duration_ns[span])));

    json_.key("attributes").begin_array();
    if (genai) string_attribute(json_, "gen_ai.operation.name", operation);
    switch (kind) {
      case SpanKind::model:
        if (!facts.model.empty()) string_attribute(json_, "gen_ai.request.model", facts.model);
        if (facts.input || facts.cache_read || facts.cache_creation) {
          // The conventions count cached tokens inside the input; the bundle keeps them apart (docs/facts.md).
          int_attribute(json_, "gen_ai.usage.input_tokens",
                        facts.input.value_or(0) + facts.cache_read.value_or(0) + facts.cache_creation.value_or(0));
        }
        break;
      case SpanKind::tool: string_attribute(json_, "gen_ai.tool.name", name); break;
      case SpanKind::agent: string_attribute(json_, "gen_ai.agent.name", name); break;
      default: break;
    }
    string_attribute(json_, "agentreel.span.kind", span_kind_name(kind));
    if (status != SpanStatus::ok) string_attribute(json_, "agentreel.span.status", span_status_name(status));
    if (status == SpanStatus::denied || status == SpanStatus::cancelled) {
      string_attribute(json_, "error.type", span_status_name(status));
    } else if (status == SpanStatus::error) {
      string_attribute(json_, "error.type", "_OTHER");
    }
    trace_.attributes.for_each_of(span, [&](const Attribute& row) { write_attribute(row, kind, name, genai); });
    json_.end_array();

    if (status == SpanStatus::error || status == SpanStatus::denied || status == SpanStatus::cancelled) {
      json_.key("status").begin_object().key("code").value(kStatusError);
      const std::string_view message = !facts.error.empty() ? facts.error : span_status_name(status);
      json_.key("message").value(message).end_object();
    }
    json_.end_object();
  }

  // One attribute row: under its GenAI key where the conventions have one for this kind of span, else as its own.
  void write_attribute(const Attribute& row, SpanKind kind, std::string_view name, bool genai) {
    const std::string_view key = trace_.strings.get(row.key);
    const bool text = row.type == AttrType::string;
    const bool number = row.type == AttrType::integer;
    const std::string_view value = text ? trace_.strings.get(StringId(row.value)) : "";
    if (kind == SpanKind::model) {
      if (key == "model" && text) return;  // gen_ai.request.model, written once
      if (number && (key == "input_tokens" || key == "cache_read_tokens" || key == "cache_creation_tokens" ||
                     key == "output_tokens" || key == "reasoning_tokens")) {
        if (key == "output_tokens") int_attribute(json_, "gen_ai.usage.output_tokens", row.value);
        if (key == "cache_read_tokens") int_attribute(json_, "gen_ai.usage.cache_read.input_tokens", row.value);
        if (key == "cache_creation_tokens") {
          int_attribute(json_, "gen_ai.usage.cache_creation.input_tokens", row.value);
        }
        if (key == "reasoning_tokens") int_attribute(json_, "gen_ai.usage.reasoning.output_tokens", row.value);
        return;  // input_tokens went into gen_ai.usage.input_tokens
      }
      if (key == "stop_reason" && text) return string_array_attribute(json_, "gen_ai.response.finish_reasons", value);
    }
    if (kind == SpanKind::tool) {
      if (key == "tool_call_id" && text) return string_attribute(json_, "gen_ai.tool.call.id", value);
      if (key == "tool_name" && text && value == name) return;  // gen_ai.tool.name
    }
    if (kind == SpanKind::agent && key == "agent_id" && text) return string_attribute(json_, "gen_ai.agent.id", value);
    if (genai && key == "session_id" && text) return string_attribute(json_, "gen_ai.conversation.id", value);
    if (genai && key == "operation" && text && value == operation_) return;  // gen_ai.operation.name
    own_attribute(json_, trace_.strings, row);
  }

  const Trace& trace_;
  const RecordReader& read_;
  JsonStream stream_;
  JsonWriter& json_;
  std::string_view operation_;  // the span being written's gen_ai.operation.name ("" for other kinds)
};

}  // namespace

Status write_otlp_json(const Trace& trace, const RecordReader& read, ByteSink& out) {
  return OtlpWriter(trace, read, out).write();
}

}  // namespace agentreel
