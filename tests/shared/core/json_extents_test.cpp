// json_extents: value ranges (complete and truncated text) and the first syntax error's position.
#include "core/json_extents.h"

#include <catch2/catch.hpp>

using namespace agentreel::json_extents;

TEST_CASE("json_extents: members and elements are exact byte ranges") {
  const std::string_view text = R"( {"a": [1, {"b": "x\"]}"}, []], "c" : "d\\", "e":null} )";
  const auto members = object_members(text, 0);
  REQUIRE(members.size() == 3);
  CHECK(members[0].key == "a");
  CHECK(text.substr(members[0].value.begin, members[0].value.size()) == R"([1, {"b": "x\"]}"}, []])");
  CHECK(members[1].key == "c");
  CHECK(text.substr(members[1].value.begin, members[1].value.size()) == R"("d\\")");
  CHECK(text.substr(members[2].value.begin, members[2].value.size()) == "null");
  const auto elements = array_elements(text, members[0].value.begin);
  REQUIRE(elements.size() == 3);
  CHECK(text.substr(elements[1].begin, elements[1].size()) == R"({"b": "x\"]}"})");
  CHECK(text.substr(elements[2].begin, elements[2].size()) == "[]");
  CHECK(find_member(members, "e") == &members[2]);
  CHECK(find_member(members, "z") == nullptr);
  CHECK(value_end(text, 0) == text.size() - 1);
}

TEST_CASE("json_extents: truncated text reports what it saw") {
  const std::string_view text = R"({"id": 1, "history": [{"k": 1}, {"k": "unfinished)";
  const auto members = object_members(text, 0);
  REQUIRE(members.size() == 2);
  CHECK(members[0].value.complete());
  CHECK_FALSE(members[1].value.complete());
  const auto elements = array_elements(text, members[1].value.begin);
  REQUIRE(elements.size() == 2);
  CHECK(elements[0].complete());
  CHECK_FALSE(elements[1].complete());
  CHECK(object_members("", 0).empty());
  CHECK(object_members("[1]", 0).empty());
  CHECK(array_elements("{", 0).empty());
}

TEST_CASE("json_extents: the first syntax error is located") {
  CHECK_FALSE(find_syntax_error(R"( {"a": [1, -2.5e+3, true, false, null, "\u00e9\n", {}], "b": {"c": []}} )"));
  CHECK_FALSE(find_syntax_error("\"caf\xC3\xA9\""));

  const auto at = [](std::string_view text) {
    auto error = find_syntax_error(text);
    return error ? int64_t(error->offset) : int64_t(-1);
  };
  CHECK(at("") == 0);
  CHECK(at("{\"a\" 1}") == 5);  // expected ':'
  CHECK(at("{\"a\": 1 \"b\": 2}") == 8);
  CHECK(at("[1, ]") == 4);
  CHECK(at("[01]") == 2);  // no leading zeros
  CHECK(at("[1.]") == 3);
  CHECK(at("{\"a\": tru}") == 6);
  CHECK(at("{} x") == 3);        // trailing garbage
  CHECK(at("[\"a\\x\"]") == 3);  // bad escape
  CHECK(at("[\"\\u12G4\"]") == 6);
  CHECK(at("[\"a\tb\"]") == 3);          // raw control character
  CHECK(at("[\"\xC3\x28\"]") == 2);      // bad UTF-8
  CHECK(at("[\"\xED\xA0\x80\"]") == 2);  // UTF-16 surrogate in UTF-8
  CHECK(at("{\"a\": [1, 2") == 11);      // ends early
  CHECK(find_syntax_error("{\"a\": [1, 2")->expected.find("ends early") != std::string::npos);
  CHECK(at("[\"open") == 6);
  CHECK(line_of("a\nb\nc", 4) == 3);
  CHECK(line_of("abc", 0) == 1);
}
