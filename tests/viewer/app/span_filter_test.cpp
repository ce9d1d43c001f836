// Tests of viewer/app/span_filter: the find box's query language (words, tool:, kind:, status:, dur>) and
// which spans of a session it matches.
#include <catch2/catch.hpp>

#include "app/span_filter.h"
#include "test_traces.h"

using namespace agentreel;
using namespace agentreel::viewer;

namespace {

// 0 agent "main" [0, 60s); 1 tool "Bash" 2s; 2 model "claude-opus" 8s, status error; 3 tool "Read" 10s with
// attribute file_path = "/src/Main.cpp".
Trace sample() {
  Trace trace = testing::make_trace({{0, 60'000'000'000, kNoSpan, SpanKind::agent},
                                     {1'000'000'000, 2'000'000'000, 0, SpanKind::tool},
                                     {4'000'000'000, 8'000'000'000, 0, SpanKind::model},
                                     {20'000'000'000, 10'000'000'000, 0, SpanKind::tool}});
  const char* names[] = {"main", "Bash", "claude-opus", "Read"};
  for (uint32_t i = 0; i < 4; ++i) trace.spans.name[i] = trace.strings.intern(names[i]);
  trace.spans.status[2] = SpanStatus::error;
  Attribute a;
  a.span = 3;
  a.key = trace.strings.intern("file_path");
  a.type = AttrType::string;
  a.value = trace.strings.intern("/src/Main.cpp");
  trace.attributes.push_back(a);
  return trace;
}

std::vector<uint32_t> run(const Trace& trace, const char* query) {
  return find_matches(trace, 0, SpanFilter::parse(query));
}

}  // namespace

TEST_CASE("find: words match names and attribute text, case-insensitively", "[viewer]") {
  const Trace trace = sample();
  CHECK(run(trace, "bash") == std::vector<uint32_t>{1});
  CHECK(run(trace, "MAIN") == std::vector<uint32_t>{0, 3});  // the name "main" and the attribute "/src/Main.cpp"
  CHECK(run(trace, "file_path") == std::vector<uint32_t>{3});  // attribute keys too
  CHECK(run(trace, "nothing-like-this").empty());
  CHECK(run(trace, "").empty());
  CHECK(SpanFilter::parse("   ").empty());
}

TEST_CASE("find: tool:, kind:, status: and dur terms, all of which must hold", "[viewer]") {
  const Trace trace = sample();
  CHECK(run(trace, "tool:Bash") == std::vector<uint32_t>{1});
  CHECK(run(trace, "tool:claude").empty());  // a model, not a tool
  CHECK(run(trace, "kind:model") == std::vector<uint32_t>{2});
  CHECK(run(trace, "kind:tool") == std::vector<uint32_t>{1, 3});
  CHECK(run(trace, "status:error") == std::vector<uint32_t>{2});
  CHECK(run(trace, "dur>5s") == std::vector<uint32_t>{0, 2, 3});
  CHECK(run(trace, "dur<=2s") == std::vector<uint32_t>{1});
  CHECK(run(trace, "kind:tool dur>5s") == std::vector<uint32_t>{3});
  CHECK(run(trace, "dur>0.5m") == std::vector<uint32_t>{0});
}

TEST_CASE("find: unreadable terms are reported and ignored", "[viewer]") {
  const SpanFilter bad_kind = SpanFilter::parse("kind:banana bash");
  CHECK(bad_kind.error.find("kind:banana") == 0);
  CHECK(bad_kind.terms.size() == 1);
  CHECK(!SpanFilter::parse("dur>soon").error.empty());
  int64_t ns = 0;
  CHECK(parse_duration("200ms", ns));
  CHECK(ns == 200'000'000);
  CHECK(parse_duration("1.5m", ns));
  CHECK(ns == 90'000'000'000);
  CHECK(!parse_duration("5 parsecs", ns));
}
