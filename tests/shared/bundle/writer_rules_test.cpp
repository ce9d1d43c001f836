// Writer rules (bundle/writer_rules.h), the checks `verify` makes beyond a reader's: traces converted from
// real logs break none; each rule broken by hand is reported once, naming its first offender exactly.
#include "bundle/writer_rules.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

// One input of 100 bytes; one session: agent 0 (100..400) > tool 1 (200..300) > output event 2 (at 200, one
// level deeper than the tool it starts with), and an event 3 (at 350) under the agent.
Trace small_trace() {
  Trace t;
  t.inputs.push_back({"a.jsonl", "agenteye", 0, 100, 0, 4, 0});
  struct Row {
    int64_t start, duration;
    uint32_t parent;
    uint16_t flags;
  };
  const Row rows[] = {{100, 300, kNoSpan, 0}, {200, 100, 0, 0}, {200, 0, 1, kFlagInstant}, {350, 0, 0, kFlagInstant}};
  t.spans.resize(4);
  t.spans.begin_record.clear();
  t.spans.end_record.clear();
  for (uint32_t i = 0; i < 4; ++i) {
    t.spans.start_ns[i] = rows[i].start;
    t.spans.duration_ns[i] = rows[i].duration;
    t.spans.parent[i] = rows[i].parent;
    t.spans.name[i] = t.strings.intern("span " + std::to_string(i));
    t.spans.kind[i] = SpanKind::event;
    t.spans.flags[i] = rows[i].flags;
    t.spans.begin_record.push_back({uint64_t(i) * 25, 24});
    t.spans.end_record.push_back({});
  }
  t.sessions.push_back({t.strings.intern("s"), 0, 0, 4, 100, 400, 0});
  return t;
}

std::vector<std::string> messages(const std::vector<Status>& statuses) {
  std::vector<std::string> out;
  for (const Status& s : statuses) out.push_back(s.to_string());
  return out;
}

std::vector<std::string> problems_of(const Trace& trace) { return messages(check_writer_rules(trace).problems); }

}  // namespace

TEST_CASE("writer rules: traces converted from real logs of every format break none") {
  const std::vector<std::vector<std::string>> runs = {
      {"agenteye/interleaved.jsonl"},
      {"claude-code/short.jsonl", "claude-code/subagent.jsonl", "claude-code/tool_heavy.jsonl"},
      {"otlp/genai_semconv.jsonl", "otlp/rag_earnings_agent.json", "otlp/smol_deep_research_agent.json"},
      {"swe-agent/marshmallow-code__marshmallow-1867.traj", "swe-agent/pydicom__pydicom-1458.traj"},
  };
  for (const auto& files : runs) {
    std::vector<NamedInput> inputs;
    for (const std::string& file : files) inputs.push_back({file, read_file(data_path(file))});
    Converted converted = convert_in_memory(inputs);
    REQUIRE(converted.status.is_ok());
    auto bundle = open_bytes(converted.bundle);
    REQUIRE(bundle.is_ok());
    const Trace& trace = bundle.value()->trace();
    INFO(files.front() << ": " << trace.spans.size() << " spans");
    REQUIRE(trace.spans.size() > 10);
    const WriterRuleBreaks breaks = check_writer_rules(trace);
    CHECK(messages(breaks.problems).empty());
    CHECK(messages(breaks.undefined_values).empty());
  }
  CHECK(problems_of(small_trace()).empty());
}

TEST_CASE("writer rules: sessions in order of start, empty ones last, each as long as its spans") {
  SECTION("a session starting before the one it follows") {
    Trace t = small_trace();
    t.spans.resize(6);  // a second session, at 50..60, after the first
    t.spans.start_ns[4] = 50;
    t.spans.duration_ns[4] = 10;
    t.spans.start_ns[5] = 55;
    t.spans.parent[5] = 4;
    t.sessions.push_back({0, 0, 4, 2, 50, 60, 0});
    CHECK(problems_of(t) == std::vector<std::string>{"corrupt_structure: section SESS: session 1 starts at 50, before "
                                                     "session 0 (at 100): expected sessions ordered by start"});
  }
  SECTION("a session with spans after one without") {
    Trace t = small_trace();
    t.sessions.insert(t.sessions.begin(), Session{0, 0, 0, 0, 0, 0, 0});
    CHECK(problems_of(t) ==
          std::vector<std::string>{"corrupt_structure: section SESS: session 1 has spans but follows "
                                   "session 0, which has none (expected sessions without spans last)"});
  }
  SECTION("a session without spans that has a start") {
    Trace t = small_trace();
    t.sessions.push_back({0, 0, 4, 0, 7, 0, 0});
    CHECK(problems_of(t) ==
          std::vector<std::string>{"corrupt_structure: section SESS: session 1 has no spans but starts "
                                   "at 7, ends at 0 and has flags 0x0 (expected 0, 0 and 0)"});
  }
  SECTION("start, end and clock flags that are not its spans'") {
    Trace t = small_trace();
    t.sessions[0].start_ns = 99;
    CHECK(problems_of(t) == std::vector<std::string>{"corrupt_structure: section SESS: session 0 starts at 99 but its "
                                                     "first span, span 0, at 100"});
    t = small_trace();
    t.sessions[0].end_ns = 300;
    CHECK(problems_of(t) ==
          std::vector<std::string>{"corrupt_structure: section SESS: session 0 ends at 300 but its spans end at 400"});
    t = small_trace();
    t.spans.flags[3] |= kFlagOrdinalTime;
    CHECK(problems_of(t) == std::vector<std::string>{"corrupt_structure: section SESS: session 0 has flags 0x0 but its "
                                                     "spans' clock bits (3 and 4) make 0x8"});
  }
}

