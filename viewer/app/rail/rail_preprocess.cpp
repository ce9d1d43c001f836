// Visible-range search and folding for the trace rail (see rail_preprocess.h). Per lane: lower_bound on
// the running max end finds the first visible bar; narrow bars are folded by jumping, again by lower_bound,
// past every bar that ends within min_bar_px of the fold, so the cost follows pixels, not spans.
#include "app/rail/rail_preprocess.h"

#include <algorithm>

namespace agentreel::viewer {

void preprocess_rail(const RailPreprocessInput& in, std::vector<RailItem>& out) {
  out.clear();
  if (!in.trace || !in.lanes || in.width_px <= 0 || !(in.viewport.ns_per_px > 0)) return;
  const SpanColumns& spans = in.trace->spans;
  const SessionLanes& lanes = *in.lanes;
  const double origin = static_cast<double>(in.session_start_ns);
  const double nspp = in.viewport.ns_per_px;
  // Absolute visible window; comparisons in double are fine at this precision (1 px >> rounding).
  const double view_t0 = origin + in.viewport.start_ns;
  const double view_t1 = origin + in.viewport.time_at(in.width_px);
  const double min_ns = in.min_bar_px * nspp;
  auto to_x = [&](double abs_ns) {
    const double x = (abs_ns - origin - in.viewport.start_ns) / nspp;
    return static_cast<float>(std::clamp(x, double(-kOffscreenPx), double(in.width_px) + kOffscreenPx));
  };

  const uint32_t last_lane = std::min(in.last_lane, lanes.lane_count);
  for (uint32_t lane = in.first_lane; lane < last_lane; ++lane) {
    const uint32_t lane_begin = lanes.lane_begin[lane];
    const uint32_t lane_end = lanes.lane_begin[lane + 1];
    auto max_end = [&](uint32_t i) { return lanes.max_end(spans, lane, i); };
    auto first_ending_at_or_after = [&](uint32_t from, double t) {
      return lanes.first_ending_at_or_after(spans, lane, from, t);
    };
    uint32_t i = first_ending_at_or_after(lane_begin, view_t0);
    while (i < lane_end) {
      const uint32_t span = lanes.spans[i];
      const double start = static_cast<double>(spans.start_ns[span]);
      if (start >= view_t1) break;  // starts at or past the right edge
      double end = start + static_cast<double>(spans.duration_ns[span]);
      if (end - start >= min_ns) {
        out.push_back({lane, i, 1, to_x(start), to_x(end)});
        ++i;
        continue;
      }
      // A narrow bar: fold it with every following narrow bar that starts within min_ns of the fold's end.
      // In a lane bars do not overlap, so a bar that ends before fold_end + min_ns is itself narrow.
      double fold_end = end;
      uint32_t j = i + 1;
      while (j < lane_end) {
        const double limit = fold_end + min_ns;
        const uint32_t k = first_ending_at_or_after(j, limit);
        if (k > j) fold_end = std::max(fold_end, std::min(static_cast<double>(max_end(k - 1)), limit));
        j = k;
        if (j >= lane_end) break;
        const uint32_t next = lanes.spans[j];
        const double next_start = static_cast<double>(spans.start_ns[next]);
        const double next_end = next_start + static_cast<double>(spans.duration_ns[next]);
        if (next_end - next_start >= min_ns || next_start > fold_end + min_ns || next_start > view_t1) break;
        fold_end = std::max(fold_end, next_end);
        ++j;
      }
      end = fold_end;
      out.push_back({lane, i, j - i, to_x(start), to_x(end)});
      i = j;
    }
  }
}

}  // namespace agentreel::viewer
