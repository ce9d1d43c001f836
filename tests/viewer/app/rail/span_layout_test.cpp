// Tests of viewer/app/span_layout: depth, lane assignment (children below parents, overlapping siblings apart)
// and the per-lane tables the rail searches.
#include "app/rail/span_layout.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "test_traces.h"

using namespace agentreel;
using namespace agentreel::viewer;

using testing::make_trace;

TEST_CASE("lanes: children go below their parent, overlapping siblings get their own lane", "[viewer]") {
  // 0: agent [0, 100); 1: tool [10, 50) child of 0; 2: hook [12, 14) child of 1;
  // 3: tool [20, 60) child of 0, overlapping 1; 4: tool [70, 80) child of 0, after 1 ended.
  const Trace trace = make_trace(
      {{0, 100, kNoSpan, SpanKind::agent}, {10, 40, 0}, {12, 2, 1, SpanKind::hook}, {20, 40, 0}, {70, 10, 0}});
  const SpanLayout layout = SpanLayout::build(trace);
  CHECK(layout.depth == std::vector<uint16_t>{0, 1, 2, 1, 1});
  CHECK(layout.lane[0] == 0);
  CHECK(layout.lane[1] == 1);
  CHECK(layout.lane[2] == 2);  // below its parent
  CHECK(layout.lane[3] == 2);  // lane 1 is busy until 50; lane 2 is free again after the hook
  CHECK(layout.lane[4] == 1);  // lane 1 is free after 50
  const SessionLanes& lanes = layout.sessions[0];
  CHECK(lanes.lane_count == 3);
  // Every lane is in start order with a non-decreasing running end.
  for (uint32_t l = 0; l < lanes.lane_count; ++l) {
    for (uint32_t i = lanes.lane_begin[l] + 1; i < lanes.lane_begin[l + 1]; ++i) {
      CHECK(trace.spans.start_ns[lanes.spans[i - 1]] <= trace.spans.start_ns[lanes.spans[i]]);
      CHECK(lanes.max_end(trace.spans, l, i - 1) <= lanes.max_end(trace.spans, l, i));
    }
  }
  CHECK(lanes.overflow_lane == UINT32_MAX);  // 3 lanes: no overflow, nothing stored per span
  CHECK(lanes.overflow_max_end.empty());
}

TEST_CASE("lanes: bars past the last lane overlap there, with their running max end stored", "[viewer]") {
  // 600 roots all overlapping, each ending earlier than the one before: 511 get a lane each, the other 89
  // share the last one, where a bar's own end is below the running max.
  std::vector<testing::SpanSpec> specs;
  for (int i = 0; i < 600; ++i) specs.push_back({i, 2000 - 2 * i});
  const Trace trace = make_trace(specs);
  const SpanLayout layout = SpanLayout::build(trace);
  const SessionLanes& lanes = layout.sessions[0];
  REQUIRE(lanes.lane_count == SpanLayout::kMaxLanes);
  REQUIRE(lanes.overflow_lane == SpanLayout::kMaxLanes - 1);
  const uint32_t first = lanes.lane_begin[lanes.overflow_lane], last = lanes.lane_begin[lanes.overflow_lane + 1];
  REQUIRE(last - first == 600 - (SpanLayout::kMaxLanes - 1));
  REQUIRE(lanes.overflow_max_end.size() == last - first);
  int64_t running = INT64_MIN;
  for (uint32_t i = first; i < last; ++i) {
    const uint32_t span = lanes.spans[i];
    running = std::max(running, trace.spans.start_ns[span] + trace.spans.duration_ns[span]);
    CHECK(lanes.max_end(trace.spans, lanes.overflow_lane, i) == running);
  }
  CHECK(lanes.max_end(trace.spans, lanes.overflow_lane, last - 1) >
        trace.spans.start_ns[lanes.spans[last - 1]] + trace.spans.duration_ns[lanes.spans[last - 1]]);
}

