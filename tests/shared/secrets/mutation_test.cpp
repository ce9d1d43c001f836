// Hostile and damaged input: the planted corpus mutated at random (bytes flipped, backslashes and quotes inserted,
// cut short) must never break the scanner's promises: findings sorted, disjoint and inside the bytes, the same
// whether scanned whole or in pieces, and a redaction of them that scans clean. A fixed seed, so a failure
// reproduces.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <string>

#include "secrets/redactor.h"
#include "test_support.h"

using namespace agentreel;
using namespace agentreel::secrets;

namespace {

std::string mutate(std::string bytes, std::mt19937_64& random) {
  static constexpr char kNasty[] = {'\\', '"', '\n', '=', ':', '-', '/', '@', '\0', '\xE2', 'A', 'Q', '~', ' '};
  const int edits = 1 + int(random() % 24);
  for (int e = 0; e < edits && !bytes.empty(); ++e) {
    const size_t at = random() % bytes.size();
    switch (random() % 4) {
      case 0: bytes[at] = char(random()); break;
      case 1: bytes.insert(at, 1, kNasty[random() % sizeof kNasty]); break;
      case 2: bytes.erase(at, 1 + random() % 16); break;
      default: bytes.insert(at, std::string(1 + random() % 8, '\\')); break;
    }
  }
  if (random() % 4 == 0) bytes.resize(random() % (bytes.size() + 1));  // cut short
  return bytes;
}

}  // namespace

TEST_CASE("mutated logs keep the scanner's promises", "[secrets]") {
  std::vector<std::string> samples;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(test::data_path("secrets/planted"))) {
    if (entry.is_regular_file()) samples.push_back(test::read_file(entry.path().string()));
  }
  REQUIRE(samples.size() == 9);
  const Scanner scanner;
  std::mt19937_64 random(19);
  for (int round = 0; round < 300; ++round) {
    const std::string bytes = mutate(samples[size_t(round) % samples.size()], random);
    INFO("round " << round);
    const std::vector<Finding> whole = scanner.find_secrets(bytes);
    for (size_t i = 0; i < whole.size(); ++i) {
      REQUIRE(whole[i].begin < whole[i].end);
      REQUIRE(whole[i].end <= bytes.size());
      if (i) REQUIRE(whole[i - 1].end <= whole[i].begin);
    }
    // In pieces, with scan passes every few KiB.
    std::vector<Finding> pieces;
    SecretStream stream(
        scanner,
        [&](uint64_t, std::string_view, std::span<const Finding> found) {
          pieces.insert(pieces.end(), found.begin(), found.end());
        },
        3000);
    const size_t chunk = 1 + random() % 5000;
    for (size_t at = 0; at < bytes.size(); at += chunk) stream.feed(std::string_view(bytes).substr(at, chunk));
    stream.finish();
    REQUIRE(pieces.size() == whole.size());
    for (size_t i = 0; i < whole.size(); ++i) {
      CHECK(pieces[i].begin == whole[i].begin);
      CHECK(pieces[i].end == whole[i].end);
      CHECK(pieces[i].rule == whole[i].rule);
    }
    // Redacted, nothing is left to find.
    PlaceholderBook book;
    std::string redacted;
    StreamRedactor redactor(scanner, book, [&](std::string_view piece) {
      redacted.append(piece);
      return Status::ok();
    });
    REQUIRE(redactor.feed(bytes).is_ok());
    REQUIRE(redactor.finish().is_ok());
    CHECK(scanner.find_secrets(redacted).empty());
  }
}
