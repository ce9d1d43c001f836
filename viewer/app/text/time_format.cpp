// Time formatting for the viewer (see time_format.h). Uses only integer calendar arithmetic, so the
// output is the same natively and in the browser whatever the machine's time zone or locale.
#include "app/text/time_format.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/civil_date.h"

namespace agentreel::viewer {
namespace {

std::string printf_string(const char* format, double a, double b = 0) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, a, b);
  return buffer;
}

// Three significant digits for values in [1, 1000).
std::string three_digits(double value, const char* unit) {
  const char* format = value < 9.995 ? "%.2f %s" : value < 99.95 ? "%.1f %s" : "%.0f %s";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value, unit);
  return buffer;
}

// format_duration's body; `compact` drops the spaces inside minutes and hours ("1m 28s" for "1 min 28 s").
std::string duration_text(int64_t ns, bool compact) {
  if (ns < 0) {
    std::string negative(1, '-');  // (not "-" + string: GCC 12 warns falsely about that)
    negative += duration_text(ns == INT64_MIN ? INT64_MAX : -ns, compact);
    return negative;
  }
  if (ns < 1000) return std::to_string(ns) + " ns";
  if (ns < 999'500) return three_digits(ns / 1e3, "\xC2\xB5s");
  if (ns < 999'500'000) return three_digits(ns / 1e6, "ms");
  if (ns < 59'995'000'000) return printf_string("%.2f s", ns / 1e9);
  const int64_t total_s = ns / 1'000'000'000;
  if (total_s < 3600) {
    return printf_string(compact ? "%.0fm %02.0fs" : "%.0f min %02.0f s", double(total_s / 60), double(total_s % 60));
  }
  const int64_t total_min = total_s / 60;
  return printf_string(compact ? "%.0fh %02.0fm" : "%.0f h %02.0f min", double(total_min / 60), double(total_min % 60));
}

}  // namespace

std::string format_duration(int64_t ns) { return duration_text(ns, false); }

std::string format_duration_compact(int64_t ns) { return duration_text(ns, true); }

std::string format_steps(int64_t ns) {
  const double steps = ns / 1e9;
  // Two decimals, and none when they would read .00 (3.998 steps shows as "4 steps", not "4.00 steps").
  if (std::fabs(steps - std::round(steps)) < 0.005) {
    const int64_t whole = static_cast<int64_t>(std::llround(steps));
    return std::to_string(whole) + (whole == 1 ? " step" : " steps");
  }
  return printf_string("%.2f steps", steps);
}

std::string format_utc_compact(int64_t ns) {
  std::string full = format_utc(ns);
  return full.substr(0, 19);
}

std::string format_utc(int64_t ns) {
  int64_t seconds = ns / 1'000'000'000;
  int64_t rem_ns = ns % 1'000'000'000;
  if (rem_ns < 0) {
    rem_ns += 1'000'000'000;
    seconds -= 1;
  }
  int64_t days = seconds / 86400;
  int64_t second_of_day = seconds % 86400;
  if (second_of_day < 0) {
    second_of_day += 86400;
    days -= 1;
  }
  int64_t year = 0;
  unsigned month = 0, day = 0;
  civil_from_days(days, year, month, day);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u %02d:%02d:%02d.%03d UTC", static_cast<long long>(year), month,
                day, static_cast<int>(second_of_day / 3600), static_cast<int>(second_of_day / 60 % 60),
                static_cast<int>(second_of_day % 60), static_cast<int>(rem_ns / 1'000'000));
  return buffer;
}

double nice_time_step(double min_step_ns) {
  if (!(min_step_ns > 1)) return 1;
  // From a second up, steps a clock reader expects: 1, 2, 5, 10, 15, 30 s; 1, 2, 5, 10, 15, 30 min;
  // 1, 2, 3, 6, 12 h; then whole days 1, 2, 5, 10, ...
  static constexpr double kClockSteps[] = {1e9,   2e9,   5e9,    10e9,   15e9,   30e9,    60e9,    120e9,  300e9,
                                           600e9, 900e9, 1800e9, 3600e9, 7200e9, 10800e9, 21600e9, 43200e9};
  if (min_step_ns > 5e8) {
    for (double step : kClockSteps) {
      if (step >= min_step_ns * (1 - 1e-9)) return step;
    }
    const double days = min_step_ns / 86400e9;
    const double magnitude = std::pow(10.0, std::floor(std::log10(days)));
    for (double factor : {1.0, 2.0, 5.0, 10.0}) {
      if (factor * magnitude >= days * (1 - 1e-9)) return factor * magnitude * 86400e9;
    }
  }
  const double magnitude = std::pow(10.0, std::floor(std::log10(min_step_ns)));
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    if (factor * magnitude >= min_step_ns * (1 - 1e-9)) return factor * magnitude;
  }
  return 10 * magnitude;
}

std::string format_ruler_label(double offset_ns, double step_ns) {
  if (std::fabs(offset_ns) < step_ns * 1e-6) return "0";
  char buffer[64];
  // Steps of whole minutes: "45 min", "1 h 30 min", "2 h", "3 d 6 h".
  if (step_ns >= 60e9 && std::fmod(step_ns, 60e9) == 0) {
    const long long total_min = std::llround(offset_ns / 60e9);
    const long long sign = total_min < 0 ? -1 : 1;
    const long long m = total_min * sign;
    const char* minus = sign < 0 ? "-" : "";
    if (m < 60) {
      std::snprintf(buffer, sizeof buffer, "%s%lld min", minus, m);
    } else if (m < 48 * 60) {
      if (m % 60 == 0)
        std::snprintf(buffer, sizeof buffer, "%s%lld h", minus, m / 60);
      else
        std::snprintf(buffer, sizeof buffer, "%s%lld h %02lld min", minus, m / 60, m % 60);
    } else {
      const long long h = m / 60;
      if (h % 24 == 0)
        std::snprintf(buffer, sizeof buffer, "%s%lld d", minus, h / 24);
      else
        std::snprintf(buffer, sizeof buffer, "%s%lld d %lld h", minus, h / 24, h % 24);
    }
    return buffer;
  }
  // Otherwise the largest of s, ms, µs, ns that the offset reaches, with as many decimals as the step needs.
  struct Unit {
    double ns;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{1e9, "s"}, {1e6, "ms"}, {1e3, "\xC2\xB5s"}, {1, "ns"}};
  const double magnitude = std::fabs(offset_ns);
  const Unit* unit = &kUnits[3];
  for (const Unit& candidate : kUnits) {
    if (magnitude >= candidate.ns) {
      unit = &candidate;
      break;
    }
  }
  const double step_in_unit = step_ns / unit->ns;
  int decimals = 0;
  while (decimals < 6) {
    const double scaled = step_in_unit * std::pow(10.0, decimals);
    if (std::fabs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) break;
    ++decimals;
  }
  std::snprintf(buffer, sizeof buffer, "%.*f %s", decimals, offset_ns / unit->ns, unit->name);
  return buffer;
}

}  // namespace agentreel::viewer
