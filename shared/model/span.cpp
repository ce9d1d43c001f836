// Names of span kinds and statuses, as shown in the CLI, JSON output and viewer.
#include "model/span.h"

namespace agentreel {

std::string_view span_kind_name(SpanKind kind) {
  switch (kind) {
    case SpanKind::agent: return "agent";
    case SpanKind::model: return "model";
    case SpanKind::tool: return "tool";
    case SpanKind::hook: return "hook";
    case SpanKind::error: return "error";
    case SpanKind::human: return "human";
    case SpanKind::pause: return "pause";
    case SpanKind::event: return "event";
  }
  return "unknown";
}

std::string_view span_status_name(SpanStatus status) {
  switch (status) {
    case SpanStatus::ok: return "ok";
    case SpanStatus::error: return "error";
    case SpanStatus::denied: return "denied";
    case SpanStatus::unfinished: return "unfinished";
    case SpanStatus::cancelled: return "cancelled";
  }
  return "unknown";
}

std::string_view session_clock_id(SessionClock clock) {
  switch (clock) {
    case SessionClock::steps: return "steps";
    case SessionClock::execution: return "execution_time";
    case SessionClock::wall: break;
  }
  return "wall_clock";
}

}  // namespace agentreel
