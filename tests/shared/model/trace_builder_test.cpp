// TraceBuilder, the sink every reader writes into: cycle breaking, clock repair, unfinished spans, deferred
// parent links (by key and by nearest time), ordering, attribute remapping and denied hooks. Each test builds a
// small trace by hand through the TraceSink interface and checks the built columns.
#include "model/trace_builder.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace agentreel {
namespace {

constexpr int64_t kSecond = 1'000'000'000;

struct Builder {
  TraceBuilder sink;
  Builder() { sink.begin_input(InputFile{"test.jsonl", "agenteye"}); }

  SpanOpen at(uint32_t session, int64_t start_s, SpanKind kind, std::string_view name, SpanHandle parent = kNoSpan) {
    SpanOpen open;
    open.session = session;
    open.start_ns = start_s * kSecond;
    open.kind = kind;
    open.name = name;
    open.parent = parent;
    return open;
  }
  SpanHandle span(uint32_t session, int64_t start_s, int64_t end_s, std::string_view name, SpanHandle parent = kNoSpan,
                  SpanKind kind = SpanKind::tool) {
    return sink.add_span(at(session, start_s, kind, name, parent), end_s * kSecond, SpanStatus::ok);
  }
};

// The final index of the span named `name` (names are unique in these tests).
uint32_t index_of(const Trace& trace, std::string_view name) {
  for (uint32_t i = 0; i < trace.spans.size(); ++i) {
    if (trace.name_of(i) == name) return i;
  }
  FAIL("no span named " << name);
  return kNoSpan;
}

std::string parent_name(const Trace& trace, std::string_view child) {
  const uint32_t p = trace.spans.parent[index_of(trace, child)];
  return p == kNoSpan ? "<root>" : std::string(trace.name_of(p));
}

// No span is its own ancestor: walking up from any span ends at a root within n steps.
bool is_forest(const Trace& trace) {
  const size_t n = trace.spans.size();
  for (size_t i = 0; i < n; ++i) {
    size_t steps = 0;
    for (uint32_t p = trace.spans.parent[i]; p != kNoSpan; p = trace.spans.parent[p]) {
      if (++steps > n) return false;
    }
  }
  return true;
}

TEST_CASE("trace builder: a two-span parent cycle is cut once and leaves a forest") {
  Builder b;
  const uint32_t s = b.sink.session("s");
  const SpanHandle a = b.span(s, 1, 5, "a");
  const SpanHandle c = b.span(s, 2, 3, "c", a);
  b.sink.set_parent(a, c);  // a -> c -> a
  BuildStats stats;
  const Trace t = b.sink.build(&stats);
  CHECK(stats.parent_cycles == 1);
  CHECK(is_forest(t));
  // The walk starts at the first reported span (a) and cuts the link that closes the cycle (c -> a).
  CHECK(parent_name(t, "a") == "c");
  CHECK(parent_name(t, "c") == "<root>");
}

TEST_CASE("trace builder: a three-span cycle, a self-parent and a parent in another session are all dropped") {
  Builder b;
  const uint32_t s = b.sink.session("s");
  const uint32_t other = b.sink.session("other");
  const SpanHandle x = b.span(s, 1, 2, "x");
  const SpanHandle y = b.span(s, 1, 2, "y", x);
  const SpanHandle z = b.span(s, 1, 2, "z", y);
  b.sink.set_parent(x, z);  // x -> z -> y -> x
  const SpanHandle self = b.span(s, 3, 4, "self");
  b.sink.set_parent(self, self);
  const SpanHandle foreign_parent = b.span(other, 0, 9, "foreign parent");
  b.span(s, 5, 6, "crosses sessions", foreign_parent);
  BuildStats stats;
  const Trace t = b.sink.build(&stats);
  CHECK(stats.parent_cycles == 1);  // the self-parent and the cross-session link are dropped before the walk
  CHECK(is_forest(t));
  CHECK(parent_name(t, "self") == "<root>");
  CHECK(parent_name(t, "crosses sessions") == "<root>");
  int roots = 0;
  for (std::string_view name : {"x", "y", "z"}) roots += parent_name(t, name) == "<root>";
  CHECK(roots == 1);
}

TEST_CASE("trace builder: clock repair of negative durations and children outside their parent") {
  Builder b;
  const uint32_t s = b.sink.session("s");
  const SpanHandle parent = b.span(s, 10, 20, "parent", kNoSpan, SpanKind::agent);
  b.span(s, 8, 25, "wider child", parent);  // starts before and ends after its parent
  b.span(s, 15, 12, "backwards");           // ends before it starts
  BuildStats stats;
  const Trace t = b.sink.build(&stats);
  CHECK(stats.clock_repairs == 2);
  const uint32_t p = index_of(t, "parent");
  CHECK(t.spans.start_ns[p] == 8 * kSecond);
  CHECK(t.spans.duration_ns[p] == 17 * kSecond);
  CHECK((t.spans.flags[p] & kFlagClockRepaired) != 0);
  CHECK((t.spans.flags[index_of(t, "wider child")] & kFlagClockRepaired) == 0);  // the child keeps its times
  const uint32_t back = index_of(t, "backwards");
  CHECK(t.spans.duration_ns[back] == 0);
  CHECK((t.spans.flags[back] & kFlagClockRepaired) != 0);
}

TEST_CASE("trace builder: a span never closed ends at its session's last event, unfinished") {
  Builder b;
  const uint32_t s = b.sink.session("s");
  const uint32_t other = b.sink.session("other");
  b.sink.open_span(b.at(s, 1, SpanKind::tool, "open"));
  b.span(s, 2, 7, "closed later");
  b.span(other, 1, 100, "elsewhere");  // another session's events do not extend this one
  BuildStats stats;
  const Trace t = b.sink.build(&stats);
  CHECK(stats.unfinished == 1);
  const uint32_t open = index_of(t, "open");
  CHECK(t.spans.status[open] == SpanStatus::unfinished);
  CHECK(t.spans.start_ns[open] + t.spans.duration_ns[open] == 7 * kSecond);
}

TEST_CASE("trace builder: deferred links resolve in either order, within one session, first publisher wins") {
  Builder b;
  const uint32_t s = b.sink.session("s");
  const uint32_t other = b.sink.session("other");
  const SpanHandle child = b.span(s, 5, 6, "child");
  b.sink.link_parent(child, "toolu_1");  // asked for before anyone published it
  const SpanHandle first = b.span(s, 1, 9, "first publisher");
  b.sink.publish(first, "toolu_1");
  b.sink.publish(b.span(s, 1, 9, "second publisher"), "toolu_1");
  b.sink.publish(b.span(other, 1, 9, "other session's"), "toolu_2");
  b.sink.link_parent(b.span(s, 5, 6, "wrong session"), "toolu_2");
  b.sink.link_parent(b.span(s, 5, 6, "nobody"), "toolu_9");
  BuildStats stats;
  const Trace t = b.sink.build(&stats);
  CHECK(stats.links_resolved == 1);
  CHECK(stats.links_unresolved == 2);
  CHECK(parent_name(t, "child") == "first publisher");
  CHECK(parent_name(t, "wrong session") == "<root>");
  CHECK(parent_name(t, "nobody") == "<root>");
}

TEST_CASE("trace builder: a nearest-time link picks the closest span of that kind and name within its bound") {
  Builder b;
  const uint32_t s = b.sink.session("s");
  b.span(s, 10, 11, "Bash");
  b.span(s, 20, 21, "Bash");
  b.span(s, 19, 19, "Read");  // nearer, but another name
  const SpanHandle hook = b.span(s, 18, 18, "hook", kNoSpan, SpanKind::hook);
  b.sink.link_parent_nearest(hook, SpanKind::tool, "Bash", 18 * kSecond, 5 * kSecond);
  const SpanHandle far = b.span(s, 40, 40, "far hook", kNoSpan, SpanKind::hook);
  b.sink.link_parent_nearest(far, SpanKind::tool, "Bash", 40 * kSecond, 5 * kSecond);
  BuildStats stats;
  const Trace t = b.sink.build(&stats);
  CHECK(stats.links_resolved == 1);
  CHECK(stats.links_unresolved == 1);
  const uint32_t parent = t.spans.parent[index_of(t, "hook")];
  REQUIRE(parent != kNoSpan);
  CHECK(t.name_of(parent) == "Bash");
  // The call at 20-21 s, not the one at 10-11 s; it grows back to cover the hook at 18 s (clock repair).
  CHECK(t.spans.start_ns[parent] + t.spans.duration_ns[parent] == 21 * kSecond);
  CHECK(t.spans.start_ns[parent] == 18 * kSecond);
  CHECK(parent_name(t, "far hook") == "<root>");
}

TEST_CASE("trace builder: sessions by first start, spans by start with parents first, attributes follow") {
  Builder b;
  const uint32_t late = b.sink.session("late");
  const uint32_t early = b.sink.session("early");
  b.span(late, 50, 60, "late root", kNoSpan, SpanKind::agent);
  const SpanHandle child = b.span(early, 5, 6, "child");
  const SpanHandle parent = b.span(early, 5, 9, "parent", kNoSpan, SpanKind::agent);
  b.sink.set_parent(child, parent);
  b.sink.attribute(child, "exit_code", int64_t(2));
  b.sink.attribute(parent, "goal", "fix the build");
  const Trace t = b.sink.build();
  REQUIRE(t.sessions.size() == 2);
  CHECK(t.strings.get(t.sessions[0].id) == "early");
  CHECK(t.sessions[0].first_span == 0);
  CHECK(t.sessions[0].span_count == 2);
  CHECK(t.sessions[0].start_ns == 5 * kSecond);
  CHECK(t.sessions[0].end_ns == 9 * kSecond);
  CHECK(t.sessions[1].first_span == 2);
  CHECK(t.name_of(0) == "parent");  // same start: the parent comes before its child
  CHECK(t.name_of(1) == "child");
  CHECK(t.spans.parent[1] == 0);
  const auto exit_code = t.find_attribute(1, "exit_code");
  REQUIRE(exit_code);
  CHECK(exit_code->value == 2);
  const auto goal = t.find_attribute(0, "goal");
  REQUIRE(goal);
  CHECK(t.strings.get(StringId(goal->value)) == "fix the build");
  CHECK_FALSE(t.find_attribute(1, "goal"));
}

TEST_CASE("trace builder: a denied hook marks the tool call it judged denied") {
  Builder b;
  const uint32_t s = b.sink.session("s");
  const SpanHandle call = b.span(s, 1, 3, "Bash");
  const SpanHandle hook =
      b.sink.add_span(b.at(s, 1, SpanKind::hook, "block-rm-rf", call), 1 * kSecond, SpanStatus::denied);
  const SpanHandle other_call = b.span(s, 4, 5, "Read");
  b.sink.add_span(b.at(s, 4, SpanKind::hook, "sanitize", other_call), 4 * kSecond, SpanStatus::ok);
  (void)hook;
  const Trace t = b.sink.build();
  CHECK(t.spans.status[index_of(t, "Bash")] == SpanStatus::denied);
  CHECK(t.spans.status[index_of(t, "Read")] == SpanStatus::ok);
  CHECK((t.spans.flags[index_of(t, "block-rm-rf")] & kFlagInstant) != 0);
}

TEST_CASE("trace builder: one session id across two inputs is one session") {
  TraceBuilder sink;
  sink.begin_input(InputFile{"transcript.jsonl", "claude_code"});
  const uint32_t first = sink.session("abc");
  sink.begin_input(InputFile{"hooks.jsonl", "hooks"});
  CHECK(sink.session("abc") == first);
  const Trace t = sink.build();
  REQUIRE(t.sessions.size() == 1);
  CHECK(t.sessions[0].input == 0);  // the input it first appeared in
  CHECK(t.inputs.size() == 2);
}

}  // namespace
}  // namespace agentreel
