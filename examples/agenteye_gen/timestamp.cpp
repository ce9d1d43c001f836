// Civil-date conversion after Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, UTC).
// Formatting writes fixed-width digits directly; no strftime, no locale.
#include "agenteye_gen/timestamp.h"

namespace agentreel::gen {
namespace {

constexpr int64_t kSecondsPerDay = 86400;

int64_t days_from_civil(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const unsigned year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<int64_t>(day_of_era) - 719468;
}

void civil_from_days(int64_t days, int64_t& year, unsigned& month, unsigned& day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned month_index = (5 * day_of_year + 2) / 153;
  day = day_of_year - (153 * month_index + 2) / 5 + 1;
  month = month_index < 10 ? month_index + 3 : month_index - 9;
  year = static_cast<int64_t>(year_of_era) + era * 400 + (month <= 2);
}

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
