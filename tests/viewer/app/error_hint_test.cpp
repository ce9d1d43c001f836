// The error screen's hint follows the failure: a path that cannot be read, a file that is not a bundle, a
// damaged bundle and one from a newer agentreel each get their own advice.
#include "app/error_hint.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace agentreel;
using agentreel::viewer::error_hint;

TEST_CASE("error_hint gives each kind of failure its own advice", "[viewer]") {
  const std::string io(error_hint(ErrorCode::io));
  const std::string not_a_bundle(error_hint(ErrorCode::not_a_bundle));
  const std::string damaged(error_hint(ErrorCode::checksum_mismatch));
  const std::string newer(error_hint(ErrorCode::unsupported_version));
  CHECK(io.find("check the path") != std::string::npos);
  CHECK(not_a_bundle.find("agentreel convert LOG -o run.reel") != std::string::npos);
  CHECK(damaged.find("agentreel verify") != std::string::npos);
  CHECK(newer.find("newer agentreel") != std::string::npos);
  CHECK(std::set<std::string>{io, not_a_bundle, damaged, newer}.size() == 4);
  // Every way a bundle can be damaged reads as damage.
  for (ErrorCode code : {ErrorCode::truncated, ErrorCode::corrupt_structure, ErrorCode::decompress_failed}) {
    CHECK(error_hint(code) == damaged);
  }
  CHECK(error_hint(ErrorCode::limit_exceeded).find("docs/limits.md") != std::string_view::npos);
  CHECK(error_hint(ErrorCode::out_of_memory).find("native viewer") != std::string_view::npos);
}