TEST_CASE("lanes: a parent cycle does not hang and counts as a root", "[viewer]") {
  Trace trace = make_trace({{0, 10}, {1, 5}});
  trace.spans.parent[0] = 1;
  trace.spans.parent[1] = 0;
  const SpanLayout layout = SpanLayout::build(trace);
  CHECK(layout.depth.size() == 2);
  CHECK(layout.sessions[0].lane_count >= 1);
}

TEST_CASE("lanes: has_children, and a session rebuilt without a collapsed subtree", "[viewer]") {
  // 0: agent [0, 100); 1: tool [10, 50) child of 0; 2: hook [12, 14) child of 1; 3: tool [20, 60) child of 0.
  const Trace trace =
      make_trace({{0, 100, kNoSpan, SpanKind::agent}, {10, 40, 0}, {12, 2, 1, SpanKind::hook}, {20, 40, 0}});
  const SpanLayout layout = SpanLayout::build(trace);
  CHECK(layout.has_children == std::vector<uint8_t>{1, 1, 0, 0});
  // Hide span 1's subtree except span 1 itself (as SubtreeCollapse does): span 2 is left out.
  std::vector<uint8_t> hidden{0, 0, 1, 0};
  std::vector<uint16_t> lane = layout.lane;
  SessionLanes lanes;
  SpanLayout::build_session(trace, layout.depth, 0, hidden.data(), lane, lanes);
  CHECK(lanes.spans.size() == 3);
  CHECK(std::find(lanes.spans.begin(), lanes.spans.end(), 2u) == lanes.spans.end());
  CHECK(lanes.lane_count == 3);  // 0; 1; 3 (overlaps 1)
  // Everything below the root hidden: one lane.
  hidden = {0, 1, 1, 1};
  SpanLayout::build_session(trace, layout.depth, 0, hidden.data(), lane, lanes);
  CHECK(lanes.lane_count == 1);
  CHECK(lanes.spans == std::vector<uint32_t>{0});
  CHECK(lanes.max_end(trace.spans, 0, 0) == trace.spans.start_ns[0] + trace.spans.duration_ns[0]);
  CHECK(lanes.overflow_max_end.empty());
}

TEST_CASE("lanes: the chunked search finds what a scan of every bar finds", "[viewer]") {
  // Random overlapping roots and children, enough to fill every lane and the overlapping last one, with
  // lanes shorter and longer than a chunk.
  std::mt19937 random(3);
  std::vector<testing::SpanSpec> specs;
  int64_t start = 0;
  for (int i = 0; i < 4000; ++i) {
    start += int64_t(random() % 7);
    const uint32_t parent = i > 0 && random() % 3 == 0 ? uint32_t(random() % i) : kNoSpan;
    specs.push_back({start, int64_t(random() % (i % 50 == 0 ? 60000 : 3000)), parent});
  }
  const Trace trace = make_trace(specs);
  const SpanLayout layout = SpanLayout::build(trace);
  const SessionLanes& lanes = layout.sessions[0];
  REQUIRE(lanes.overflow_lane == SpanLayout::kMaxLanes - 1);
  uint32_t longest = 0;
  for (uint32_t lane = 0; lane < lanes.lane_count; ++lane)
    longest = std::max(longest, lanes.lane_begin[lane + 1] - lanes.lane_begin[lane]);
  REQUIRE(longest > 4 * SessionLanes::kChunk);
  for (uint32_t lane = 0; lane < lanes.lane_count; lane += 7) {
    const uint32_t begin = lanes.lane_begin[lane], end = lanes.lane_begin[lane + 1];
    for (int probe = 0; probe < 40; ++probe) {
      const uint32_t from = begin + (end > begin ? uint32_t(random() % (end - begin + 1)) : 0);
      const double t = double(random() % uint32_t(start + 65000)) - 100;
      uint32_t expected = from;
      while (expected < end && double(lanes.max_end(trace.spans, lane, expected)) < t) ++expected;
      INFO("lane " << lane << " from " << from << " t " << t);
      REQUIRE(lanes.first_ending_at_or_after(trace.spans, lane, from, t) == expected);
    }
  }
}