TEST_CASE("writer rules: spans that start together parent first, parents covering children, flag bits") {
  SECTION("a root after a deeper span at the same start") {
    Trace t = small_trace();
    t.spans.start_ns[3] = 200;
    t.spans.parent[3] = kNoSpan;
    CHECK(problems_of(t) == std::vector<std::string>{
                                "corrupt_structure: section SPAN: span 3 starts with span 2 but is nested less deeply "
                                "(depth 0 after 2): expected spans that start together ordered parent first"});
  }
  SECTION("a child ending after its parent; a parent clamped to INT64_MAX is exempt") {
    Trace t = small_trace();
    t.spans.duration_ns[2] = 150;
    CHECK(problems_of(t) == std::vector<std::string>{"corrupt_structure: section SPAN: span 2 (200..350) is not within "
                                                     "its parent, span 1 (200..300)"});
    t.spans.duration_ns[1] = INT64_MAX;  // TraceBuilder's clamp: the parent's end is unknown
    t.sessions[0].end_ns = INT64_MAX;
    t.spans.duration_ns[0] = INT64_MAX;
    CHECK(problems_of(t).empty());
  }
  SECTION("execution time without ordinal time, and flag bits this version leaves undefined") {
    Trace t = small_trace();
    t.spans.flags[1] = kFlagExecutionTime | 0x8000;
    t.sessions[0].flags = kFlagExecutionTime;
    const WriterRuleBreaks breaks = check_writer_rules(t);
    CHECK(
        messages(breaks.problems) ==
        std::vector<std::string>{"corrupt_structure: section SPAN: span 1 has flag bit 4 (execution time) without bit "
                                 "3 (ordinal time)"});
    CHECK(messages(breaks.undefined_values) ==
          std::vector<std::string>{
              "corrupt_structure: section SPAN: span 1 has flag bits 0x8000, which this version does not define"});
  }
}

TEST_CASE("writer rules: input paths, record refs within one input, skipped records") {
  SECTION("an input path with '..'") {
    Trace t = small_trace();
    t.inputs[0].path = "logs/../../a.jsonl";
    CHECK(problems_of(t) == std::vector<std::string>{"corrupt_structure: section INPT: input 0 path "
                                                     "\"logs/../../a.jsonl\" has a '..' component (expected a relative "
                                                     "/-separated path without '.' or '..')"});
  }
  SECTION("a record running into the next input") {
    Trace t = small_trace();
    t.inputs[0].size = 60;
    t.inputs.push_back({"b.jsonl", "agenteye", 60, 40, 0, 1, 0});
    CHECK(problems_of(t) == std::vector<std::string>{"corrupt_structure: section PREF: span 2's begin record (stream "
                                                     "bytes 50..74) runs past the end of input 0 (stream byte 60)"});
  }
  SECTION("skipped counts, places and reasons") {
    Trace t = small_trace();
    t.skipped.push_back({0, SkipReason::invalid_json, 3, 80, "x"});
    CHECK(problems_of(t) ==
          std::vector<std::string>{"corrupt_structure: section INPT: input 0 counts 0 skipped records "
                                   "but section SKIP holds 1 for it"});
    t.inputs[0].skipped = 1;
    CHECK(problems_of(t).empty());
    t.skipped[0].byte_offset = 101;
    CHECK(problems_of(t) == std::vector<std::string>{"corrupt_structure: section SKIP: row 0 is at line 3, byte 101 of "
                                                     "input 0 (100 bytes): expected a line from 1 and a byte in the "
                                                     "file"});
    t.skipped[0].byte_offset = 80;
    t.skipped[0].reason = SkipReason(7);
    const WriterRuleBreaks breaks = check_writer_rules(t);
    CHECK(breaks.problems.empty());
    CHECK(messages(breaks.undefined_values) ==
          std::vector<std::string>{
              "corrupt_structure: section SKIP: row 0 has reason 7, which this version does not define"});
  }
}
