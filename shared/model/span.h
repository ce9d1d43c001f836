// The vocabulary of a trace: what a span is (kind), how it ended (status) and flags.
// Values are stored in bundles: never renumber, only append.
#pragma once

#include <cstdint>
#include <string_view>

namespace agentreel {

constexpr uint32_t kNoSpan = 0xFFFFFFFFu;  // "no parent" / "no span"

enum class SpanKind : uint8_t {
  agent = 0,  // a run or a subagent: agent_start..agent_end
  model = 1,  // a model request and its response
  tool = 2,   // a tool call and its result
  hook = 3,   // a hook / policy evaluation
  error = 4,  // an error event (instant)
  human = 5,  // waiting for a human: human_wait..human_input
  pause = 6,  // agent paused: agent_pause..agent_resume
  event = 7,  // anything else: instant events (interrupts, notices) or other work with a duration
};
constexpr int kSpanKindCount = 8;

enum class SpanStatus : uint8_t {
  ok = 0,
  error = 1,       // failed (tool error, agent failure, error event)
  denied = 2,      // a hook or policy blocked it
  unfinished = 3,  // never closed in the log; ends at the session's last event
  cancelled = 4,   // interrupted or cancelled
};
constexpr int kSpanStatusCount = 5;

// Forward compatibility (docs/bundle-format.md, "SPAN"): a later minor version may append kinds and statuses,
// and a reader that does not know one reads it as the value that keeps its meaning nearest, instead of
// refusing the bundle. An unknown kind is some other work: event. Unknown statuses 5..127 are failures
// (error), 128..255 are not (ok): a version that adds a status picks its range by that.
constexpr SpanKind span_kind_from_byte(uint8_t value) {
  return value < kSpanKindCount ? SpanKind(value) : SpanKind::event;
}
constexpr SpanStatus span_status_from_byte(uint8_t value) {
  if (value < kSpanStatusCount) return SpanStatus(value);
  return value < 128 ? SpanStatus::error : SpanStatus::ok;
}

// Bit flags, 16 bits in the bundle.
enum SpanFlag : uint16_t {
  kFlagInstant = 1u << 0,        // a point event, duration 0 by nature
  kFlagUnpairedEnd = 1u << 1,    // an end record whose start never appeared
  kFlagClockRepaired = 1u << 2,  // start/end adjusted (negative duration, child outside parent)
  kFlagOrdinalTime = 1u << 3,    // no wall clock: times count from the run's start, in steps (1e9 ns each)...
  kFlagExecutionTime = 1u << 4,  // ...or, with this bit too, in each step's own run time laid end to end
};
// The flags a session takes from its spans: how its times are to be read.
constexpr uint16_t kSessionClockFlags = kFlagOrdinalTime | kFlagExecutionTime;
// Those flags read as one of three clocks: the wall clock (ns since the Unix epoch), step numbers (1e9 ns per
// step), or the steps' own execution time laid end to end (real durations, no time of day).
enum class SessionClock { wall, steps, execution };
constexpr SessionClock session_clock(uint32_t flags) {
  if (!(flags & kFlagOrdinalTime)) return SessionClock::wall;
  return (flags & kFlagExecutionTime) ? SessionClock::execution : SessionClock::steps;
}
// The clock's name in machine-readable output: "wall_clock", "steps", "execution_time" (`info --json`).
std::string_view session_clock_id(SessionClock clock);

std::string_view span_kind_name(SpanKind kind);
std::string_view span_status_name(SpanStatus status);

}  // namespace agentreel
