// Session clocks (see session_clock.h).
#include "app/text/session_clock.h"

#include "app/text/time_format.h"

namespace agentreel::viewer {

std::string clock_duration(SessionClock clock, int64_t ns) {
  return clock == SessionClock::steps ? format_steps(ns) : format_duration(ns);
}

std::string clock_duration_compact(SessionClock clock, int64_t ns) {
  return clock == SessionClock::steps ? format_steps(ns) : format_duration_compact(ns);
}

std::string_view clock_label(SessionClock clock) {
  switch (clock) {
    case SessionClock::steps: return "step-numbered";
    case SessionClock::execution: return "execution time, no wall clock";
    case SessionClock::wall: break;
  }
  return {};
}

}  // namespace agentreel::viewer
