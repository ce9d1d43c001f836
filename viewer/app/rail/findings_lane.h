// The findings lane: a strip just above the trace rail with one marker per diagnosis finding of the shown
// session, spanning its spans' time range, coloured by severity, with the summary as tooltip. Clicking a
// marker focuses the finding (finding_look.h). ImGui only; painted with the rail's viewport of this frame.
#pragma once

#include "app/rail/rail_viewport.h"
#include "app/theme.h"
#include "app/view_state.h"
#include "diagnosis/diagnosis.h"
#include "model/trace.h"

namespace agentreel::viewer {

class FindingsLane {
 public:
  static float height(float font_size);
  // Reserves the strip at the cursor (full_width x height), taking its mouse input.
  void reserve(float full_width, float height);
  // Paints the markers over the reserved strip once the viewport is final for this frame; handles hover
  // (tooltip) and a click. `origin_x`: screen x of time offset 0's viewport origin (the lane area's left edge);
  // `width`: the lane area's width. `diagnosis` is nullptr while the session is not analysed yet.
  void paint(const Trace& trace, const diagnosis::SessionDiagnosis* diagnosis, const RailViewport& viewport,
             float origin_x, float width, ViewState& state, const Fonts& fonts);

 private:
  ImVec2 min_, max_;
  bool hovered_ = false;
  bool clicked_ = false;
};

}  // namespace agentreel::viewer
