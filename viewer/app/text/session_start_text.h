// The sessions table's "Started" cells, as short as the bundle allows: the table shares a narrow column with
// the session names, so a date every row repeats is dropped (the panel title shows it once). Step-numbered
// sessions (no wall clock) show "step N" and do not take part in choosing the precision.
#pragma once

#include <string>
#include <vector>

#include "model/trace.h"

namespace agentreel::viewer {

enum class StartPrecision {
  time_of_day,  // "16:32:54": every wall-clock session starts on one UTC day
  month_day,    // "04-30 16:32": one UTC year
  full,         // "2025-04-30 16:32"
};

StartPrecision start_precision_for(const std::vector<Session>& sessions);
std::string session_start_text(const Session& session, StartPrecision precision);
// "2025-04-30" when every wall-clock session starts that UTC day, else "".
std::string shared_start_day(const std::vector<Session>& sessions);

}  // namespace agentreel::viewer
