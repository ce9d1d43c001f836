// One run in two files (an evaluation's output and its re-run, both carrying one instance id) becomes one session
// whose root holds one "attempt N" agent span per run, in time order, whichever order the files come in
// (TraceSink::mark_attempt, TraceBuilder). Real samples: SWE-agent's pydicom trajectory with its re-run cut off by
// the cost limit, OpenHands' Multi-SWE-bench output with one instance run again a day later, mini-swe-agent's
// trajectory from two batch runs.
#include <catch2/catch.hpp>

#include "test_support.h"

namespace agentreel {
namespace {

using test::convert_in_memory;
using test::data_path;
using test::NamedInput;
using test::read_file;

std::unique_ptr<Bundle> convert(const std::vector<NamedInput>& inputs) {
  const test::Converted converted = convert_in_memory(inputs);
  REQUIRE(converted.status.is_ok());
  auto bundle = test::open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  return bundle.take();
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  size_t replaced = 0;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
    ++replaced;
  }
  REQUIRE(replaced > 0);
  return text;
}

uint32_t session_named(const Trace& trace, std::string_view id) {
  for (uint32_t s = 0; s < trace.sessions.size(); ++s) {
    if (trace.strings.get(trace.sessions[s].id) == id) return s;
  }
  FAIL("no session " << id);
  return 0;
}

uint32_t top_of(const Trace& trace, uint32_t span) {
  while (trace.spans.parent[span] != kNoSpan) span = trace.spans.parent[span];
  return span;
}

// The session's shape: its one root, the attempts under it in span order, and each attempt's span count.
struct Attempts {
  uint32_t root = kNoSpan;
  std::vector<uint32_t> attempts;
  std::vector<uint32_t> sizes;  // spans under each attempt, itself included
};

Attempts attempts_of(const Trace& trace, uint32_t session) {
  const Session& s = trace.sessions[session];
  Attempts out;
  for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) {
    if (trace.spans.parent[i] == kNoSpan) {
      CHECK(out.root == kNoSpan);  // one root only
      out.root = i;
    } else if (trace.spans.parent[i] == out.root) {
      CHECK(trace.spans.kind[i] == SpanKind::agent);
      out.attempts.push_back(i);
    }
  }
  out.sizes.assign(out.attempts.size(), 0);
  for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) {
    if (i == out.root) continue;
    uint32_t below_root = i;
    while (trace.spans.parent[below_root] != out.root) below_root = trace.spans.parent[below_root];
    for (size_t k = 0; k < out.attempts.size(); ++k) out.sizes[k] += out.attempts[k] == below_root;
  }
  return out;
}

int64_t attempt_number(const Trace& trace, uint32_t span) {
  const std::optional<Attribute> a = trace.find_attribute(span, "attempt");
  return a && a->type == AttrType::integer ? a->value : 0;
}

TEST_CASE("two SWE-agent trajectories of one instance are one run with two attempts laid end to end") {
  const std::string submitted = read_file(data_path("swe-agent/pydicom__pydicom-1458.traj"));
  // The re-run of a run its cost limit stopped: only the exit status differs.
  const std::string cut_off =
      replace_all(submitted, "\"exit_status\": \"submitted\"", "\"exit_status\": \"exit_cost\"");
  const NamedInput first{"run-a/pydicom__pydicom-1458/pydicom__pydicom-1458.traj", cut_off};
  const NamedInput second{"run-b/pydicom__pydicom-1458/pydicom__pydicom-1458.traj", submitted};
  const auto alone = convert({second});
  const uint32_t single = alone->trace().sessions[0].span_count;

  for (const auto& order : {std::vector<NamedInput>{first, second}, std::vector<NamedInput>{second, first}}) {
    const auto bundle = convert(order);
    const Trace& trace = bundle->trace();
    REQUIRE(trace.sessions.size() == 1);
    const Attempts run = attempts_of(trace, 0);
    REQUIRE(run.root != kNoSpan);
    CHECK(trace.strings.get(trace.spans.name[run.root]) == "swe-agent");
    CHECK(trace.sessions[0].span_count == 2 * single + 1);
    REQUIRE(run.attempts.size() == 2);
    CHECK(trace.strings.get(trace.spans.name[run.attempts[0]]) == "attempt 1");
    CHECK(trace.strings.get(trace.spans.name[run.attempts[1]]) == "attempt 2");
    CHECK(attempt_number(trace, run.attempts[0]) == 1);
    CHECK(attempt_number(trace, run.attempts[1]) == 2);
    // run-a's attempt (the cut-off one) first, by path: a trajectory has no wall clock to order by.
    CHECK(trace.spans.status[run.attempts[0]] == SpanStatus::error);
    CHECK(trace.spans.status[run.attempts[1]] == SpanStatus::ok);
    CHECK(run.sizes == std::vector<uint32_t>{single, single});
    // End to end on the step axis: the second starts where the first ends, and the root covers both.
    const int64_t first_end = trace.spans.start_ns[run.attempts[0]] + trace.spans.duration_ns[run.attempts[0]];
    CHECK(trace.spans.start_ns[run.attempts[1]] == first_end);
    CHECK(trace.spans.start_ns[run.root] == 0);
    CHECK(trace.spans.duration_ns[run.root] == 2 * trace.spans.duration_ns[run.attempts[0]]);
    CHECK((trace.spans.flags[run.root] & kFlagOrdinalTime) != 0);
    for (uint32_t i = 0; i < trace.spans.size(); ++i) CHECK((trace.spans.flags[i] & kFlagClockRepaired) == 0);
  }
}

