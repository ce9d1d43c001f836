// The rail's horizontal view: which time is at the left edge and how many ns one pixel spans.
// A plain value type; times are ns relative to the session start (doubles keep sub-ns zoom smooth).
#pragma once

#include <algorithm>

namespace agentreel::viewer {

struct RailViewport {
  double start_ns = 0;     // offset from the session start shown at x = 0 of the lane area
  double ns_per_px = 1e6;  // zoom: nanoseconds per (logical) pixel

  double x_of(double offset_ns) const { return (offset_ns - start_ns) / ns_per_px; }
  double time_at(double x) const { return start_ns + x * ns_per_px; }

  // Shows [from_ns, to_ns] across `width_px` with `margin` (a fraction of the width) on each side.
  void fit(double from_ns, double to_ns, double width_px, double margin = 0.02) {
    const double span = std::max(to_ns - from_ns, 1.0);
    const double width = std::max(width_px, 1.0);
    ns_per_px = span * (1 + 2 * margin) / width;
    start_ns = from_ns - span * margin;
  }
  // Multiplies ns_per_px by `factor`, keeping the time under pixel `anchor_x` in place.
  void zoom(double factor, double anchor_x, double min_ns_per_px, double max_ns_per_px) {
    const double anchor_time = time_at(anchor_x);
    ns_per_px = std::clamp(ns_per_px * factor, min_ns_per_px, max_ns_per_px);
    start_ns = anchor_time - anchor_x * ns_per_px;
  }
};

}  // namespace agentreel::viewer
