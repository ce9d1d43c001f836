// How lengths and starts read on a session's clock (SessionClock, shared/model/span.h), so every panel labels
// time the same way. Pure: no ImGui.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/span.h"

namespace agentreel::viewer {

// A length on that clock: "3 steps" / "0.5 steps" on steps, format_duration otherwise.
std::string clock_duration(SessionClock clock, int64_t ns);
// The same for narrow table cells (format_duration_compact).
std::string clock_duration_compact(SessionClock clock, int64_t ns);
// What stands where a date would on a clock without one: "step-numbered", "execution time, no wall clock";
// "" on the wall clock.
std::string_view clock_label(SessionClock clock);

}  // namespace agentreel::viewer
