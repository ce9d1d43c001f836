// Recall on the planted corpus (tests/data/secrets/, made by plant.py from copies of real samples in every format
// agentreel reads): every planted secret is found with exactly the range, rule, encoding and value plant.py
// computed, nothing else is, and feeding the bytes in chunks of any size changes nothing.
#include <catch2/catch.hpp>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/base64.h"
#include "secrets/secret_stream.h"
#include "test_support.h"

using namespace agentreel;
using namespace agentreel::secrets;

namespace {

struct Expected {
  uint64_t begin = 0, end = 0;
  std::string rule, kind, label, encoding;
  uint32_t decoded_begin = 0, decoded_end = 0;
  std::string value;
};

std::string decode_base64(const std::string& text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  Base64Decoder decoder;
  const int64_t made = decoder.feed(text, reinterpret_cast<uint8_t*>(out.data()));
  REQUIRE(made >= 0);
  out.resize(size_t(made));
  return out;
}

// expected.tsv by file.
std::map<std::string, std::vector<Expected>> read_expected() {
  std::map<std::string, std::vector<Expected>> by_file;
  std::istringstream lines(test::read_file(test::data_path("secrets/expected.tsv")));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> cols;
    std::istringstream fields(line);
    for (std::string col; std::getline(fields, col, '\t');) cols.push_back(col);
    REQUIRE(cols.size() == 10);
    by_file[cols[0]].push_back({std::stoull(cols[1]), std::stoull(cols[2]), cols[3], cols[4], cols[5], cols[6],
                                uint32_t(std::stoul(cols[7])), uint32_t(std::stoul(cols[8])), decode_base64(cols[9])});
  }
  return by_file;
}

void check_matches(const std::vector<Finding>& found, const std::vector<Expected>& expected) {
  REQUIRE(found.size() == expected.size());
  for (size_t i = 0; i < found.size(); ++i) {
    const Finding& f = found[i];
    const Expected& e = expected[i];
    INFO("finding " << i << " expected " << e.rule << " at " << e.begin);
    CHECK(f.begin == e.begin);
    CHECK(f.end == e.end);
    CHECK(std::string(f.rule->id) == e.rule);
    CHECK(std::string(kind_slug(f.kind())) == e.kind);
    CHECK(label(*f.rule) == e.label);
    CHECK((f.encoding == Encoding::base64 ? "base64" : "plain") == e.encoding);
    CHECK(f.decoded_begin == e.decoded_begin);
    CHECK(f.decoded_end == e.decoded_end);
    CHECK(f.value == e.value);
  }
}

std::vector<Finding> scan_in_chunks(const Scanner& scanner, const std::string& bytes, size_t chunk, size_t step) {
  std::vector<Finding> found;
  uint64_t settled = 0;
  SecretStream stream(
      scanner,
      [&](uint64_t offset, std::string_view piece, std::span<const Finding> findings) {
        CHECK(offset == settled);  // stretches tile the stream
        settled += piece.size();
        for (const Finding& f : findings) {
          CHECK(f.begin >= offset);
          CHECK(f.end <= offset + piece.size());  // a finding never straddles two stretches
          found.push_back(f);
        }
      },
      step);
  for (size_t at = 0; at < bytes.size(); at += chunk) stream.feed(std::string_view(bytes).substr(at, chunk));
  stream.finish();
  CHECK(settled == bytes.size());
  return found;
}

}  // namespace

TEST_CASE("every planted secret is found, exactly where plant.py put it, and nothing else", "[secrets]") {
  const auto expected = read_expected();
  REQUIRE(expected.size() == 9);  // one or more files per format: agenteye, claude_code, hooks, otlp, swe_agent,
                                  // openhands, and two files an agent read
  size_t total = 0;
  const Scanner scanner;
  for (const auto& [file, rows] : expected) {
    INFO(file);
    const std::string bytes = test::read_file(test::data_path("secrets/planted/" + file));
    REQUIRE(!bytes.empty());
    check_matches(scanner.find_secrets(bytes), rows);
    total += rows.size();
  }
  CHECK(total == 96);
}

TEST_CASE("chunk edges and scan passes never change what is found", "[secrets]") {
  // All planted files back to back, eight times: a stream long enough for many scan passes (the scanner's
  // lookahead is 64 KiB), with the expected findings shifted to their place in it.
  const auto expected = read_expected();
  std::string stream;
  std::vector<Expected> all;
  for (int round = 0; round < 8; ++round) {
    for (const auto& [file, rows] : expected) {
      for (Expected e : rows) {
        e.begin += stream.size();
        e.end += stream.size();
        all.push_back(e);
      }
      stream += test::read_file(test::data_path("secrets/planted/" + file));
    }
  }
  REQUIRE(stream.size() > 1000000);
  const Scanner scanner;
  check_matches(scanner.find_secrets(stream), all);
  struct Feeding {
    size_t chunk, step;
  };
  for (const Feeding feeding : {Feeding{1, 5000}, Feeding{7, 1}, Feeding{4096, 999}, Feeding{70000, 256 * 1024},
                                Feeding{1 << 20, 256 * 1024}}) {
    INFO("chunks of " << feeding.chunk << ", passes every " << feeding.step << " bytes");
    check_matches(scan_in_chunks(scanner, stream, feeding.chunk, feeding.step), all);
  }
}

TEST_CASE("every kind and most provider rules are covered by the planted corpus", "[secrets]") {
  std::map<std::string, int> kinds, rules;
  for (const auto& [file, rows] : read_expected()) {
    for (const Expected& e : rows) {
      ++kinds[e.kind];
      ++rules[e.rule];
    }
  }
  for (int k = 0; k < kSecretKindCount; ++k) {
    const auto kind = SecretKind(k);
    if (kind == SecretKind::custom) continue;  // needs a caller's pattern: tests/cli/secrets.sh
    INFO(kind_slug(kind));
    CHECK(kinds.count(std::string(kind_slug(kind))) == 1);
  }
  CHECK(rules.size() >= 84);
}
