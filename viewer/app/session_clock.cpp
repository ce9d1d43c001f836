// Session clocks (see session_clock.h).
#include "app/session_clock.h"

#include "app/time_format.h"
#include "model/span.h"

namespace agentreel::viewer {

SessionClock session_clock(uint32_t flags) {
  if (!(flags & kFlagOrdinalTime)) return SessionClock::wall;
  return (flags & kFlagExecutionTime) ? SessionClock::execution : SessionClock::steps;
}

std::string clock_duration(SessionClock clock, int64_t ns) {
  return clock == SessionClock::steps ? format_steps(ns) : format_duration(ns);
}

std::string clock_duration_compact(SessionClock clock, int64_t ns) {
  return clock == SessionClock::steps ? format_steps(ns) : format_duration_compact(ns);
}

std::string_view clock_name(SessionClock clock) {
  switch (clock) {
    case SessionClock::steps:
      return "step-numbered";
    case SessionClock::execution:
      return "execution time, no wall clock";
    case SessionClock::wall:
      break;
  }
  return {};
}

}  // namespace agentreel::viewer
