// The conversation rows of a real Claude Code session with a subagent and a compaction (tests/data/claude-code):
// one row per prompt and per tool call, replies and thinking where the model wrote them, the subagent folded or
// nested under the Task call that started it, and the row a rail selection scrolls to.
#include "model/conversation.h"

#include <catch2/catch.hpp>

#include "trace_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

const std::string kSession = "258c7280-ae70-4798-800f-63464d01a85d";

ReadTrace session_directory() {
  std::vector<NamedInput> inputs;
  for (const std::string& rel : {kSession + ".jsonl", kSession + "/subagents/agent-a881341.jsonl",
                                 kSession + "/subagents/agent-acompact-fffbd0.jsonl"}) {
    inputs.push_back({"claude-code/" + rel, read_file(data_path("claude-code/" + rel))});
  }
  return read_trace(inputs);
}

size_t count(const std::vector<ConversationRow>& rows, TurnKind kind) {
  return size_t(std::count_if(rows.begin(), rows.end(), [&](const ConversationRow& r) { return r.kind == kind; }));
}

}  // namespace

TEST_CASE("conversation: one row per prompt and tool call, subagents nested under their call") {
  const ReadTrace r = session_directory();
  const Trace& t = r.trace;
  REQUIRE(t.sessions.size() == 1);
  const Session& s = t.sessions[0];
  size_t tools = 0, humans = 0, subagents = 0;
  for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) {
    tools += t.spans.kind[i] == SpanKind::tool;
    humans += t.spans.kind[i] == SpanKind::human;
    subagents += t.spans.kind[i] == SpanKind::agent && t.spans.parent[i] != kNoSpan;
  }
  const std::vector<ConversationRow> rows = build_conversation(t, 0);
  CHECK(count(rows, TurnKind::call) == tools);
  CHECK(count(rows, TurnKind::subagent) == subagents);
  CHECK(subagents == 2);  // the Task's agent and the compaction's side agent
  CHECK(count(rows, TurnKind::compaction) == 1);
  CHECK(count(rows, TurnKind::reply) > 0);
  // The main conversation's prompts, plus the task each subagent was given.
  CHECK(count(rows, TurnKind::prompt) >= humans);
  for (size_t i = 1; i < rows.size(); ++i) CHECK(rows[i - 1].span <= rows[i].span);  // execution order

  // A subagent's own rows are one level deeper and come right after its row.
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].kind != TurnKind::subagent) continue;
    REQUIRE(i + 1 < rows.size());
    CHECK(rows[i + 1].depth == rows[i].depth + 1);
    const uint32_t call = t.spans.parent[rows[i].span];
    CHECK((t.spans.kind[call] == SpanKind::tool || t.spans.kind[call] == SpanKind::event));  // Task or compaction
  }

  // Folded: the subagent rows stay, nothing deeper.
  ConversationOptions folded;
  folded.include_subagents = false;
  const std::vector<ConversationRow> top = build_conversation(t, 0, folded);
  CHECK(count(top, TurnKind::subagent) == subagents);
  for (const ConversationRow& row : top) CHECK(row.depth == 0);
  CHECK(top.size() < rows.size());
}

TEST_CASE("conversation: a selected span maps to its row or the row before it") {
  const ReadTrace r = session_directory();
  const Trace& t = r.trace;
  const std::vector<ConversationRow> rows = build_conversation(t, 0);
  REQUIRE(!rows.empty());
  for (size_t i = 0; i < rows.size(); i += 37) {
    const int64_t at = conversation_row_of(rows, rows[i].span);
    REQUIRE(at >= 0);
    CHECK(rows[size_t(at)].span == rows[i].span);
  }
  // A hook has no row: it maps to the last row before it (its tool call or earlier).
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    if (t.spans.kind[i] != SpanKind::hook || !is_bookkeeping_span(t, i)) continue;
    if (i < rows.front().span) {
      CHECK(conversation_row_of(rows, i) == -1);  // a SessionStart hook before the first prompt has none
      continue;
    }
    const int64_t at = conversation_row_of(rows, i);
    REQUIRE(at >= 0);
    CHECK(rows[size_t(at)].span < i);
    break;
  }
}
