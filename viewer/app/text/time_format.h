// Human-readable times for the viewer: durations with a unit picked by magnitude, UTC wall-clock stamps,
// and "nice" ruler steps (1, 2, 5 x 10^k ns). Pure functions: no ImGui, no platform, no locale.
#pragma once

#include <cstdint>
#include <string>

namespace agentreel::viewer {

// "850 ns", "12.3 µs", "123 ms", "12.34 s", "5 min 03 s", "2 h 05 min". Negative values get a '-'.
std::string format_duration(int64_t ns);
// The same, without spaces inside a value of minutes or hours ("1m 28s", "2h 05m"), for narrow table columns.
std::string format_duration_compact(int64_t ns);
// The same but for ordinal (step-numbered) sessions, where 1e9 ns is one step: "3 steps", "0.5 steps".
std::string format_steps(int64_t ns);
// "2025-06-01 12:34:56.789 UTC" (millisecond precision) from ns since the Unix epoch.
std::string format_utc(int64_t ns_since_epoch);
// "2025-06-01 12:34:56" (whole seconds, no zone): compact, for tables.
std::string format_utc_compact(int64_t ns_since_epoch);
// A ruler label for an offset from the session start, as precise as `step_ns` needs: "0", "1.5 s", "250 ms".
std::string format_ruler_label(double offset_ns, double step_ns);
// The smallest step in {1, 2, 5} x 10^k ns that is >= `min_step_ns` (and >= 1 ns).
double nice_time_step(double min_step_ns);

}  // namespace agentreel::viewer
