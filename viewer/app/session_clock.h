// How a session's times read, chosen once from its flags so every panel labels time the same way: the wall
// clock (ns since the Unix epoch), step numbers (1e9 ns per step: logs without times), or the steps' own
// execution time laid end to end (SWE-agent: real durations, but no wall clock). Pure: no ImGui.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace agentreel::viewer {

enum class SessionClock { wall, steps, execution };

// From Session::flags (or a span's flags): kFlagOrdinalTime, with kFlagExecutionTime.
SessionClock session_clock(uint32_t flags);
// A length on that clock: "3 steps" / "0.5 steps" on steps, format_duration otherwise.
std::string clock_duration(SessionClock clock, int64_t ns);
// The same for narrow table cells (format_duration_compact).
std::string clock_duration_compact(SessionClock clock, int64_t ns);
// What stands where a date would on a clock without one: "step-numbered", "execution time, no wall clock";
// "" on the wall clock.
std::string_view clock_name(SessionClock clock);

}  // namespace agentreel::viewer
