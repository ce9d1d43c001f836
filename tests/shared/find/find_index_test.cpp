// The find index (FIDX) on real logs: every query answered with the index equals the scan's answer on the same
// logs converted without it; the indexed bundle verifies, says format 1.3, and a reader that does not know FIDX
// (its sections renamed to an unknown tag) reads the same trace and finds the same spans by scanning.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>

#include "../../hostile/bundle_surgery.h"
#include "find/find_index_build.h"
#include "find/find_scan.h"
#include "test_support.h"

using namespace agentreel;
using namespace agentreel::test;

namespace {

// Every file under tests/data/<dir> (SOURCES.md and scripts kept unparsed, "bad" folders left out), converted
// as `agentreel convert DIR` converts them.
std::vector<uint8_t> convert_dir(const std::string& dir, FindIndexMode mode) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(data_path(dir))) {
    const std::string path = entry.path().string();
    if (entry.is_regular_file() && path.find("/bad/") == std::string::npos) files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  VectorSink sink;
  ConvertOptions options;
  options.find_index = mode;
  Converter converter(sink, options);
  for (const std::string& file : files) {
    const std::string bytes = read_file(file);
    const std::string name = file.substr(data_path("").size());
    REQUIRE(converter.begin_input(name, std::string_view(bytes).substr(0, 65536), Converter::Origin::found_in_directory)
                .is_ok());
    REQUIRE(converter.feed(bytes).is_ok());
    REQUIRE(converter.end_input().is_ok());
  }
  auto summary = converter.finish();
  REQUIRE(summary.is_ok());
  return std::move(sink.buffer);
}

std::vector<uint32_t> find(const Bundle& bundle, uint32_t session, const std::string& text, bool use_index) {
  auto query = FindQuery::parse(text);
  REQUIRE(query.is_ok());
  const StreamReader read = [&](uint64_t offset, uint64_t size, std::string& out) {
    return bundle.read_stream(offset, size, out);
  };
  FindOptions options;
  if (use_index) options.index = &bundle.find_index();
  auto found = find_in_session(bundle.trace(), session, query.value(), read, options);
  REQUIRE(found.is_ok());
  return found.take();
}

size_t fidx_sections(const Bundle& bundle) {
  return size_t(std::count_if(bundle.sections().begin(), bundle.sections().end(),
                              [](const SectionInfo& s) { return s.tag == kTagFindIndex; }));
}

// Words, prefixes and infixes of words, phrases with spaces and punctuation, escapes (quotes, a newline), non-ASCII,
// negation, OR, facts, and needles without token bytes (answered by scanning).
const std::vector<std::string> kQueries = {
    "pytest",
    "test",
    "tes",
    "est",
    "e",
    "the",
    "error",
    "def",
    "import",
    "git",
    "commit",
    "no-verify",
    "ecto.migrate",
    "spotter-gqc",
    "self.assert",
    "text:\"git commit\"",
    "text:\"import os\"",
    "text:\"def test_\"",
    "\"file_path\"",
    "text:\"echo \\\"---\\\"\"",
    "text:\"\\\"command\\\": \\\"\"",
    "text:\"import os\nimport\"",
    "text:\"\n\"",
    "é",
    "caf\xC3\xA9",
    "\xE4\xB8\x8D",
    "\xE2\x9C\x93",
    "--",
    "text:\"{\"",
    "/",
    "a/b",
    "src/",
    "pytest -kind:hook",
    "error OR warning",
    "-error",
    "(git OR pytest) kind:tool",
    "file:.py",
    "cmd:git",
    "cmd:pytest",
    "file:test",
    "text:\"marshmallow\"",
    "zzz-not-there",
    "0",
    "_",
};

}  // namespace

TEST_CASE("find index: the index answers every query as the scan does, on real logs") {
  for (const char* dir : {"claude-code", "swe-agent", "openhands", "otlp", "codex", "hooks"}) {
    INFO(dir);
    const std::vector<uint8_t> indexed_bytes = convert_dir(dir, FindIndexMode::always);
    const std::vector<uint8_t> plain_bytes = convert_dir(dir, FindIndexMode::never);
    auto indexed = open_bytes(indexed_bytes);
    auto plain = open_bytes(plain_bytes);
    REQUIRE(indexed.is_ok());
    REQUIRE(plain.is_ok());
    const Bundle& with = *indexed.value();
    const Bundle& without = *plain.value();
    REQUIRE(with.trace().sessions.size() == without.trace().sessions.size());
    CHECK(with.version_minor() == kFormatMinorFindIndex);
    CHECK(without.version_minor() == kFormatMinor);
    CHECK(fidx_sections(without) == 0);
    CHECK(fidx_sections(with) > 0);
    size_t matches = 0;
    for (uint32_t s = 0; s < with.trace().sessions.size(); ++s) {
      // Every session with spans has an index, so every query below goes through it.
      CHECK((with.find_index().segment_count(s) > 0) == (with.trace().sessions[s].span_count > 0));
      for (const std::string& query : kQueries) {
        INFO("session " << s << ", query " << query);
        const std::vector<uint32_t> scanned = find(without, s, query, false);
        CHECK(find(with, s, query, true) == scanned);
        matches += scanned.size();
      }
    }
    CHECK(matches > 0);
    const VerifyReport report = with.verify();
    CHECK(report.problems.empty());
    for (const std::string& problem : report.problems) UNSCOPED_INFO(problem);
  }
}

TEST_CASE("find index: auto indexes only sessions whose records are too many to scan fast") {
  const std::vector<uint8_t> bytes = convert_dir("claude-code", FindIndexMode::automatic);
  auto opened = open_bytes(bytes);
  REQUIRE(opened.is_ok());
  const Bundle& bundle = *opened.value();
  for (uint32_t s = 0; s < bundle.trace().sessions.size(); ++s) {
    CHECK(session_record_bytes(bundle.trace(), s) < kFindIndexAutoBytes);
    CHECK(bundle.find_index().segment_count(s) == 0);
  }
  CHECK(fidx_sections(bundle) == 0);
  CHECK(bundle.version_minor() == kFormatMinor);  // nothing of 1.3 in it
}

TEST_CASE("find index: a reader that does not know FIDX skips it and scans to the same answers") {
  const std::vector<uint8_t> indexed = convert_dir("swe-agent", FindIndexMode::always);
  std::vector<ForgedSection> sections = disassemble(indexed);
  size_t renamed = 0;
  for (ForgedSection& section : sections) {
    if (section.tag != kTagFindIndex) continue;
    CHECK(section.codec == kCodecNone);
    CHECK((section.flags & kSectionCritical) == 0);
    section.tag = make_tag("XFDX");  // what FIDX is to a 1.2 reader: a tag it does not know, not critical
    ++renamed;
  }
  REQUIRE(renamed > 0);
  auto old_view = open_bytes(assemble(sections));
  REQUIRE(old_view.is_ok());
  auto with_index = open_bytes(indexed);
  REQUIRE(with_index.is_ok());
  const Bundle& old_reader = *old_view.value();
  const Bundle& reader = *with_index.value();
  REQUIRE(old_reader.trace().spans.size() == reader.trace().spans.size());
  for (uint32_t s = 0; s < reader.trace().sessions.size(); ++s) {
    CHECK(old_reader.find_index().segment_count(s) == 0);
    for (const char* query : {"marshmallow", "text:\"def test_\"", "pytest -kind:tool"}) {
      CHECK(find(old_reader, s, query, true) == find(reader, s, query, true));
    }
  }
}
