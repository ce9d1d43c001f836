// Tests of viewer/app/rail_preprocess: the visible range by binary search and the folding of runs of
// bars narrower than 3 px into one item with a count. No window, no ImGui context.
#include "app/rail/rail_preprocess.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <numeric>

#include "app/rail/span_layout.h"
#include "test_traces.h"

using namespace agentreel;
using namespace agentreel::viewer;

using testing::make_trace;
using testing::SpanSpec;

namespace {

std::vector<RailItem> run(const Trace& trace, const SpanLayout& layout, double start_ns, double ns_per_px,
                          float width) {
  RailPreprocessInput input;
  input.trace = &trace;
  input.lanes = &layout.sessions[0];
  input.session_start_ns = trace.sessions[0].start_ns;
  input.viewport.start_ns = start_ns;
  input.viewport.ns_per_px = ns_per_px;
  input.width_px = width;
  input.first_lane = 0;
  input.last_lane = layout.sessions[0].lane_count;
  std::vector<RailItem> items;
  preprocess_rail(input, items);
  return items;
}

}  // namespace

TEST_CASE("preprocess: wide bars come out one by one, off-screen bars not at all", "[viewer]") {
  std::vector<SpanSpec> specs;
  for (int i = 0; i < 10; ++i) specs.push_back({i * 100, 90});  // 10 bars, 90 ns each, 10 ns gaps
  const Trace trace = make_trace(specs);
  const SpanLayout layout = SpanLayout::build(trace);
  // 1 ns per px over 1000 px: all ten, each 90 px wide.
  auto items = run(trace, layout, 0, 1, 1000);
  REQUIRE(items.size() == 10);
  for (const RailItem& item : items) {
    CHECK(item.count == 1);
    CHECK(item.x1 - item.x0 == Approx(90));
  }
  // Show only [250, 450): bars 2, 3, 4.
  items = run(trace, layout, 250, 1, 200);
  REQUIRE(items.size() == 3);
  CHECK(layout.sessions[0].spans[items[0].first] == 2);
  CHECK(layout.sessions[0].spans[items[2].first] == 4);
}

TEST_CASE("preprocess: runs of bars narrower than 3 px fold into one item with a count", "[viewer]") {
  std::vector<SpanSpec> specs;
  for (int i = 0; i < 1000; ++i) specs.push_back({i * 10, 5});  // 1000 bars of 5 ns, 10 ns apart
  specs.push_back({20000, 5000});                               // then one wide bar
  const Trace trace = make_trace(specs);
  const SpanLayout layout = SpanLayout::build(trace);
  // 10 ns per px: each small bar is 0.5 px and they are 1 px apart -> one folded item of 1000.
  auto items = run(trace, layout, 0, 10, 2500);
  REQUIRE(items.size() == 2);
  CHECK(items[0].count == 1000);
  CHECK(items[0].x0 == Approx(0));
  CHECK(items[0].x1 == Approx(999.5).margin(1));
  CHECK(items[1].count == 1);
  CHECK(layout.sessions[0].spans[items[1].first] == 1000);
  // Zoomed in (0.1 ns per px): the small bars are 50 px wide and come out one by one.
  items = run(trace, layout, 0, 0.1, 1000);
  CHECK(items.size() == 10);
  for (const RailItem& item : items) CHECK(item.count == 1);
}

TEST_CASE("preprocess: a gap wider than 3 px ends a fold", "[viewer]") {
  // Two clusters of tiny bars 500 ns apart.
  std::vector<SpanSpec> specs;
  for (int i = 0; i < 20; ++i) specs.push_back({i, 1});
  for (int i = 0; i < 20; ++i) specs.push_back({500 + i, 1});
  const Trace trace = make_trace(specs);
  const SpanLayout layout = SpanLayout::build(trace);
  auto items = run(trace, layout, 0, 2, 600);  // 2 ns per px: each cluster is ~10 px, gap ~240 px
  REQUIRE(items.size() == 2);
  CHECK(items[0].count == 20);
  CHECK(items[1].count == 20);
  CHECK(items[1].x0 == Approx(250));
}

TEST_CASE("preprocess: cost follows pixels, not spans", "[viewer]") {
  std::vector<SpanSpec> specs;
  const int n = 200000;
  specs.reserve(n);
  for (int i = 0; i < n; ++i) specs.push_back({int64_t(i) * 100, 50});
  const Trace trace = make_trace(specs);
  const SpanLayout layout = SpanLayout::build(trace);
  // The whole session (20 ms) on 1000 px: everything folds into very few items.
  auto items = run(trace, layout, 0, double(n) * 100 / 1000, 1000);
  CHECK(items.size() <= 4);
  const uint32_t total = std::accumulate(items.begin(), items.end(), 0u,
                                         [](uint32_t sum, const RailItem& item) { return sum + item.count; });
  CHECK(total == n);
}

TEST_CASE("preprocess: the overlapping last lane shows every bar that reaches the window", "[viewer]") {
  // 511 roots fill lanes 0..510 until t=3000; the 89 after them all land in the last lane, where they overlap:
  // the first of them runs to 5000, the others end near 1000. A window at 2000 must find that first bar,
  // though every bar after it in the lane ended long before (a search on the bars' own ends would miss it).
  std::vector<SpanSpec> specs;
  for (int i = 0; i < 511; ++i) specs.push_back({i, 3000 - i});
  specs.push_back({511, 5000 - 511});
  for (int i = 512; i < 600; ++i) specs.push_back({i, 1000 - (i - 512) - i});
  const Trace trace = make_trace(specs);
  const SpanLayout layout = SpanLayout::build(trace);
  const SessionLanes& lanes = layout.sessions[0];
  REQUIRE(lanes.overflow_lane == SpanLayout::kMaxLanes - 1);
  REQUIRE(lanes.spans[lanes.lane_begin[lanes.overflow_lane]] == 511);
  for (const double t0 : {0.0, 600.0, 950.0, 2000.0, 4990.0, 5001.0}) {
    const auto items = run(trace, layout, t0, 1, 5);  // [t0, t0 + 5) at 1 ns/px; the session starts at 0
    std::vector<uint32_t> shown;
    for (const RailItem& item : items) {
      if (item.lane != lanes.overflow_lane) continue;
      for (uint32_t k = 0; k < item.count; ++k) shown.push_back(lanes.spans[item.first + k]);
    }
    std::vector<uint32_t> expected;  // by brute force: bars of that lane overlapping [t0, t0 + 5)
    for (uint32_t i = lanes.lane_begin[lanes.overflow_lane]; i < lanes.lane_begin[lanes.overflow_lane + 1]; ++i) {
      const uint32_t span = lanes.spans[i];
      const double start = double(trace.spans.start_ns[span]);
      const double end = start + double(trace.spans.duration_ns[span]);
      if (end >= t0 && start < t0 + 5) expected.push_back(span);
    }
    INFO("window at " << t0);
    for (uint32_t span : expected) CHECK(std::find(shown.begin(), shown.end(), span) != shown.end());
    for (uint32_t span : shown) CHECK(trace.spans.start_ns[span] < t0 + 5);  // nothing past the window
    if (t0 == 2000.0) CHECK(expected == std::vector<uint32_t>{511});
  }
}
