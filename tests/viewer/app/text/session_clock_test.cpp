// How lengths on a session's clock read, and what stands in for a date without a wall clock.
#include "app/text/session_clock.h"

#include <catch2/catch.hpp>

using namespace agentreel;
using namespace agentreel::viewer;

TEST_CASE("session_clock: lengths in steps only on the step clock", "[viewer]") {
  // The SWE-agent sample: 11 steps whose execution_time adds up to 3.999 s. That is not "4 steps".
  CHECK(clock_duration(SessionClock::execution, 3999127089) == "4.00 s");
  CHECK(clock_duration(SessionClock::steps, 4000000000) == "4 steps");
  CHECK(clock_duration(SessionClock::wall, 88000000000) == "1 min 28 s");
  CHECK(clock_duration_compact(SessionClock::execution, 88000000000) == "1m 28s");
  CHECK(clock_duration_compact(SessionClock::steps, 2500000000) == "2.50 steps");
  CHECK(clock_label(SessionClock::wall).empty());
  CHECK(clock_label(SessionClock::steps) == "step-numbered");
  CHECK(clock_label(SessionClock::execution) == "execution time, no wall clock");
}
