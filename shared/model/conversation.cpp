// The conversation rows of a session (see conversation.h).
#include "model/conversation.h"

#include <algorithm>

namespace agentreel {
namespace {

bool has_text(const Trace& trace, uint32_t span, TextRole role) { return trace.texts.find(span, role).has_value(); }

size_t count_texts(const Trace& trace, uint32_t span, TextRole role) {
  const auto [first, last] = trace.texts.rows_of(span);
  size_t n = 0;
  for (size_t row = first; row < last; ++row) n += trace.texts.roles()[row] == role;
  return n;
}

bool is_interruption(const Trace& trace, uint32_t span) {
  return trace.spans.kind[span] == SpanKind::event &&
         (trace.name_of(span) == "interrupt" || trace.spans.status[span] == SpanStatus::cancelled);
}

}  // namespace

std::string_view turn_kind_name(TurnKind kind) {
  switch (kind) {
    case TurnKind::prompt: return "prompt";
    case TurnKind::thinking: return "thinking";
    case TurnKind::reply: return "reply";
    case TurnKind::call: return "call";
    case TurnKind::subagent: return "subagent";
    case TurnKind::denial: return "denial";
    case TurnKind::interruption: return "interruption";
    case TurnKind::compaction: return "compaction";
    case TurnKind::error: return "error";
    case TurnKind::wait: return "wait";
  }
  return "unknown";
}

bool is_bookkeeping_span(const Trace& trace, uint32_t span) {
  switch (trace.spans.kind[span]) {
    case SpanKind::hook: return trace.spans.status[span] != SpanStatus::denied;
    case SpanKind::event:
      return trace.name_of(span) != "compaction" && !is_interruption(trace, span) &&
             trace.spans.status[span] == SpanStatus::ok;
    default: return false;
  }
}

std::vector<ConversationRow> build_conversation(const Trace& trace, uint32_t session,
                                                const ConversationOptions& options) {
  std::vector<ConversationRow> rows;
  if (session >= trace.sessions.size()) return rows;
  const Session& s = trace.sessions[session];
  const uint32_t first = s.first_span;
  const uint32_t end = s.first_span + s.span_count;

  // Subagent depth, in one forward pass: a parent always comes before its children in span order.
  std::vector<uint8_t> depth(s.span_count, 0);
  std::vector<uint8_t> folded(s.span_count, 0);  // inside a subagent, when subagents are folded away
  bool has_human = false;
  for (uint32_t i = first; i < end; ++i) {
    const uint32_t parent = trace.spans.parent[i];
    const bool in_session = parent != kNoSpan && parent >= first && parent < i;
    uint8_t d = in_session ? depth[parent - first] : 0;
    const bool subagent_root = trace.spans.kind[i] == SpanKind::agent && parent != kNoSpan;
    if (subagent_root && d < 255) ++d;
    depth[i - first] = d;
    if (in_session) {
      const bool parent_is_subagent =
          trace.spans.kind[parent] == SpanKind::agent && trace.spans.parent[parent] != kNoSpan;
      folded[i - first] = folded[parent - first] || (parent_is_subagent && !options.include_subagents);
    }
    if (trace.spans.kind[i] == SpanKind::human && d == 0) has_human = true;
  }

  auto add = [&](uint32_t span, TurnKind kind, uint8_t d, size_t index = 0) {
    rows.push_back({span, kind, d, uint16_t(std::min<size_t>(index, UINT16_MAX))});
  };
  for (uint32_t i = first; i < end; ++i) {
    const uint8_t d = depth[i - first];
    const bool subagent_root = trace.spans.kind[i] == SpanKind::agent && trace.spans.parent[i] != kNoSpan;
    if (folded[i - first]) continue;
    switch (trace.spans.kind[i]) {
      case SpanKind::agent:
        if (subagent_root) {
          add(i, TurnKind::subagent, d > 0 ? uint8_t(d - 1) : 0);
          if (options.include_subagents && has_text(trace, i, TextRole::prompt)) add(i, TurnKind::prompt, d);
        } else if (!has_human && has_text(trace, i, TextRole::prompt)) {
          add(i, TurnKind::prompt, d);  // the task of a run whose log has no separate prompt (AgentEye, SWE-agent)
        }
        if (trace.spans.status[i] == SpanStatus::error && has_text(trace, i, TextRole::error)) {
          add(i, TurnKind::error, d);
        }
        break;
      case SpanKind::human: add(i, has_text(trace, i, TextRole::prompt) ? TurnKind::prompt : TurnKind::wait, d); break;
      case SpanKind::model: {
        if (options.include_thinking) {
          const size_t thoughts = count_texts(trace, i, TextRole::thinking);
          for (size_t k = 0; k < thoughts; ++k) add(i, TurnKind::thinking, d, k);
        }
        const size_t replies = count_texts(trace, i, TextRole::reply);
        for (size_t k = 0; k < replies; ++k) add(i, TurnKind::reply, d, k);
        break;
      }
      case SpanKind::tool: add(i, TurnKind::call, d); break;
      case SpanKind::hook:
        if (trace.spans.status[i] == SpanStatus::denied) add(i, TurnKind::denial, d);
        break;
      case SpanKind::error: add(i, TurnKind::error, d); break;
      case SpanKind::pause: add(i, TurnKind::wait, d); break;
      case SpanKind::event:
        if (trace.name_of(i) == "compaction")
          add(i, TurnKind::compaction, d);
        else if (is_interruption(trace, i))
          add(i, TurnKind::interruption, d);
        break;
    }
  }
  return rows;
}

int64_t conversation_row_of(const std::vector<ConversationRow>& rows, uint32_t span) {
  // Rows are in span order: the last row whose span is at or before `span`.
  auto it = std::upper_bound(rows.begin(), rows.end(), span,
                             [](uint32_t value, const ConversationRow& row) { return value < row.span; });
  if (it == rows.begin()) return -1;
  return int64_t(it - rows.begin()) - 1;
}

}  // namespace agentreel
