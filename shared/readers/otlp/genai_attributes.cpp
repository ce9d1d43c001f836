// GenAI semantic conventions (see genai_attributes.h).
#include "readers/otlp/genai_attributes.h"

#include <algorithm>

#include "readers/tool_facts.h"

namespace agentreel {
namespace {

bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x + 32 : x) == (y >= 'A' && y <= 'Z' ? y + 32 : y);
         });
}

// The first pointer given wins: conventions list their preferred key first.
void take(std::string& slot, std::string pointer) {
  if (slot.empty()) slot = std::move(pointer);
}

}  // namespace

void note_genai_attribute(GenAiFacts& facts, std::string_view key, std::string_view text, std::optional<int64_t> count,
                          std::string pointer) {
  // Strings
  std::string_view* field = nullptr;
  if (key == "gen_ai.operation.name")
    field = &facts.operation;
  else if (key == "openinference.span.kind")
    field = &facts.oi_kind;
  else if (key == "gen_ai.response.model")
    field = &facts.response_model;
  else if (key == "gen_ai.request.model")
    field = &facts.request_model;
  else if (key == "llm.model_name")
    field = &facts.oi_model;
  else if (key == "embedding.model_name")
    field = &facts.embedding_model;
  else if (key == "gen_ai.tool.name")
    field = &facts.tool_name;
  else if (key == "tool.name")
    field = &facts.oi_tool_name;
  else if (key == "gen_ai.tool.call.id")
    field = &facts.tool_call_id;
  else if (key == "tool_call.id")
    field = &facts.oi_tool_call_id;
  else if (key == "gen_ai.agent.name")
    field = &facts.agent_name;
  else if (key == "agent.name")
    field = &facts.oi_agent_name;
  else if (key == "gen_ai.conversation.id")
    field = &facts.conversation_id;
  else if (key == "session.id")
    field = &facts.session_id;
  else if (key == "gen_ai.response.finish_reasons")
    field = &facts.finish_reason;
  else if (key == "error.type")
    field = &facts.error_type;
  if (field) {
    *field = text;
    return;
  }
  // Counts
  std::optional<int64_t>* slot = nullptr;
  if (key == "gen_ai.usage.input_tokens")
    slot = &facts.input_tokens;
  else if (key == "gen_ai.usage.prompt_tokens")
    slot = &facts.legacy_input_tokens;
  else if (key == "llm.token_count.prompt")
    slot = &facts.oi_input_tokens;
  else if (key == "gen_ai.usage.output_tokens")
    slot = &facts.output_tokens;
  else if (key == "gen_ai.usage.completion_tokens")
    slot = &facts.legacy_output_tokens;
  else if (key == "llm.token_count.completion")
    slot = &facts.oi_output_tokens;
  else if (key == "gen_ai.usage.cache_read.input_tokens")
    slot = &facts.cache_read;
  else if (key == "llm.token_count.prompt_details.cache_read")
    slot = &facts.oi_cache_read;
  else if (key == "gen_ai.usage.cache_creation.input_tokens")
    slot = &facts.cache_creation;
  else if (key == "llm.token_count.prompt_details.cache_write")
    slot = &facts.oi_cache_creation;
  else if (key == "gen_ai.usage.reasoning.output_tokens" || key == "gen_ai.usage.reasoning_tokens")
    slot = &facts.reasoning;
  else if (key == "llm.token_count.completion_details.reasoning")
    slot = &facts.oi_reasoning;
  if (slot) {
    *slot = count;
    return;
  }
  // Words: only values that are text (a JSON object's source is also read as text; a number is no message).
  if (text.empty() && count) return;
  if (key == "gen_ai.input.messages" || key == "gen_ai.prompt" || key == "input.value") {
    take(facts.input_messages, std::move(pointer));
  } else if (key == "gen_ai.output.messages" || key == "gen_ai.completion" || key == "gen_ai.output" ||
             key == "output.value") {
    take(facts.output_messages, std::move(pointer));
  } else if (key.starts_with("llm.output_messages.") && key.ends_with(".message.content")) {
    take(facts.output_text, std::move(pointer));
  } else if (key == "gen_ai.tool.call.arguments" || key == "gen_ai.tool.args" || key == "tool.parameters") {
    take(facts.tool_arguments, std::move(pointer));
  } else if (key == "gen_ai.tool.call.result") {
    take(facts.tool_result, std::move(pointer));
  } else if (key == "gen_ai.system_instructions") {
    take(facts.system_instructions, std::move(pointer));
  }
}

