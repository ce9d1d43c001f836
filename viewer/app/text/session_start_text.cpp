// Short start times for the sessions table (see session_start_text.h).
#include "app/text/session_start_text.h"

#include "app/text/time_format.h"

namespace agentreel::viewer {
namespace {

bool has_wall_clock(const Session& session) { return session_clock(session.flags) == SessionClock::wall; }

// The first `chars` characters of "YYYY-MM-DD HH:MM:SS" agree for every wall-clock session.
bool starts_agree(const std::vector<Session>& sessions, size_t chars) {
  std::string first;
  for (const Session& session : sessions) {
    if (!has_wall_clock(session)) continue;
    const std::string prefix = format_utc_compact(session.start_ns).substr(0, chars);
    if (first.empty()) first = prefix;
    if (prefix != first) return false;
  }
  return true;
}

}  // namespace

StartPrecision start_precision_for(const std::vector<Session>& sessions) {
  if (starts_agree(sessions, 10)) return StartPrecision::time_of_day;
  if (starts_agree(sessions, 4)) return StartPrecision::month_day;
  return StartPrecision::full;
}

std::string session_start_text(const Session& session, StartPrecision precision) {
  if (!has_wall_clock(session)) {
    // An execution-time run starts at 0 s of its own time: no start to show.
    if (session_clock(session.flags) == SessionClock::execution) return "no clock";
    return "step " + std::to_string(session.start_ns / 1'000'000'000);
  }
  const std::string text = format_utc_compact(session.start_ns);  // "YYYY-MM-DD HH:MM:SS"
  switch (precision) {
    case StartPrecision::time_of_day: return text.substr(11);
    case StartPrecision::month_day: return text.substr(5, 11);
    case StartPrecision::full: return text.substr(0, 16);
  }
  return text;
}

std::string shared_start_day(const std::vector<Session>& sessions) {
  if (!starts_agree(sessions, 10)) return {};
  for (const Session& session : sessions) {
    if (has_wall_clock(session)) return format_utc_compact(session.start_ns).substr(0, 10);
  }
  return {};
}

}  // namespace agentreel::viewer
