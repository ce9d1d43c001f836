// JSON.parse and JSON.stringify as JavaScript does them (shared/policy/json_parse.h, json_stringify.h): member
// order, escapes, numbers, UTF-8 handling, and error positions. Expected strings are V8's output.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>

#include "policy/js_coerce.h"
#include "policy/json_parse.h"
#include "policy/json_stringify.h"

using namespace agentreel::policy;

namespace {

std::string roundtrip(std::string_view text) {
  auto parsed = parse_json(text, "test.json");
  INFO(parsed.status().to_string());
  REQUIRE(parsed.is_ok());
  return json_stringify(parsed.value());
}

std::string parse_error(std::string_view text) {
  auto parsed = parse_json(text, "policies-config.json");
  REQUIRE_FALSE(parsed.is_ok());
  CHECK(parsed.status().code() == agentreel::ErrorCode::malformed_record);
  return parsed.status().message();
}

}  // namespace

TEST_CASE("policy json: members keep JavaScript's order, array-index keys come first, ascending", "[policy]") {
  CHECK(roundtrip(R"({"b":1,"a":2})") == R"({"b":1,"a":2})");
  CHECK(roundtrip(R"({"b":1,"2":2,"1":3,"01":4,"-1":5,"4294967295":6,"4294967294":7})") ==
        R"({"1":3,"2":2,"4294967294":7,"b":1,"01":4,"-1":5,"4294967295":6})");
  // A repeated key keeps its first place and its last value.
  CHECK(roundtrip(R"({"a":1,"b":2,"a":3})") == R"({"a":3,"b":2})");
  std::string big = "{";
  for (int i = 0; i < 40; ++i) big += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  big += "\"k3\":99}";
  CHECK(roundtrip(big).find("\"k3\":99,\"k4\"") != std::string::npos);
}

TEST_CASE("policy json: strings are escaped as JSON.stringify escapes them", "[policy]") {
  CHECK(roundtrip(R"("q\" b\\ s\/ \b\f\n\r\t")") == R"("q\" b\\ s/ \b\f\n\r\t")");
  CHECK(roundtrip(R"("\u0001\u001f\u007f")") == "\"\\u0001\\u001f\x7f\"");
  CHECK(roundtrip(R"("\u00e9\ud834\udd1e<>&")") == "\"\xc3\xa9\xf0\x9d\x84\x9e<>&\"");  // literal, not escaped
  CHECK(roundtrip(R"("\ud800")") == R"("\ud800")");         // a lone surrogate stays, escaped
  CHECK(roundtrip(R"("\uDC00x")") == R"("\udc00x")");       // lowercase hex
  CHECK(roundtrip(R"("\ud800\u0041")") == R"("\ud800A")");  // high surrogate then a non-low escape
}

TEST_CASE("policy json: numbers print as Number.prototype.toString prints them", "[policy]") {
  CHECK(roundtrip("[0,-0,1,1.0,1.5,-2.25,0.1,100,1e2,1E+2]") == "[0,0,1,1,1.5,-2.25,0.1,100,100,100]");
  CHECK(roundtrip("[1e21,1e20,123456789012345680000,1.7976931348623157e308,5e-324]") ==
        "[1e+21,100000000000000000000,123456789012345680000,1.7976931348623157e+308,5e-324]");
  CHECK(roundtrip("[0.000001,0.0000001,1.5e-7,0.1234]") == "[0.000001,1e-7,1.5e-7,0.1234]");
  CHECK(roundtrip("[9007199254740993]") == "[9007199254740992]");
  CHECK(roundtrip("[1e400]") == "[null]");  // Infinity stringifies as null
  CHECK(js_number_to_string(std::numeric_limits<double>::quiet_NaN()) == "NaN");
  CHECK(js_number_to_string(-std::numeric_limits<double>::infinity()) == "-Infinity");
}

TEST_CASE("policy json: invalid UTF-8 inside strings becomes U+FFFD, one per maximal ill-formed sequence", "[policy]") {
  auto parsed = parse_json(
      "\"a\xff"
      "b\xe2\x82"
      "c\xed\xa0\x80"
      "d\xf0\x9f\x98\x80\"",
      "x");
  REQUIRE(parsed.is_ok());
  CHECK(parsed.value().as_string() ==
        "a\xef\xbf\xbd"
        "b\xef\xbf\xbd"
        "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
        "d\xf0\x9f\x98\x80");
}

TEST_CASE("policy json: errors name the file, line and byte offset and what was expected", "[policy]") {
  CHECK(parse_error("{\n  \"a\": 1\n  \"b\": 2\n}") ==
        "policies-config.json:3: byte 13: expected ',' or '}' after an object member, found '\"'");
  CHECK(parse_error("") == "policies-config.json:1: byte 0: expected a JSON value, found the end of the input");
  CHECK(parse_error("\xef\xbb\xbf{}") ==
        "policies-config.json:1: byte 0: expected a JSON value (object, array, string, number, true, false or "
        "null), found a UTF-8 byte order mark");
  CHECK(parse_error("[1,]") ==
        "policies-config.json:1: byte 3: expected a JSON value (object, array, string, number, true, false or "
        "null), found ']'");
  CHECK(parse_error("{\"a\":01}") ==
        "policies-config.json:1: byte 6: expected ',' or '}' after an object member, found '1'");
  CHECK(parse_error("\"tab\there\"") ==
        "policies-config.json:1: byte 4: expected no raw control character in a string (escape it), found byte 0x09");
  CHECK(parse_error("{} x") ==
        "policies-config.json:1: byte 3: expected the end of the input after the JSON value, "
        "found 'x'");
  CHECK(parse_error("\"\\x\"") ==
        "policies-config.json:1: byte 2: expected one of \" \\ / b f n r t u after '\\', found 'x'");
  std::string deep(600, '[');
  CHECK(parse_error(deep).find("expected nesting no deeper than 512 levels") != std::string::npos);
}

TEST_CASE("policy json: String() and ToNumber as failproofai's unchecked parameters meet them", "[policy]") {
  auto value = [](std::string_view text) {
    auto parsed = parse_json(text, "x");
    REQUIRE(parsed.is_ok());
    return parsed.take();
  };
  CHECK(js_to_string(value("[1,null,\"a\",[2,3]]")) == "1,,a,2,3");
  CHECK(js_to_string(value("{\"a\":1}")) == "[object Object]");
  CHECK(js_to_string(value("0.5")) == "0.5");
  CHECK(js_to_number(value("\" 12 \"")) == 12);
  CHECK(js_to_number(value("\"\"")) == 0);
  CHECK(js_to_number(value("\"0x10\"")) == 16);
  CHECK(js_to_number(value("true")) == 1);
  CHECK(js_to_number(value("[7]")) == 7);
  CHECK(std::isnan(js_to_number(value("\"12px\""))));
  CHECK(std::isnan(js_to_number(value("{}"))));
  auto characters = js_iterate(value("\"a\xc3\xa9\""));
  REQUIRE(characters);
  CHECK(characters->size() == 2);
  CHECK_FALSE(js_iterate(value("5")));
}
