// Span kinds and statuses read forward-compatibly (model/span.h, docs/bundle-format.md "SPAN"): every byte a
// newer minor version may write maps to the documented fallback.
#include "model/span.h"

#include <catch2/catch.hpp>

using namespace agentreel;

TEST_CASE("a kind this version does not know reads as event, the known ones as themselves") {
  // The table in docs/bundle-format.md: 0 agent .. 7 event.
  const char* const names[] = {"agent", "model", "tool", "hook", "error", "human", "pause", "event"};
  for (int value = 0; value < 256; ++value) {
    INFO("kind byte " << value);
    const std::string_view expected = value < 8 ? names[value] : "event";
    CHECK(span_kind_name(span_kind_from_byte(uint8_t(value))) == expected);
  }
}

TEST_CASE("an unknown status reads as error from 5 to 127 and as ok from 128 to 255") {
  const char* const names[] = {"ok", "error", "denied", "unfinished", "cancelled"};
  for (int value = 0; value < 256; ++value) {
    INFO("status byte " << value);
    const std::string_view expected = value < 5 ? names[value] : value < 128 ? "error" : "ok";
    CHECK(span_status_name(span_status_from_byte(uint8_t(value))) == expected);
  }
}
