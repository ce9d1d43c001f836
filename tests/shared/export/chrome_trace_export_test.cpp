// Chrome trace export: valid JSON, one complete event per span with its times, every lane properly nested, and
// the processes and threads named.
#include "export/chrome_trace_export.h"

#include <cmath>
#include <map>
#include <set>

#include "export/chrome_trace_lanes.h"
#include "export/export_test_support.h"
#include "readers/json_line.h"

namespace agentreel::test {
namespace {

std::string export_chrome(const Bundle& bundle) {
  VectorSink sink;
  const Status written = write_chrome_trace(bundle.trace(), bundle_records(bundle), sink);
  REQUIRE(written.is_ok());
  return std::string(sink.buffer.begin(), sink.buffer.end());
}

int64_t nanoseconds(simdjson::dom::element microseconds) {
  double value = 0;
  REQUIRE(!microseconds.get_double().get(value));
  return std::llround(value * 1000.0);  // exact: the export's numbers are small and have three decimals
}

struct Open {
  int64_t start, end;
};

}  // namespace

TEST_CASE("Chrome trace export holds one nested complete event per span", "[export][chrome]") {
  for (const std::string& sample : export_samples()) {
    INFO(sample);
    auto bundle = sample_bundle(sample);
    const Trace& trace = bundle->trace();
    const std::string exported = export_chrome(*bundle);
    CHECK(export_chrome(*bundle) == exported);

    JsonLineParser parser;
    simdjson::dom::element root;
    REQUIRE(!parser.parse(exported, root));
    std::string_view origin_text;
    REQUIRE(!root["otherData"]["time_origin_unix_ns"].get_string().get(origin_text));
    const int64_t origin = std::stoll(std::string(origin_text));

    size_t span = 0;                                                  // X events come in span order
    std::map<std::pair<int64_t, int64_t>, std::vector<Open>> stacks;  // (pid, tid) -> open events
    std::set<int64_t> named_processes;
    std::set<std::pair<int64_t, int64_t>> named_threads, used_threads;
    for (simdjson::dom::element event : root["traceEvents"].get_array()) {
      const std::string_view phase = event["ph"].get_string();
      const int64_t pid = event["pid"].get_int64(), tid = event["tid"].get_int64();
      const std::string_view name = event["name"].get_string();
      if (phase == "M") {
        if (name == "process_name") named_processes.insert(pid);
        if (name == "thread_name") named_threads.insert({pid, tid});
        continue;
      }
      REQUIRE(phase == "X");
      REQUIRE(span < trace.spans.size());
      while (trace.sessions[trace.session_of(uint32_t(span))].span_count == 0) ++span;
      const uint32_t session = trace.session_of(uint32_t(span));
      INFO("span " << span << " (" << trace.name_of(uint32_t(span)) << ")");
      CHECK(pid == int64_t(session) + 1);
      CHECK(name == trace.name_of(uint32_t(span)));
      CHECK(std::string_view(event["cat"].get_string()) == span_kind_name(trace.spans.kind[span]));
      const bool wall = session_clock(trace.sessions[session].flags) == SessionClock::wall;
      const int64_t start = nanoseconds(event["ts"]), duration = nanoseconds(event["dur"]);
      CHECK(start == trace.spans.start_ns[span] - (wall ? origin : 0));
      CHECK(duration == trace.spans.duration_ns[span]);
      CHECK(std::string_view(event["args"]["status"].get_string()) == span_status_name(trace.spans.status[span]));

      // Nesting per thread: each event lies inside the innermost open one, or after it.
      std::vector<Open>& stack = stacks[{pid, tid}];
      const int64_t end = start + duration;
      while (!stack.empty() && !(start >= stack.back().start && end <= stack.back().end)) {
        CHECK(start >= stack.back().end);
        stack.pop_back();
      }
      stack.push_back({start, end});
      used_threads.insert({pid, tid});
      ++span;
    }
    CHECK(span == trace.spans.size());
    for (uint32_t s = 0; s < trace.sessions.size(); ++s) {
      if (trace.sessions[s].span_count) CHECK(named_processes.count(s + 1));
    }
    CHECK(named_threads == used_threads);
  }
}

TEST_CASE("Chrome trace lanes keep children in their parent's lane and overlapping siblings apart",
          "[export][chrome]") {
  // A parallel batch of tool calls (Claude Code runs them side by side) needs more than one lane.
  auto bundle = sample_bundle("claude-code/258c7280-ae70-4798-800f-63464d01a85d.jsonl");
  const Trace& trace = bundle->trace();
  uint32_t most_lanes = 0;
  size_t with_parent_lane = 0, with_parent = 0;
  for (uint32_t s = 0; s < trace.sessions.size(); ++s) {
    const std::vector<uint32_t> lanes = assign_chrome_lanes(trace, s);
    const Session& session = trace.sessions[s];
    for (uint32_t i = 0; i < session.span_count; ++i) {
      most_lanes = std::max(most_lanes, lanes[i] + 1);
      const uint32_t parent = trace.spans.parent[session.first_span + i];
      if (parent == kNoSpan) continue;
      ++with_parent;
      with_parent_lane += lanes[parent - session.first_span] == lanes[i];
    }
  }
  CHECK(most_lanes > 1);
  CHECK(with_parent_lane * 2 > with_parent);  // most children sit under their parent
}

}  // namespace agentreel::test
