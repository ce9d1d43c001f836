// A session read as a conversation: the rows a person reads top to bottom — each prompt, the assistant's
// thinking and replies, each tool call (its result folded inside it), subagents with their own conversation
// nested under the call that started them, and the denials, hook blocks, interruptions, compactions and errors
// where they happened. Built from the span columns and the text facts alone (no record is read), in one pass
// over the session, so it serves the viewer's conversation view, the CLI and the MCP tools alike.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "model/trace.h"

namespace agentreel {

enum class TurnKind : uint8_t {
  prompt,        // a person's prompt (or the task an agent was started with, for a subagent)
  thinking,      // the model's shown reasoning
  reply,         // the assistant's text
  call,          // a tool call; its result is part of the row
  subagent,      // an agent started under a call: its own rows follow, one level deeper
  denial,        // a call the user, a hook or a policy denied (the call row carries it; this marks the hook)
  interruption,  // the user stopped the agent
  compaction,    // the context was compacted
  error,         // an error event (an API error, a failed run)
  wait,          // the agent waited on a person (a pause, a question)
};
std::string_view turn_kind_name(TurnKind kind);

struct ConversationRow {
  uint32_t span = kNoSpan;  // global span index
  TurnKind kind = TurnKind::call;
  uint8_t depth = 0;        // 0 for the session's main agent, +1 per subagent level
  uint16_t text_index = 0;  // which of the span's facts of its role this row shows (several replies per turn)
};

struct ConversationOptions {
  bool include_thinking = true;
  bool include_subagents = true;  // subagent rows and theirs; off: the subagent row alone
};

// The rows of `session` in execution order (span order; within a model turn: thinking, replies, then its calls).
std::vector<ConversationRow> build_conversation(const Trace& trace, uint32_t session,
                                                const ConversationOptions& options = {});

// The row that shows `span`, or the nearest row before it (a hook, a progress event): what the conversation
// scrolls to when the rail selects a span. -1 when the conversation has no row at or before it.
int64_t conversation_row_of(const std::vector<ConversationRow>& rows, uint32_t span);

// True for spans that are bookkeeping, not decisions: hooks that allowed, progress events, notices. The rail can
// hide them and J/K step over them.
bool is_bookkeeping_span(const Trace& trace, uint32_t span);

}  // namespace agentreel
