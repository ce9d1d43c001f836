// What a span's attributes say in the OpenTelemetry GenAI semantic conventions (and OpenInference's): its
// operation, model, tokens, tool, agent, session, finish reason, and where its words are (input and output
// messages, a tool call's arguments and result). Shared by the OTLP/JSON reader (attributes as
// [{key, value: {stringValue | intValue | ...}}]) and the OpenTelemetry SDK span JSON reader (attributes as a plain
// {key: value} object): each hands over one attribute at a time with the JSON pointer of its value. No sink state,
// no I/O.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "model/trace_sink.h"

namespace agentreel {

struct GenAiFacts {
  std::string_view operation;  // gen_ai.operation.name
  std::string_view oi_kind;    // openinference.span.kind
  std::string_view response_model, request_model, oi_model, embedding_model;
  std::optional<int64_t> input_tokens, legacy_input_tokens, oi_input_tokens;
  std::optional<int64_t> output_tokens, legacy_output_tokens, oi_output_tokens;
  std::optional<int64_t> cache_read, oi_cache_read, cache_creation, oi_cache_creation;
  std::optional<int64_t> reasoning, oi_reasoning;
  std::string_view tool_name, oi_tool_name, tool_call_id, oi_tool_call_id;
  std::string_view agent_name, oi_agent_name;
  std::string_view conversation_id, session_id;
  std::string_view finish_reason;
  std::string_view error_type;
  // JSON pointers (into the span's record) of the values holding words; "" = none.
  std::string input_messages;       // gen_ai.input.messages, gen_ai.prompt, input.value, llm.input_messages
  std::string output_messages;      // gen_ai.output.messages, gen_ai.completion, gen_ai.output, output.value
  std::string output_text;          // OpenInference's flattened llm.output_messages.N.message.content: the words
  std::string tool_arguments;       // gen_ai.tool.call.arguments, gen_ai.tool.args, tool.parameters
  std::string tool_result;          // gen_ai.tool.call.result
  std::string system_instructions;  // gen_ai.system_instructions

  std::string_view model() const { return first({response_model, request_model, oi_model, embedding_model}); }
  static std::optional<int64_t> first(std::initializer_list<std::optional<int64_t>> values) {
    for (const auto& v : values) {
      if (v) return v;
    }
    return std::nullopt;
  }
  static std::string_view first(std::initializer_list<std::string_view> values) {
    for (std::string_view v : values) {
      if (!v.empty()) return v;
    }
    return {};
  }
};

// One attribute: `text` is its value when it is a string (or an array's first string), `count` when it is an
// integer (or a decimal string), `pointer` the JSON pointer of the value inside the span's record. String views
// must outlive the facts (they point into the parsed record).
void note_genai_attribute(GenAiFacts& facts, std::string_view key, std::string_view text, std::optional<int64_t> count,
                          std::string pointer);

// The span's kind: GenAI operation names and OpenInference span kinds (model, tool, agent, hook); what has no kind
// of its own (CHAIN, RETRIEVER, EMBEDDING, embeddings, create_agent, plain spans) is `event`.
SpanKind classify_genai(const GenAiFacts& facts);

// The span's name: the model, the tool, the agent, else the span's own name, else the operation.
std::string_view genai_span_name(const GenAiFacts& facts, SpanKind kind, std::string_view span_name);

// Attributes (model, token classes of docs/facts.md: input_tokens without the cached ones, cache_read_tokens,
// cache_creation_tokens, output_tokens, reasoning_tokens; stop_reason, tool_name, tool_call_id, operation,
// session_id, action) and text facts (a model's reply, an agent's prompt and summary, a tool's input and output)
// of the span `span` whose record is `record`.
void record_genai_facts(TraceSink& sink, SpanHandle span, SpanKind kind, const GenAiFacts& facts, RecordRef record);

}  // namespace agentreel
