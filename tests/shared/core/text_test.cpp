// The shared text helpers: UTF-8 safe prefixes, first lines, counts with plurals, durations in words, and text
// with a terminal's control sequences removed (real OpenHands output in tests/data/openhands/v1-sdk keeps them).
#include "core/text.h"

#include <catch2/catch.hpp>
#include <string>

#include "trace_support.h"

using namespace agentreel;

TEST_CASE("utf8_prefix never cuts inside a character") {
  const std::string text =
      "ab\xE2\x82\xAC"
      "c";  // "ab€c"
  CHECK(utf8_prefix(text, 2) == "ab");
  CHECK(utf8_prefix(text, 3) == "ab");
  CHECK(utf8_prefix(text, 4) == "ab");
  CHECK(utf8_prefix(text, 5) == "ab\xE2\x82\xAC");
  CHECK(first_line("\n  \nfirst\nsecond", 100) == "first");
}

TEST_CASE("count_text and duration_words read as English") {
  CHECK(count_text(1, "match") == "1 match");
  CHECK(count_text(2, "match") == "2 matches");
  CHECK(count_text(0, "error") == "0 errors");
  CHECK(duration_words(4'900'000'000) == "4 s");
  CHECK(duration_words(429'000'000'000) == "7 min 09 s");
  CHECK(duration_words(7'500'000'000'000) == "2 h 05 min");
}

TEST_CASE("terminal controls are removed as a terminal would show the text") {
  CHECK(without_terminal_controls("\x1b[?2004lDavid: hi\r\n\x1b[?2004h") == "David: hi\n");
  CHECK(without_terminal_controls("\x1b[31mred\x1b[0m plain") == "red plain");
  CHECK(without_terminal_controls("\x1b]0;title\x07"
                                  "after") == "after");
  CHECK(without_terminal_controls("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\") == "link");
  CHECK(without_terminal_controls("10%\r50%\r100%") == "10%\n50%\n100%");
  CHECK(without_terminal_controls("tab\tkept\x07\x01") == "tab\tkept");
  CHECK(without_terminal_controls("ends with ESC\x1b") == "ends with ESC");
  CHECK(without_terminal_controls("ends in CSI\x1b[12") == "ends in CSI");
  CHECK(without_terminal_controls("\xE2\x82\xAC stays") == "\xE2\x82\xAC stays");
  // The real V1 SDK sample's bash observations carry bracketed-paste toggles: none survive.
  const std::string log = test::read_file(test::data_path("openhands/v1-sdk/output.jsonl"));
  REQUIRE(log.find("\\u001b[?2004") != std::string::npos);  // as the JSON escapes them
  const std::string decoded = "\x1b[?2004l" + std::string("output") + "\x1b[?2004h";
  CHECK(without_terminal_controls(decoded) == "output");
}
