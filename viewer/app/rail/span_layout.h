// Per-span UI data computed once after a bundle loads, as plain arrays parallel to the span columns:
// nesting depth, the lane (row) each span is drawn in, and per-session lane tables for the rail.
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
  // The first visible bar of a lane is a lower_bound on the running max of its bars' ends (max_end). Bars in
  // one lane never overlap, so their ends rise with their starts and are that running max themselves, except
  // in the last lane (kMaxLanes - 1), which takes every bar that found no free lane: only that lane stores it.
  // The search goes through every kChunk-th value, kept apart (chunk_max_end): a binary search over the bars'
  // own ends costs three scattered loads a step, which made zoomed-out wasm frames markedly slower, and a copy
  // of every end cost 8 bytes a span.
  static constexpr uint32_t kChunk = 16;
  uint32_t overflow_lane = UINT32_MAX;     // kMaxLanes - 1 when the session reaches it, else none
  std::vector<int64_t> overflow_max_end;   // [i - lane_begin[overflow_lane]]: running max end in that lane
  std::vector<uint32_t> lane_chunk_begin;  // lane_count + 1 offsets into chunk_max_end
  std::vector<int64_t> chunk_max_end;      // per lane, max_end at the last position of each kChunk positions

  // The running max end (ns since epoch) of the lane's bars up to position i of `spans` in lane `lane`.
  int64_t max_end(const SpanColumns& columns, uint32_t lane, uint32_t i) const {
    if (lane == overflow_lane) return overflow_max_end[i - lane_begin[lane]];
    const uint32_t span = spans[i];
    return columns.start_ns[span] + columns.duration_ns[span];
  }
  // The first position in [from, lane end) whose max_end is >= t, or the lane's end: the first bar, from
  // `from` on, that may reach past t. One binary search over the chunks, then a scan of one chunk.
  uint32_t first_ending_at_or_after(const SpanColumns& columns, uint32_t lane, uint32_t from, double t) const;
  // Fills the chunk and overflow tables from lane_begin and spans.
  void index_ends(const SpanColumns& columns, uint32_t max_lanes);
  uint32_t error_count = 0;  // spans with status error or kind error
  uint32_t max_depth = 0;    // deepest nesting level
};

struct SpanLayout {
  static constexpr uint32_t kMaxLanes = 512;
  static_assert(kMaxLanes <= 65536, "lanes are stored as uint16_t");

  std::vector<uint16_t> depth;         // nesting level, 0 = root (saturates at 65535)
  std::vector<uint16_t> lane;          // lane within its session (below kMaxLanes)
  std::vector<uint8_t> has_children;   // 1 if some span of the same session names this one as parent
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
