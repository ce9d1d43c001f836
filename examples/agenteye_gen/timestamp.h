// Microsecond clock values of the generator and their RFC 3339 form: "2026-03-04T10:15:02.123456Z".
// UTC only, exactly six fractional digits; no time-zone database, no locale.
#pragma once

#include <cstdint>
#include <string>

namespace agentreel::gen {

using Micros = int64_t;  // microseconds since 1970-01-01T00:00:00Z

constexpr Micros kMicrosPerMilli = 1000;
constexpr Micros kMicrosPerSecond = 1000 * kMicrosPerMilli;

Micros micros_from_utc(int year, int month, int day, int hour, int minute, int second);
void append_rfc3339_micros(std::string& out, Micros time);

}  // namespace agentreel::gen
