// Timestamps of the generated events (UTC), on the calendar arithmetic of shared/core/civil_date.h.
// Formatting writes fixed-width digits directly; no strftime, no locale.
#include "agenteye_gen/timestamp.h"

#include "core/civil_date.h"

namespace agentreel::gen {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

void append_digits(std::string& out, int64_t value, int width) {
  char digits[12];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits, static_cast<size_t>(width));
}

}  // namespace

Micros micros_from_utc(int year, int month, int day, int hour, int minute, int second) {
  const int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return ((days * kSecondsPerDay) + hour * 3600 + minute * 60 + second) * kMicrosPerSecond;
}

void append_rfc3339_micros(std::string& out, Micros time) {
  int64_t seconds = time / kMicrosPerSecond;
  int64_t micros = time % kMicrosPerSecond;
  if (micros < 0) {
    micros += kMicrosPerSecond;
    --seconds;
  }
  int64_t days = seconds / kSecondsPerDay;
  int64_t second_of_day = seconds % kSecondsPerDay;
  if (second_of_day < 0) {
    second_of_day += kSecondsPerDay;
    --days;
  }
  int64_t year = 0;
  unsigned month = 0, day = 0;
  civil_from_days(days, year, month, day);
  append_digits(out, year, 4);
  out.push_back('-');
  append_digits(out, month, 2);
  out.push_back('-');
  append_digits(out, day, 2);
  out.push_back('T');
  append_digits(out, second_of_day / 3600, 2);
  out.push_back(':');
  append_digits(out, second_of_day / 60 % 60, 2);
  out.push_back(':');
  append_digits(out, second_of_day % 60, 2);
  out.push_back('.');
  append_digits(out, micros, 6);
  out.push_back('Z');
}

}  // namespace agentreel::gen
