// Lanes for the Chrome trace export: each span of a session gets a lane (a thread) where it nests properly, so
// every lane is a stack of complete events, as trace viewers require (a child inside its parent, siblings one
// after another). Spans that overlap without nesting (parallel tool calls, concurrent subagents) go to other lanes.
// Pure function over the span columns.
#pragma once

#include <cstdint>
#include <vector>

#include "model/trace.h"

namespace agentreel {

// Lane of each span of the session (element i is span first_span + i), 0-based; a span takes its parent's lane
// when it nests there, else the first lane where it does. Spans must be in the bundle's order (by start, a
// parent before its children).
std::vector<uint32_t> assign_chrome_lanes(const Trace& trace, uint32_t session);

}  // namespace agentreel
