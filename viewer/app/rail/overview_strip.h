// The overview strip above the trace rail: the whole session at once (how many spans start when, errors in
// red) with the rail's visible window marked. Drag the window to pan; press elsewhere to jump there (and
// keep dragging). The density is counted once per session, not per frame. ImGui only.
#pragma once

#include <cstdint>
#include <vector>

#include "app/automation/ui_probe.h"
#include "app/rail/rail_viewport.h"
#include "imgui.h"
#include "model/trace.h"

namespace agentreel::viewer {

class OverviewStrip {
 public:
  static float height(float font_size);
  // Reserves the strip at the cursor, taking its mouse input.
  void reserve(float full_width, float height);
  // Moves `viewport` (zoom kept) while the strip is pressed or dragged. Call before the rail is laid out.
  // origin_x / width: screen x and width of the lane area, which the strip's time axis matches.
  void handle_input(RailViewport& viewport, double duration_ns, float origin_x, float width);
  // Paints the density and the visible window for this frame's final viewport.
  void paint(const Trace& trace, uint32_t session, const RailViewport& viewport, float origin_x, float width,
             UiProbe& probe);
  void reset() { counted_session_ = UINT32_MAX; }

 private:
  void count(const Trace& trace, uint32_t session);

  ImVec2 min_, max_;
  bool active_ = false;
  bool activated_ = false;
  bool hovered_ = false;
  double grab_ns_ = 0;  // while dragging: the pointer's time minus the window's start
  uint32_t counted_session_ = UINT32_MAX;
  const Trace* counted_trace_ = nullptr;
  std::vector<uint32_t> starts_;  // spans starting per bucket
  std::vector<uint32_t> errors_;  // error spans per bucket
  uint32_t max_starts_ = 0;
};

}  // namespace agentreel::viewer
