// The stored input path rule (bundle/input_path.h): what export and verify accept, and why they refuse the rest.
#include "bundle/input_path.h"

#include <catch2/catch.hpp>

using namespace agentreel;

TEST_CASE("stored input paths: relative and /-separated, without empty, '.' or '..' components") {
  for (const char* safe : {"run.jsonl", "logs/a/b.jsonl", "..hidden", "a..b/c", ".config/x", "a\\..\\b"}) {
    INFO(safe);
    CHECK(unsafe_input_path_reason(safe).empty());
  }
  const std::pair<std::string, std::string> unsafe[] = {
      {"", "is empty"},
      {"/etc/passwd", "is absolute"},
      {"../escape.jsonl", "has a '..' component"},
      {"logs/../../escape", "has a '..' component"},
      {"logs/..", "has a '..' component"},
      {"./run.jsonl", "has a '.' component"},
      {"logs//run.jsonl", "has an empty component"},
      {"logs/", "has an empty component"},
      {std::string("a\0b", 3), "holds a NUL byte"},
  };
  for (const auto& [path, reason] : unsafe) {
    INFO(path);
    CHECK(unsafe_input_path_reason(path) == reason);
  }
}
