// Builds SpanLayout (see span_layout.h): one pass for depth, one greedy lane assignment per session
// in start order, then a counting sort of each session's spans into lanes.
#include "app/rail/span_layout.h"

#include <algorithm>

namespace agentreel::viewer {
namespace {

// Depth by walking parent chains with memoisation; a cycle or an out-of-range parent counts as a root.
std::vector<uint16_t> compute_depths(const SpanColumns& spans) {
  const uint32_t n = static_cast<uint32_t>(spans.size());
  constexpr uint16_t kUnknown = 0xFFFF;
  std::vector<uint16_t> depth(n, kUnknown);
  std::vector<uint32_t> chain;
  for (uint32_t s = 0; s < n; ++s) {
    if (depth[s] != kUnknown) continue;
    chain.clear();
    uint32_t cur = s;
    uint32_t base = 0;
    while (true) {
      chain.push_back(cur);
      const uint32_t parent = spans.parent[cur];
      if (parent == kNoSpan || parent >= n || chain.size() > n) break;
      if (depth[parent] != kUnknown) {
        base = depth[parent] + 1u;
        break;
      }
      if (std::find(chain.end() - std::min<size_t>(chain.size(), 64), chain.end(), parent) != chain.end()) break;
      cur = parent;
    }
    // chain.back() is the topmost unknown span; assign downwards.
    for (size_t i = chain.size(); i-- > 0;) {
      depth[chain[i]] = static_cast<uint16_t>(std::min<uint32_t>(base, kUnknown - 1));
      ++base;
    }
  }
  return depth;
}

}  // namespace

void SpanLayout::build_session(const Trace& trace, const std::vector<uint16_t>& depth, uint32_t session_index,
                               const uint8_t* hidden, std::vector<uint16_t>& lane, SessionLanes& lanes) {
  const SpanColumns& spans = trace.spans;
  const uint32_t n = static_cast<uint32_t>(spans.size());
  const Session& session = trace.sessions[session_index];
  const uint32_t first = std::min(session.first_span, n);
  const uint32_t last = static_cast<uint32_t>(std::min<uint64_t>(uint64_t(first) + session.span_count, n));
  auto shown = [&](uint32_t s) { return !hidden || !hidden[s - first]; };
  lanes = SessionLanes();
  std::vector<int64_t> lane_end;  // per lane: end of the last span placed there
  for (uint32_t s = first; s < last; ++s) {
    if (!shown(s)) continue;
    const int64_t start = spans.start_ns[s];
    const int64_t end = start + std::max<int64_t>(spans.duration_ns[s], 0);
    const uint32_t parent = spans.parent[s];
    // Parents precede children in start order; a parent placed later (or elsewhere) falls back to depth.
    uint32_t row = depth[s];
    if (parent != kNoSpan && parent >= first && parent < s && shown(parent)) row = lane[parent] + 1;
    row = std::min(row, kMaxLanes - 1);
    while (row < kMaxLanes - 1 && row < lane_end.size() && lane_end[row] > start) ++row;
    if (row >= lane_end.size()) lane_end.resize(row + 1, INT64_MIN);
    lane_end[row] = std::max(lane_end[row], end);
    lane[s] = static_cast<uint16_t>(row);
    lanes.max_depth = std::max<uint32_t>(lanes.max_depth, depth[s]);
    if (trace.spans.is_error(s)) ++lanes.error_count;
  }
  lanes.lane_count = static_cast<uint32_t>(lane_end.size());
  lanes.lane_begin.assign(lanes.lane_count + 1, 0);
  uint32_t visible = 0;
  for (uint32_t s = first; s < last; ++s) {
    if (!shown(s)) continue;
    ++lanes.lane_begin[lane[s] + 1];
    ++visible;
  }
  for (uint32_t l = 0; l < lanes.lane_count; ++l) lanes.lane_begin[l + 1] += lanes.lane_begin[l];
  lanes.spans.resize(visible);
  std::vector<uint32_t> fill(lanes.lane_begin.begin(), lanes.lane_begin.end() - 1);
  for (uint32_t s = first; s < last; ++s) {
    if (shown(s)) lanes.spans[fill[lane[s]]++] = s;  // stays in start order
  }
  lanes.index_ends(spans, kMaxLanes);
}

void SessionLanes::index_ends(const SpanColumns& columns, uint32_t max_lanes) {
  overflow_lane = UINT32_MAX;
  overflow_max_end.clear();
  if (lane_count == max_lanes && max_lanes > 0) {
    const uint32_t l = max_lanes - 1;
    overflow_lane = l;
    overflow_max_end.resize(lane_begin[l + 1] - lane_begin[l]);
    int64_t running = INT64_MIN;
    for (uint32_t i = lane_begin[l]; i < lane_begin[l + 1]; ++i) {
      running = std::max(running, columns.start_ns[spans[i]] + columns.duration_ns[spans[i]]);
      overflow_max_end[i - lane_begin[l]] = running;
    }
  }
  lane_chunk_begin.assign(lane_count + 1, 0);
  for (uint32_t l = 0; l < lane_count; ++l) {
    lane_chunk_begin[l + 1] = lane_chunk_begin[l] + (lane_begin[l + 1] - lane_begin[l] + kChunk - 1) / kChunk;
  }
  chunk_max_end.resize(lane_chunk_begin[lane_count]);
  for (uint32_t l = 0; l < lane_count; ++l) {
    for (uint32_t c = lane_chunk_begin[l]; c < lane_chunk_begin[l + 1]; ++c) {
      const uint32_t last = std::min(lane_begin[l] + (c - lane_chunk_begin[l] + 1) * kChunk, lane_begin[l + 1]) - 1;
      chunk_max_end[c] = max_end(columns, l, last);
    }
  }
}

uint32_t SessionLanes::first_ending_at_or_after(const SpanColumns& columns, uint32_t lane, uint32_t from,
                                                double t) const {
  const uint32_t begin = lane_begin[lane], end = lane_begin[lane + 1];
  if (from >= end) return end;
  // Chunks from the one holding `from`: chunk_max_end is non-decreasing within a lane.
  const int64_t* chunks = chunk_max_end.data();
  const uint32_t c_from = lane_chunk_begin[lane] + (from - begin) / kChunk;
  const uint32_t c_end = lane_chunk_begin[lane + 1];
  const uint32_t c = static_cast<uint32_t>(
      std::lower_bound(chunks + c_from, chunks + c_end, t, [](int64_t e, double v) { return double(e) < v; }) - chunks);
  if (c == c_end) return end;
  const uint32_t chunk_first = begin + (c - lane_chunk_begin[lane]) * kChunk;
  const uint32_t stop = std::min(chunk_first + kChunk, end);
  for (uint32_t i = std::max(from, chunk_first); i < stop; ++i) {
    if (double(max_end(columns, lane, i)) >= t) return i;
  }
  return stop;  // not reached: the chunk's last max_end is >= t
}

SpanLayout SpanLayout::build(const Trace& trace) {
  SpanLayout layout;
  const SpanColumns& spans = trace.spans;
  const uint32_t n = static_cast<uint32_t>(spans.size());
  layout.depth = compute_depths(spans);
  layout.lane.assign(n, 0);
  layout.has_children.assign(n, 0);
  layout.sessions.resize(trace.sessions.size());
  for (uint32_t si = 0; si < trace.sessions.size(); ++si) {
    // Children of a span in its own session, after it in start order (the ones a collapse can hide).
    const uint32_t first = std::min(trace.sessions[si].first_span, n);
    const uint32_t last = static_cast<uint32_t>(std::min<uint64_t>(uint64_t(first) + trace.sessions[si].span_count, n));
    for (uint32_t s = first; s < last; ++s) {
      const uint32_t parent = spans.parent[s];
      if (parent >= first && parent < s) layout.has_children[parent] = 1;
    }
    build_session(trace, layout.depth, si, nullptr, layout.lane, layout.sessions[si]);
  }
  return layout;
}

}  // namespace agentreel::viewer
