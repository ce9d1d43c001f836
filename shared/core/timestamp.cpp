// RFC 3339 parsing and formatting on integer arithmetic (civil-from-days after H. Hinnant).
#include "core/timestamp.h"

#include <cstdio>

#include "core/civil_date.h"

namespace agentreel {
namespace {

bool digits(std::string_view text, size_t pos, size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<int64_t> parse_rfc3339_ns(std::string_view text) {
  int year, month, day, hour, minute, second;
  if (!digits(text, 0, 4, year) || text.size() < 19 || text[4] != '-' || !digits(text, 5, 2, month) || text[7] != '-' ||
      !digits(text, 8, 2, day) || (text[10] != 'T' && text[10] != 't' && text[10] != ' ') ||
      !digits(text, 11, 2, hour) || text[13] != ':' || !digits(text, 14, 2, minute) || text[16] != ':' ||
      !digits(text, 17, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  size_t pos = 19;
  int64_t fraction_ns = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int64_t scale = 100000000;
    const size_t first = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      fraction_ns += (text[pos] - '0') * scale;  // digits past the 9th are dropped (sub-ns)
      scale /= 10;
      ++pos;
    }
    if (pos == first) return std::nullopt;
  }
  int64_t offset_seconds = 0;
  if (pos < text.size()) {
    const char zone = text[pos];
    if (zone == 'Z' || zone == 'z') {
      ++pos;
    } else if (zone == '+' || zone == '-') {
      int oh, om;
      if (!digits(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
          !digits(text, pos + 4, 2, om) || oh > 23 || om > 59) {
        return std::nullopt;
      }
      offset_seconds = (oh * 3600 + om * 60) * (zone == '-' ? -1 : 1);
      pos += 6;
    }
  }
  if (pos != text.size()) return std::nullopt;
  const int64_t days = days_from_civil(year, unsigned(month), unsigned(day));
  const int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  // int64 ns covers 1677..2262; outside that the timestamp is refused rather than wrapped.
  if (seconds > 9223372035LL || seconds < -9223372035LL) return std::nullopt;
  return seconds * 1000000000LL + fraction_ns;
}

std::string format_rfc3339_ns(int64_t ns) {
  int64_t seconds = ns / 1000000000LL;
  int64_t fraction = ns % 1000000000LL;
  if (fraction < 0) {
    fraction += 1000000000LL;
    seconds -= 1;
  }
  int64_t days = seconds / 86400;
  int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    days -= 1;
  }
  int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%09lldZ", (long long)y, m, d,
                (long long)(rest / 3600), (long long)(rest / 60 % 60), (long long)(rest % 60), (long long)fraction);
  return buffer;
}

}  // namespace agentreel