TEST_CASE("an OpenHands instance run again a day later is its session's second attempt in either file order") {
  const std::string output = read_file(data_path("openhands/multi_swe_bench/output.jsonl"));
  const std::string first_line = output.substr(0, output.find('\n') + 1);
  REQUIRE(first_line.find("\"instance_id\":\"ponylang__ponyc-4595\"") != std::string::npos);
  // The re-run: the same instance, its events a day later.
  const std::string rerun = replace_all(first_line, "\"2025-04-30T", "\"2025-05-01T");
  // The re-run's path sorts first: time, not path, orders attempts that have a wall clock.
  const NamedInput original{"eval/output.jsonl", output};
  const NamedInput again{"a-rerun/output.jsonl", rerun};
  const auto alone = convert({original});
  const uint32_t single = alone->trace().sessions[session_named(alone->trace(), "ponylang__ponyc-4595")].span_count;
  CHECK(alone->trace().sessions.size() == 3);

  for (const auto& order : {std::vector<NamedInput>{original, again}, std::vector<NamedInput>{again, original}}) {
    const auto bundle = convert(order);
    const Trace& trace = bundle->trace();
    REQUIRE(trace.sessions.size() == 3);  // the other two instances are untouched
    const uint32_t s = session_named(trace, "ponylang__ponyc-4595");
    const Attempts run = attempts_of(trace, s);
    REQUIRE(run.attempts.size() == 2);
    CHECK(run.sizes == std::vector<uint32_t>{single, single});
    CHECK(trace.sessions[s].span_count == 2 * single + 1);
    CHECK(trace.strings.get(trace.spans.name[run.attempts[0]]) == "attempt 1");
    CHECK(trace.strings.get(trace.spans.name[run.attempts[1]]) == "attempt 2");
    constexpr int64_t kDay = 86400ll * 1000000000ll;
    CHECK(trace.spans.start_ns[run.attempts[1]] - trace.spans.start_ns[run.attempts[0]] == kDay);
    CHECK(trace.spans.start_ns[run.root] == trace.spans.start_ns[run.attempts[0]]);
    // The first attempt's spans come from the original file, the second's from the re-run.
    const auto input_of_span = [&](uint32_t span) {
      const uint64_t at = trace.spans.begin_record[span].offset;
      uint32_t input = 0;
      for (uint32_t i = 0; i < trace.inputs.size(); ++i) {
        if (trace.inputs[i].stream_offset <= at) input = i;
      }
      return trace.inputs[input].path;
    };
    CHECK(input_of_span(run.attempts[0]) == "eval/output.jsonl");
    CHECK(input_of_span(run.attempts[1]) == "a-rerun/output.jsonl");
    // The run keeps the task: the session's title source (the goal) is on the root.
    CHECK(trace.find_attribute(run.root, "goal").has_value());
    // Other sessions keep one root and no attempts.
    for (uint32_t other = 0; other < trace.sessions.size(); ++other) {
      if (other == s) continue;
      const Session& o = trace.sessions[other];
      uint32_t roots = 0;
      for (uint32_t i = o.first_span; i < o.first_span + o.span_count; ++i) roots += trace.spans.parent[i] == kNoSpan;
      CHECK(roots == 1);
      CHECK(!trace.find_attribute(top_of(trace, o.first_span), "attempt").has_value());
    }
  }
}

TEST_CASE("a mini-swe-agent instance from two batch runs is one run with two attempts") {
  const std::string trajectory = read_file(data_path("mini-swe-agent/github_issue.traj.json"));
  const auto alone = convert({{"github_issue.traj.json", trajectory}});
  const uint32_t single = alone->trace().sessions[0].span_count;
  const auto bundle = convert({{"batch-2/github_issue/github_issue.traj.json", trajectory},
                               {"batch-1/github_issue/github_issue.traj.json", trajectory}});
  const Trace& trace = bundle->trace();
  REQUIRE(trace.sessions.size() == 1);
  const Attempts run = attempts_of(trace, 0);
  REQUIRE(run.attempts.size() == 2);
  CHECK(run.sizes == std::vector<uint32_t>{single, single});
  CHECK(trace.strings.get(trace.spans.name[run.root]) == "mini-swe-agent");
}

TEST_CASE("one trajectory alone is not an attempt") {
  const auto bundle =
      convert({{"pydicom__pydicom-1458.traj", read_file(data_path("swe-agent/pydicom__pydicom-1458.traj"))}});
  const Trace& trace = bundle->trace();
  REQUIRE(trace.sessions.size() == 1);
  CHECK(trace.strings.get(trace.spans.name[0]) == "swe-agent");
  CHECK(trace.spans.parent[0] == kNoSpan);
  CHECK(!trace.find_attribute(0, "attempt").has_value());
}

}  // namespace
}  // namespace agentreel
