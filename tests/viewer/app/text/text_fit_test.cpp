// Middle elision of session names: both ends kept, whole UTF-8 characters, never wider than asked.
#include "app/text/text_fit.h"

#include <catch2/catch.hpp>

using namespace agentreel::viewer;

namespace {

// One unit per character (UTF-8 continuation bytes count nothing), like a monospace font.
float characters(std::string_view text) {
  float n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

TEST_CASE("elide_middle: ids that share a prefix stay apart", "[viewer]") {
  // The OpenHands sample's sessions, at the 10 characters a 1280 px window gives the names.
  CHECK(elide_middle("ponylang__ponyc-4595", 10, characters) ==
        "ponyl\xE2\x80\xA6"
        "4595");
  CHECK(elide_middle("ponylang__ponyc-4593", 10, characters) ==
        "ponyl\xE2\x80\xA6"
        "4593");
  CHECK(elide_middle("neubig/pr-viewer#5", 10, characters) ==
        "neubi\xE2\x80\xA6"
        "er#5");
  // failproofai's two fixtures, which a cut end showed as the same "sess-fixt…".
  CHECK(elide_middle("sess-fixture-1", 10, characters) ==
        "sess-\xE2\x80\xA6"
        "re-1");
  CHECK(elide_middle("sess-fixture", 10, characters) ==
        "sess-\xE2\x80\xA6"
        "ture");
}

TEST_CASE("elide_middle: fitting text is untouched, tiny widths keep what fits", "[viewer]") {
  CHECK(elide_middle("short", 5, characters) == "short");
  CHECK(elide_middle("", 0, characters).empty());
  CHECK(elide_middle("abcdef", 3, characters) ==
        "a\xE2\x80\xA6"
        "f");
  CHECK(elide_middle("abcdef", 2, characters) == "a\xE2\x80\xA6");
  CHECK(elide_middle("abcdef", 1, characters) == "\xE2\x80\xA6");
  CHECK(elide_middle("abcdef", 0, characters) == "\xE2\x80\xA6");
}

TEST_CASE("elide_middle: cuts between UTF-8 characters and never exceeds the width", "[viewer]") {
  const std::string japanese = "請求書PDFのファイル名で日本語の顧客名";  // 20 characters
  const std::string out = elide_middle(japanese, 9, characters);
  CHECK(out ==
        "請求書P\xE2\x80\xA6"
        "の顧客名");
  for (float width = 1; width < 25; ++width) {
    const std::string fitted = elide_middle(japanese, width, characters);
    INFO(width << ": " << fitted);
    CHECK(characters(fitted) <= std::max(width, 1.0f));
  }
}

TEST_CASE("fit_end: a title keeps its first words, whole characters, never wider than asked", "[viewer]") {
  CHECK(fit_end("Fix the failing tax test", 30, characters) == "Fix the failing tax test");
  CHECK(fit_end("Fix the failing tax test", 10, characters) == "Fix the f\xE2\x80\xA6");
  CHECK(fit_end("toolchain\xE4\xB8\x8D\xE7\x94\xA8\xE4\xBF\x9D\xE7\x95\x99", 11, characters) ==
        "toolchain\xE4\xB8\x8D\xE2\x80\xA6");  // CJK characters are never split
  CHECK(characters(fit_end("abcdefghij", 4, characters)) <= 4);
}
