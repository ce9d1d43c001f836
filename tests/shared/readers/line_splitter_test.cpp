// Line splitting across arbitrary chunk edges: numbers, offsets, CRLF, final line, size cap.
#include "readers/line_splitter.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using agentreel::Line;
using agentreel::LineSplitter;

namespace {

struct Seen {
  std::string text;
  uint64_t number, offset, raw_length;
  bool terminated, too_large;
};

std::vector<Seen> split(const std::string& input, size_t chunk, uint64_t cap = 1 << 20) {
  std::vector<Seen> seen;
  LineSplitter splitter(cap);
  auto handler = [&](const Line& l) {
    seen.push_back({std::string(l.text), l.number, l.offset, l.raw_length, l.terminated, l.too_large});
    return true;
  };
  for (size_t at = 0; at < input.size(); at += chunk) splitter.feed(std::string_view(input).substr(at, chunk), handler);
  splitter.finish(handler);
  return seen;
}

}  // namespace

TEST_CASE("lines keep numbers and byte offsets whatever the chunk size") {
  const std::string input = "first\r\nsecond\n\nlast-no-newline";
  for (size_t chunk : {1, 2, 3, 7, 100}) {
    INFO("chunk " << chunk);
    auto seen = split(input, chunk);
    REQUIRE(seen.size() == 4);
    CHECK(seen[0].text == "first");
    CHECK(seen[0].raw_length == 6);  // "\r" belongs to the line's raw bytes
    CHECK(seen[1].text == "second");
    CHECK(seen[1].offset == 7);
    CHECK(seen[1].number == 2);
    CHECK(seen[2].text.empty());
    CHECK(seen[3].text == "last-no-newline");
    CHECK(seen[3].offset == 15);
    CHECK_FALSE(seen[3].terminated);
  }
}

TEST_CASE("a line over the cap is reported once and not buffered") {
  const std::string input = "ok\n" + std::string(100, 'x') + "\nafter\n";
  for (size_t chunk : {1, 10, 1000}) {
    auto seen = split(input, chunk, 50);
    REQUIRE(seen.size() == 3);
    CHECK(seen[1].too_large);
    CHECK(seen[1].raw_length == 100);
    CHECK(seen[1].text.empty());
    CHECK(seen[2].text == "after");
    CHECK(seen[2].offset == 104);
  }
}
