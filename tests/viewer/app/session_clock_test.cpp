// Which clock a session's times are on, and how lengths on it read.
#include <catch2/catch.hpp>

#include "app/session_clock.h"
#include "model/span.h"

using namespace agentreel;
using namespace agentreel::viewer;

TEST_CASE("session_clock: wall clock, step numbers, or execution time from the session flags", "[viewer]") {
  CHECK(session_clock(0) == SessionClock::wall);
  CHECK(session_clock(kFlagClockRepaired) == SessionClock::wall);
  CHECK(session_clock(kFlagOrdinalTime) == SessionClock::steps);
  CHECK(session_clock(kFlagOrdinalTime | kFlagExecutionTime) == SessionClock::execution);
  // The execution bit means nothing without the ordinal one: such times are still wall-clock.
  CHECK(session_clock(kFlagExecutionTime) == SessionClock::wall);
}

TEST_CASE("session_clock: lengths in steps only on the step clock", "[viewer]") {
  // The SWE-agent sample: 11 steps whose execution_time adds up to 3.999 s. That is not "4 steps".
  CHECK(clock_duration(SessionClock::execution, 3999127089) == "4.00 s");
  CHECK(clock_duration(SessionClock::steps, 4000000000) == "4 steps");
  CHECK(clock_duration(SessionClock::wall, 88000000000) == "1 min 28 s");
  CHECK(clock_duration_compact(SessionClock::execution, 88000000000) == "1m 28s");
  CHECK(clock_duration_compact(SessionClock::steps, 2500000000) == "2.50 steps");
  CHECK(clock_name(SessionClock::wall).empty());
  CHECK(clock_name(SessionClock::steps) == "step-numbered");
  CHECK(clock_name(SessionClock::execution) == "execution time, no wall clock");
}
