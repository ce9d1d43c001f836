// Per-span UI data computed once after a bundle loads, as plain arrays parallel to the span columns:
// nesting depth, the lane (row) each span is drawn in, and per-session lane tables for the timeline.
// Depends on the Trace model only (no ImGui); never stored back into the Trace.
#pragma once

#include <cstdint>
#include <vector>

#include "model/trace.h"

namespace agentreel::viewer {

// The lanes of one session in CSR form. A span sits in the first lane below its parent's lane whose
// previous span has ended, so bars in one lane never overlap (up to kMaxLanes; beyond that they may).
struct SessionLanes {
  uint32_t lane_count = 0;
  std::vector<uint32_t> lane_begin;  // lane_count + 1 offsets into `spans`
  std::vector<uint32_t> spans;       // span indices grouped by lane, each lane in start order
  // The first visible bar of a lane is a lower_bound on the running max of its bars' ends. Bars in one lane
  // never overlap, so their ends rise with their starts and are that running max themselves, except in the
  // last lane (kMaxLanes - 1), which takes every bar that found no free lane: only that lane stores it (8 bytes
  // a span for every lane was the viewer's largest per-span array after the span columns).
  uint32_t overflow_lane = UINT32_MAX;  // kMaxLanes - 1 when the session reaches it, else none
  std::vector<int64_t> overflow_max_end;  // [i - lane_begin[overflow_lane]]: running max end in that lane
  // The running max end (ns since epoch) of the lane's bars up to position i of `spans` in lane `lane`.
  int64_t max_end(const SpanColumns& columns, uint32_t lane, uint32_t i) const {
    if (lane == overflow_lane) return overflow_max_end[i - lane_begin[lane]];
    const uint32_t span = spans[i];
    return columns.start_ns[span] + columns.duration_ns[span];
  }
  uint32_t error_count = 0;   // spans with status error or kind error
  uint32_t max_depth = 0;     // deepest nesting level
};

struct SpanLayout {
  static constexpr uint32_t kMaxLanes = 512;
  static_assert(kMaxLanes <= 65536, "lanes are stored as uint16_t");

  std::vector<uint16_t> depth;  // nesting level, 0 = root (saturates at 65535)
  std::vector<uint16_t> lane;   // lane within its session (below kMaxLanes)
  std::vector<uint8_t> has_children;  // 1 if some span of the same session names this one as parent
  std::vector<SessionLanes> sessions;  // parallel to Trace::sessions

  static SpanLayout build(const Trace& trace);
  // Lanes of one session with the spans where hidden[span - session.first_span] != 0 left out (collapsed
  // subtrees); `lane` (all spans of the trace) gets the visible spans' lanes, hidden ones are left as they are.
  // The same greedy assignment as build(); O(spans of the session). hidden == nullptr: every span shows.
  static void build_session(const Trace& trace, const std::vector<uint16_t>& depth, uint32_t session,
                            const uint8_t* hidden, std::vector<uint16_t>& lane, SessionLanes& out);
  int64_t end_ns(const Trace& trace, uint32_t span) const {
    return trace.spans.start_ns[span] + trace.spans.duration_ns[span];
  }
};

}  // namespace agentreel::viewer
