// A session's clock from its flags (shared/model/span.h): what the viewer and `agentreel info` both read.
#include <catch2/catch.hpp>

#include "model/span.h"

using namespace agentreel;

TEST_CASE("session_clock: wall clock, step numbers, or execution time from the session flags") {
  CHECK(session_clock(0) == SessionClock::wall);
  CHECK(session_clock(kFlagClockRepaired) == SessionClock::wall);
  CHECK(session_clock(kFlagOrdinalTime) == SessionClock::steps);
  CHECK(session_clock(kFlagOrdinalTime | kFlagExecutionTime) == SessionClock::execution);
  // The execution bit means nothing without the ordinal one: such times are still wall-clock.
  CHECK(session_clock(kFlagExecutionTime) == SessionClock::wall);
}
