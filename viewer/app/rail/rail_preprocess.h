// First pass of the trace rail (like Tracy's): for the visible lanes of one session, finds the visible bars
// by binary search and folds every run of bars narrower than kMinBarPx into one item with a count.
// Pure: no ImGui, no drawing; the draw pass walks the short list this produces.
#pragma once

#include <cstdint>
#include <vector>

#include "app/rail/rail_viewport.h"
#include "app/rail/span_layout.h"
#include "model/trace.h"

namespace agentreel::viewer {

struct RailItem {
  uint32_t lane = 0;
  uint32_t first = 0;  // position in SessionLanes::spans of the first bar
  uint32_t count = 1;  // 1 = one span; > 1 = a folded run of `count` consecutive bars of this lane
  float x0 = 0;        // pixels from the lane area's left edge, clamped to [-kOffscreenPx, width + kOffscreenPx]
  float x1 = 0;        // >= x0; a single narrow span keeps its true width (it may be < kMinBarPx)
};

struct RailPreprocessInput {
  const Trace* trace = nullptr;
  const SessionLanes* lanes = nullptr;
  int64_t session_start_ns = 0;  // the viewport's time origin
  RailViewport viewport;
  float width_px = 0;       // lane area width
  uint32_t first_lane = 0;  // visible lanes [first_lane, last_lane)
  uint32_t last_lane = 0;
  float min_bar_px = 3;  // bars narrower than this fold together
};

constexpr float kOffscreenPx = 64;

// Appends the items of lanes [first_lane, last_lane) to `out` (cleared first), lane by lane, left to right.
void preprocess_rail(const RailPreprocessInput& input, std::vector<RailItem>& out);

}  // namespace agentreel::viewer
