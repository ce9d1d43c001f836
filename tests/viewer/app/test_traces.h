// A one-session Trace built directly from (start, duration, parent, kind) tuples, so the viewer's tests
// exercise layout and preprocess without a bundle, a window or an ImGui context.
#pragma once

#include <algorithm>
#include <vector>

#include "model/trace.h"

namespace agentreel::viewer::testing {

struct SpanSpec {
  int64_t start;
  int64_t duration;
  uint32_t parent = kNoSpan;
  SpanKind kind = SpanKind::tool;
};

// One session holding `specs` (already in start order).
inline Trace make_trace(const std::vector<SpanSpec>& specs) {
  Trace trace;
  trace.spans.resize(specs.size());
  int64_t end = 0;
  for (size_t i = 0; i < specs.size(); ++i) {
    trace.spans.start_ns[i] = specs[i].start;
    trace.spans.duration_ns[i] = specs[i].duration;
    trace.spans.parent[i] = specs[i].parent;
    trace.spans.kind[i] = specs[i].kind;
    trace.spans.status[i] = SpanStatus::ok;
    end = std::max(end, specs[i].start + specs[i].duration);
  }
  Session session;
  session.first_span = 0;
  session.span_count = static_cast<uint32_t>(specs.size());
  session.start_ns = specs.empty() ? 0 : specs[0].start;
  session.end_ns = end;
  trace.sessions.push_back(session);
  return trace;
}

}  // namespace agentreel::viewer::testing
