// The sessions table's start cells: as short as the bundle allows, step-numbered sessions apart.
#include "app/text/session_start_text.h"

#include <catch2/catch.hpp>
#include <vector>

using namespace agentreel;
using namespace agentreel::viewer;

namespace {

constexpr int64_t kSecond = 1'000'000'000;
constexpr int64_t k2025_04_30_163254 = 1746030774 * kSecond;  // 2025-04-30 16:32:54 UTC

Session wall(int64_t start_ns) {
  Session session;
  session.start_ns = start_ns;
  return session;
}

Session steps(int64_t first_step) {
  Session session;
  session.start_ns = first_step * kSecond;
  session.flags = kFlagOrdinalTime;
  return session;
}

}  // namespace

TEST_CASE("session_start_text: one day shows times, one year month-day, else the date", "[viewer]") {
  const std::vector<Session> same_day{wall(k2025_04_30_163254), wall(k2025_04_30_163254 + 3600 * kSecond)};
  CHECK(start_precision_for(same_day) == StartPrecision::time_of_day);
  CHECK(session_start_text(same_day[0], StartPrecision::time_of_day) == "16:32:54");
  CHECK(shared_start_day(same_day) == "2025-04-30");

  const std::vector<Session> same_year{wall(k2025_04_30_163254), wall(k2025_04_30_163254 + 40 * 86400 * kSecond)};
  CHECK(start_precision_for(same_year) == StartPrecision::month_day);
  CHECK(session_start_text(same_year[0], StartPrecision::month_day) == "04-30 16:32");
  CHECK(shared_start_day(same_year).empty());

  const std::vector<Session> years{wall(k2025_04_30_163254), wall(k2025_04_30_163254 + 400 * 86400 * kSecond)};
  CHECK(start_precision_for(years) == StartPrecision::full);
  CHECK(session_start_text(years[0], StartPrecision::full) == "2025-04-30 16:32");
}

TEST_CASE("session_start_text: step-numbered sessions show steps and do not widen the others", "[viewer]") {
  // OpenHands output mixes runs with timestamps and runs with only step numbers (start_ns 0 = 1970).
  const std::vector<Session> mixed{steps(0), wall(k2025_04_30_163254), steps(3),
                                   wall(k2025_04_30_163254 + 2 * 3600 * kSecond)};
  CHECK(start_precision_for(mixed) == StartPrecision::time_of_day);
  CHECK(shared_start_day(mixed) == "2025-04-30");
  CHECK(session_start_text(mixed[0], StartPrecision::time_of_day) == "step 0");
  CHECK(session_start_text(mixed[2], StartPrecision::full) == "step 3");
  CHECK(session_start_text(mixed[3], StartPrecision::time_of_day) == "18:32:54");
  // Only step-numbered sessions: no shared day to show.
  CHECK(shared_start_day({steps(0), steps(1)}).empty());
}

TEST_CASE("session_start_text: an execution-time run has no start to show", "[viewer]") {
  Session swe_agent = steps(0);
  swe_agent.flags |= kFlagExecutionTime;  // SWE-agent steps laid end to end by execution_time
  const std::vector<Session> sessions{swe_agent, wall(k2025_04_30_163254)};
  CHECK(start_precision_for(sessions) == StartPrecision::time_of_day);
  CHECK(session_start_text(swe_agent, StartPrecision::time_of_day) == "no clock");
}
