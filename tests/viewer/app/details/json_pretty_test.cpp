// Tests of viewer/app/json_pretty: re-indentation, expanded line breaks, and refusing non-JSON.
// Pure string in, string out: no ImGui context needed.
#include "app/details/json_pretty.h"

#include <catch2/catch.hpp>

using namespace agentreel::viewer;

TEST_CASE("json_pretty: re-indents objects and arrays, keeps strings verbatim", "[viewer]") {
  std::string out;
  REQUIRE(pretty_print_json(R"({"a":1,"b":[true,null],"c":{},"d":"x,{y}:\"z\""})", out));
  CHECK(out ==
        "{\n"
        "  \"a\": 1,\n"
        "  \"b\": [\n"
        "    true,\n"
        "    null\n"
        "  ],\n"
        "  \"c\": {},\n"
        "  \"d\": \"x,{y}:\\\"z\\\"\"\n"
        "}");
  CHECK(pretty_print_json("  [1, 2]\n", out));
  CHECK(out == "[\n  1,\n  2\n]");
}

TEST_CASE("json_pretty: expand_newlines breaks strings at \\n, indented under the member", "[viewer]") {
  std::string out;
  PrettyOptions options;
  options.expand_newlines = true;
  REQUIRE(pretty_print_json(R"({"out":"a\nb\r\nc","q":"\\n stays"})", out, options));
  CHECK(out ==
        "{\n"
        "  \"out\": \"a\n"
        "    b\n"
        "    c\",\n"
        "  \"q\": \"\\\\n stays\"\n"
        "}");
}

TEST_CASE("json_pretty: refuses what is not one JSON container", "[viewer]") {
  std::string out;
  CHECK_FALSE(pretty_print_json("not json", out));
  CHECK_FALSE(pretty_print_json("{\"a\": 1", out));
  CHECK_FALSE(pretty_print_json("{\"a\": \"unterminated}", out));
  CHECK_FALSE(pretty_print_json("{\"a\": 1]", out));
  CHECK_FALSE(pretty_print_json("{} trailing", out));
  CHECK(out.empty());
}
