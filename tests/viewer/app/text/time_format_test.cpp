// Tests of viewer/app/time_format: durations, UTC stamps, ruler steps and labels.
// The same output is expected natively and in the browser (no locale or time zone involved).
#include "app/text/time_format.h"

#include <catch2/catch.hpp>

using namespace agentreel::viewer;

TEST_CASE("time_format: durations pick a unit by magnitude", "[viewer]") {
  CHECK(format_duration(0) == "0 ns");
  CHECK(format_duration(850) == "850 ns");
  CHECK(format_duration(12'300) == "12.3 \xC2\xB5s");
  CHECK(format_duration(123'400'000) == "123 ms");
  CHECK(format_duration(1'500'000'000) == "1.50 s");
  CHECK(format_duration(305'000'000'000) == "5 min 05 s");
  CHECK(format_duration(7'500'000'000'000) == "2 h 05 min");
  CHECK(format_duration(-2'000'000) == "-2.00 ms");
  CHECK(format_steps(3'000'000'000) == "3 steps");
  CHECK(format_steps(1'000'000'000) == "1 step");
  CHECK(format_steps(3'998'000'000) == "4 steps");  // not "4.00 steps"
  CHECK(format_duration_compact(88'000'000'000) == "1m 28s");
  CHECK(format_duration_compact(7'500'000'000'000) == "2h 05m");
  CHECK(format_duration_compact(4'200'000'000) == format_duration(4'200'000'000));
  CHECK(format_steps(1'004'000'000) == "1 step");
  CHECK(format_steps(690'000'000) == "0.69 steps");
  CHECK(format_steps(2'994'000'000) == "2.99 steps");
}

TEST_CASE("time_format: UTC stamps and ruler steps", "[viewer]") {
  CHECK(format_utc(0) == "1970-01-01 00:00:00.000 UTC");
  CHECK(format_utc(1'772'618'400'123'000'000) == "2026-03-04 10:00:00.123 UTC");
  CHECK(format_utc(-1'000'000) == "1969-12-31 23:59:59.999 UTC");
  CHECK(format_utc_compact(1'772'618'400'123'000'000) == "2026-03-04 10:00:00");
  CHECK(nice_time_step(0.3) == 1);
  CHECK(nice_time_step(3) == 5);
  CHECK(nice_time_step(120) == 200);
  CHECK(nice_time_step(6e8) == 1e9);
  CHECK(nice_time_step(11e9) == 15e9);
  CHECK(nice_time_step(2000e9) == 3600e9);
  CHECK(nice_time_step(50000e9) == 86400e9);
  CHECK(nice_time_step(3 * 86400e9) == 5 * 86400e9);
  CHECK(format_ruler_label(0, 1e9) == "0");
  CHECK(format_ruler_label(1.5e9, 5e8) == "1.5 s");
  CHECK(format_ruler_label(250e6, 50e6) == "250 ms");
  CHECK(format_ruler_label(120e9, 60e9) == "2 min");
  CHECK(format_ruler_label(5400e9, 1800e9) == "1 h 30 min");
  CHECK(format_ruler_label(7200e9, 3600e9) == "2 h");
  CHECK(format_ruler_label(3 * 86400e9 + 6 * 3600e9, 21600e9) == "3 d 6 h");
  CHECK(format_ruler_label(1.002e9, 1e6) == "1.002 s");
  CHECK(format_ruler_label(500e6, 500e6) == "500 ms");
}
