// RFC 3339 parsing: zones, fractions, bad input, and the int64-ns range edges.
#include "core/timestamp.h"

#include <catch2/catch.hpp>

using agentreel::format_rfc3339_ns;
using agentreel::parse_rfc3339_ns;

TEST_CASE("RFC 3339 timestamps parse to ns since the epoch") {
  CHECK(parse_rfc3339_ns("1970-01-01T00:00:00Z") == 0);
  CHECK(parse_rfc3339_ns("1970-01-01T00:00:01.5Z") == 1500000000);
  CHECK(parse_rfc3339_ns("2026-03-04T10:15:02.123456Z") == 1772619302123456000LL);
  CHECK(parse_rfc3339_ns("2026-03-04T12:15:02.123456+02:00") == 1772619302123456000LL);
  CHECK(parse_rfc3339_ns("2026-03-04 10:15:02.123456789") == 1772619302123456789LL);  // no zone: UTC
  CHECK(parse_rfc3339_ns("1969-12-31T23:59:59Z") == -1000000000LL);
}

TEST_CASE("malformed timestamps are refused, not guessed") {
  for (const char* bad : {"", "bogus", "2026-13-01T00:00:00Z", "2026-03-04T25:00:00Z", "2026-03-04T10:15:02.Z",
                          "2026-03-04T10:15:02Zjunk", "2026-03-04", "9999-12-31T23:59:59Z"}) {
    INFO(bad);
    CHECK_FALSE(parse_rfc3339_ns(bad).has_value());
  }
}

TEST_CASE("formatting round-trips") {
  for (int64_t ns : {0LL, 1772619302123456789LL, -1LL, 86399999999999LL}) {
    INFO(ns);
    CHECK(parse_rfc3339_ns(format_rfc3339_ns(ns)) == ns);
  }
}
