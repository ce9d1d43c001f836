// record_text: JSON pointers walked over raw record bytes, strings decoded, content blocks flattened, output
// capped at a character boundary.
#include "model/record_text.h"

#include <catch2/catch.hpp>

using namespace agentreel;

TEST_CASE("record_text: a JSON pointer leads to the value's source") {
  const std::string record =
      R"({"a":{"b/c":[10,{"~k":"v"}]},"message":{"content":[{"type":"tool_use","input":{"command":"ls -la"}}]}})";
  CHECK(record_json_at(record, "") == record);
  CHECK(record_json_at(record, "/a/b~1c/0") == "10");
  CHECK(record_json_at(record, "/a/b~1c/1/~0k") == "\"v\"");
  CHECK(record_json_at(record, "/message/content/0/input") == R"({"command":"ls -la"})");
  CHECK(record_text_at(record, "/message/content/0/input/command") == "ls -la");
  CHECK_FALSE(record_json_at(record, "/a/b~1c/2"));  // past the end of the array
  CHECK_FALSE(record_json_at(record, "/a/missing"));
  CHECK_FALSE(record_json_at(record, "/a/b~1c/01"));  // leading zeros are not array indices
  CHECK_FALSE(record_json_at(record, "a"));           // a pointer starts with '/'
  CHECK_FALSE(record_json_at(R"({"a":"unterminated)", "/a"));
}

TEST_CASE("record_text: strings are decoded, escapes and surrogate pairs included") {
  const std::string record = R"({"t":"line 1\nline 2 \"q\" \\ caf\u00e9 \ud83d\ude00 \u4e0d","bad":"\ud800x"})";
  CHECK(record_text_at(record, "/t") == "line 1\nline 2 \"q\" \\ caf\xC3\xA9 \xF0\x9F\x98\x80 \xE4\xB8\x8D");
  CHECK(record_text_at(record, "/bad") == "\xEF\xBF\xBDx");  // a lone surrogate becomes U+FFFD
}

TEST_CASE("record_text: content blocks read as their text, images as a placeholder") {
  const std::string record = R"({"content":[{"type":"text","text":"first"},{"type":"image","source":{}},)"
                             R"({"type":"tool_result","content":[{"type":"text","text":"nested"}]},"plain"]})";
  CHECK(record_text_at(record, "/content") == "first\n\n[image]\n\nnested\n\nplain");
  CHECK(record_text_at(R"({"n":42,"o":{"k":true}})", "/n") == "42");
  CHECK(record_text_at(R"({"n":42,"o":{"k":true}})", "/o") == R"({"k":true})");
}

TEST_CASE("record_text: output is capped at a UTF-8 character boundary") {
  const std::string record = R"({"t":"ab\u00e9cd"})";  // a, b, é (2 bytes), c, d
  CHECK(record_text_at(record, "/t", 3) == "ab");      // é does not fit whole
  CHECK(record_text_at(record, "/t", 4) == "ab\xC3\xA9");
  CHECK(record_text_at(record, "/t", 100) ==
        "ab\xC3\xA9"
        "cd");
}