SpanKind classify_genai(const GenAiFacts& f) {
  const std::string_view op = f.operation;
  if (op == "chat" || op == "text_completion" || op == "generate_content" || op == "call_llm") return SpanKind::model;
  if (op == "execute_tool") return SpanKind::tool;
  if (op == "invoke_agent") return SpanKind::agent;
  const std::string_view oi = f.oi_kind;
  if (equals_ignore_case(oi, "LLM")) return SpanKind::model;
  if (equals_ignore_case(oi, "TOOL")) return SpanKind::tool;
  if (equals_ignore_case(oi, "AGENT")) return SpanKind::agent;
  if (equals_ignore_case(oi, "GUARDRAIL")) return SpanKind::hook;
  if (op.empty() && oi.empty()) {
    // Older GenAI conventions (before gen_ai.operation.name): a model call is known by its model.
    if (!f.request_model.empty() || !f.response_model.empty() || !f.oi_model.empty()) return SpanKind::model;
    if (!f.tool_name.empty() || !f.oi_tool_name.empty()) return SpanKind::tool;
  }
  return SpanKind::event;
}

std::string_view genai_span_name(const GenAiFacts& f, SpanKind kind, std::string_view span_name) {
  std::string_view name;
  switch (kind) {
    case SpanKind::model: name = GenAiFacts::first({f.model(), span_name}); break;
    case SpanKind::tool: name = GenAiFacts::first({f.tool_name, f.oi_tool_name, span_name}); break;
    case SpanKind::agent: name = GenAiFacts::first({f.agent_name, f.oi_agent_name, span_name}); break;
    default: name = span_name; break;
  }
  return name.empty() ? GenAiFacts::first({f.operation, f.oi_kind, "span"}) : name;
}

void record_genai_facts(TraceSink& sink, SpanHandle h, SpanKind kind, const GenAiFacts& facts, RecordRef record) {
  if (auto model = facts.model(); !model.empty()) sink.attribute(h, "model", model);
  // Token classes (docs/facts.md): both conventions count cached tokens inside the input; they are taken out.
  const std::optional<int64_t> cache_read = GenAiFacts::first({facts.cache_read, facts.oi_cache_read});
  const std::optional<int64_t> cache_creation = GenAiFacts::first({facts.cache_creation, facts.oi_cache_creation});
  if (auto v = GenAiFacts::first({facts.input_tokens, facts.legacy_input_tokens, facts.oi_input_tokens})) {
    sink.attribute(h, "input_tokens",
                   std::max<int64_t>(0, *v - std::max<int64_t>(0, cache_read.value_or(0)) -
                                            std::max<int64_t>(0, cache_creation.value_or(0))));
  }
  if (auto v = GenAiFacts::first({facts.output_tokens, facts.legacy_output_tokens, facts.oi_output_tokens})) {
    sink.attribute(h, "output_tokens", *v);
  }
  if (cache_read) sink.attribute(h, "cache_read_tokens", *cache_read);
  if (cache_creation) sink.attribute(h, "cache_creation_tokens", *cache_creation);
  if (auto v = GenAiFacts::first({facts.reasoning, facts.oi_reasoning})) sink.attribute(h, "reasoning_tokens", *v);
  if (!facts.finish_reason.empty()) sink.attribute(h, "stop_reason", facts.finish_reason);
  const std::string_view tool = GenAiFacts::first({facts.tool_name, facts.oi_tool_name});
  if (kind == SpanKind::tool && !tool.empty()) {
    sink.attribute(h, "tool_name", tool);
    if (const std::string_view action = tool_action(tool); !action.empty()) sink.attribute(h, "action", action);
  }
  if (auto id = GenAiFacts::first({facts.tool_call_id, facts.oi_tool_call_id}); !id.empty()) {
    sink.attribute(h, "tool_call_id", id);
  }
  if (auto op = GenAiFacts::first({facts.operation, facts.oi_kind}); !op.empty()) sink.attribute(h, "operation", op);
  if (auto id = GenAiFacts::first({facts.session_id, facts.conversation_id}); !id.empty()) {
    sink.attribute(h, "session_id", id);
  }
  // Words, by what the span is.
  switch (kind) {
    case SpanKind::model:
      // The words the model wrote, when the span keeps them apart from the raw response (output.value).
      if (!facts.output_text.empty())
        sink.text(h, TextRole::reply, record, facts.output_text);
      else if (!facts.output_messages.empty())
        sink.text(h, TextRole::reply, record, facts.output_messages);
      break;
    case SpanKind::tool:
      if (!facts.tool_arguments.empty())
        sink.text(h, TextRole::input, record, facts.tool_arguments);
      else if (!facts.input_messages.empty())
        sink.text(h, TextRole::input, record, facts.input_messages);
      if (!facts.tool_result.empty())
        sink.text(h, TextRole::output, record, facts.tool_result);
      else if (!facts.output_messages.empty())
        sink.text(h, TextRole::output, record, facts.output_messages);
      break;
    case SpanKind::agent:
      if (!facts.input_messages.empty()) sink.text(h, TextRole::prompt, record, facts.input_messages);
      if (!facts.output_messages.empty()) sink.text(h, TextRole::summary, record, facts.output_messages);
      break;
    default: break;
  }
}

}  // namespace agentreel
