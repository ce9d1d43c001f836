// Per-array memory of an opened bundle (see hot_memory.h).
#include "app/automation/hot_memory.h"

#include "app/document.h"

namespace agentreel::viewer {

namespace {

template <typename T>
uint64_t held(const std::vector<T>& v) {
  return v.capacity() * sizeof(T);
}

}  // namespace

HotMemory hot_memory(const Document& document) {
  const Trace& trace = document.trace();
  const SpanColumns& spans = trace.spans;
  HotMemory hot;
  hot.span_columns = held(spans.start_ns) + held(spans.duration_ns) + held(spans.parent) + held(spans.name) +
                     held(spans.kind) + held(spans.status) + held(spans.flags);
  hot.record_refs = spans.begin_record.memory_bytes() + spans.end_record.memory_bytes();
  hot.attributes = trace.attributes.memory_bytes();
  hot.strings = held(trace.strings.offsets()) + trace.strings.blob().capacity();
  const SpanLayout& layout = document.layout();
  hot.layout = held(layout.depth) + held(layout.lane) + held(layout.has_children) + held(layout.sessions);
  for (const SessionLanes& lanes : layout.sessions) {
    hot.layout += held(lanes.lane_begin) + held(lanes.spans) + held(lanes.overflow_max_end) +
                  held(lanes.lane_chunk_begin) + held(lanes.chunk_max_end);
  }
  return hot;
}

}  // namespace agentreel::viewer
