// Lanes for the Chrome trace export (see chrome_trace_lanes.h).
#include "export/chrome_trace_lanes.h"

#include <limits>

namespace agentreel {
namespace {

int64_t end_of(int64_t start, int64_t duration) {
  return duration > std::numeric_limits<int64_t>::max() - start ? std::numeric_limits<int64_t>::max()
                                                                : start + duration;
}

// A lane's open spans, innermost last: each one's end is at most the end of the one below it.
struct Lane {
  std::vector<int64_t> open_ends;

  // Drops the spans that ended by `start`; then true when [start, end] fits inside the innermost open span.
  bool fits(int64_t start, int64_t end) {
    while (!open_ends.empty() && open_ends.back() <= start && !(open_ends.back() == start && end == start)) {
      open_ends.pop_back();
    }
    return open_ends.empty() || end <= open_ends.back();
  }
};

}  // namespace

std::vector<uint32_t> assign_chrome_lanes(const Trace& trace, uint32_t session_index) {
  const Session& session = trace.sessions[session_index];
  const SpanColumns& spans = trace.spans;
  std::vector<uint32_t> lane_of(session.span_count, 0);
  std::vector<Lane> lanes;
  for (uint32_t i = 0; i < session.span_count; ++i) {
    const uint32_t span = session.first_span + i;
    const int64_t start = spans.start_ns[span], end = end_of(start, spans.duration_ns[span]);
    uint32_t chosen = uint32_t(lanes.size());
    const uint32_t parent = spans.parent[span];
    if (parent != kNoSpan && parent >= session.first_span) {
      const uint32_t parent_lane = lane_of[parent - session.first_span];
      if (lanes[parent_lane].fits(start, end)) chosen = parent_lane;
    }
    for (uint32_t lane = 0; chosen == lanes.size() && lane < lanes.size(); ++lane) {
      if (lanes[lane].fits(start, end)) chosen = lane;
    }
    if (chosen == lanes.size()) lanes.emplace_back();
    lanes[chosen].open_ends.push_back(end);
    lane_of[i] = chosen;
  }
  return lane_of;
}

}  // namespace agentreel
