// Fallback fonts: the codepoints a text spells (core/codepoints.h), which of them outdate the atlas, and an atlas
// built by theme::load_fonts that draws the CJK, Cyrillic and Greek of the hand-written transcript
// (tests/data/fonts/scripts.jsonl) from Debian's Noto fonts instead of the fallback glyph '?'.
#include "app/fonts/fallback_fonts.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "app/theme.h"
#include "core/codepoints.h"
#include "debian_fonts.h"  // native/
#include "imgui.h"

namespace agentreel::viewer {
namespace {

std::vector<uint32_t> spelled(std::string_view text) {
  std::vector<uint32_t> out;
  for_each_non_ascii_codepoint(text, [&](uint32_t cp) { out.push_back(cp); });
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return in ? std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()) : std::string();
}

}  // namespace

TEST_CASE("codepoints: UTF-8 and JSON escapes, ASCII skipped, malformed bytes dropped") {
  CHECK(spelled("toolchain不用保留吧?") == std::vector<uint32_t>{0x4E0D, 0x7528, 0x4FDD, 0x7559, 0x5427});
  CHECK(spelled("\\u4e0d \\u0041 \\ud83d\\ude00") == std::vector<uint32_t>{0x4E0D, 0x1F600});
  CHECK(spelled("\\\\u4e0d").empty());              // an escaped backslash, then the letters u4e0d
  CHECK(spelled("\xE4\xB8").empty());               // cut short
  CHECK(spelled("\xC0\x80 \xED\xA0\x80").empty());  // overlong NUL, a UTF-8 surrogate
  CHECK(spelled("\\ud83d alone") == std::vector<uint32_t>{});
  CHECK(spelled("κ\xFFП") == std::vector<uint32_t>{0x03BA, 0x041F});
}

TEST_CASE("codepoint set: ranges in order") {
  CodepointSet set;
  for (uint32_t cp : {0x4E0Du, 0x41Fu, 0x420u, 0x421u, 0x10FFFFu}) CHECK(set.add(cp));
  CHECK_FALSE(set.add(0x420));
  std::vector<uint32_t> ranges;
  set.for_each_range([&](uint32_t first, uint32_t last) { ranges.insert(ranges.end(), {first, last}); });
  CHECK(ranges == std::vector<uint32_t>{0x41F, 0x421, 0x4E0D, 0x4E0D, 0x10FFFF, 0x10FFFF});
  CHECK(set.size() == 5);
}

TEST_CASE("fallback fonts: only codepoints beyond the embedded fonts outdate the atlas") {
  fonts::FallbackFonts& fallback = fonts::FallbackFonts::instance();
  fallback.reset();
  fallback.note_text("plain ASCII, café, naïve – “quotes” → ✓");
  CHECK_FALSE(fallback.atlas_outdated());
  fallback.note_text("toolchain不用保留吧?");
  CHECK(fallback.atlas_outdated());
  int loads = 0;
  fallback.add_source("absent", 0, [&] {
    ++loads;
    return std::string();
  });
  const fonts::AtlasPlan plan = fallback.take_plan();
  CHECK_FALSE(fallback.atlas_outdated());
  CHECK(plan.wanted == 5);
  CHECK(plan.fonts.empty());  // the source loaded as absent: those characters draw as '?'
  CHECK(loads == 1);
  fallback.note_text("不用");  // already wanted
  CHECK_FALSE(fallback.atlas_outdated());
  fallback.reset();
}

TEST_CASE("fallback fonts: the atlas draws the transcript's CJK, Cyrillic and Greek from Noto, not '?'") {
  const std::string transcript = read_file(AGENTREEL_TEST_DATA "/fonts/scripts.jsonl");
  REQUIRE_FALSE(transcript.empty());
  fonts::FallbackFonts& fallback = fonts::FallbackFonts::instance();
  fallback.reset();
  bool any_font = false;
  for (const native::DebianFont& font : native::kFallbackFonts) {
    std::string bytes = read_file(font.path);
    any_font |= !bytes.empty();
    fallback.add_source(font.name, font.face_index, [bytes] { return bytes; });
  }
  if (!any_font) {
    WARN("no Debian fallback fonts installed (scripts/deps.sh installs them): the atlas check did not run");
    return;
  }
  fallback.note_text(transcript);
  REQUIRE(fallback.atlas_outdated());

  ImGui::CreateContext();
  const Fonts fonts = theme::load_fonts(1.0f, 1.0f);
  REQUIRE(ImGui::GetIO().Fonts->Build());
  for (ImFont* font : {fonts.ui, fonts.bold, fonts.mono, fonts.heading}) {
    // 不 用 (Han), П (Cyrillic), κ (Greek), ひ (hiragana), 안 (Hangul), ★ (symbol); 't' stays Roboto's.
    for (ImWchar c : {0x4E0D, 0x7528, 0x041F, 0x03BA, 0x3072, 0xC548, 0x2605, int('t')}) {
      INFO("font " << font->ConfigData->Name << ", U+" << std::hex << int(c));
      CHECK(font->FindGlyphNoFallback(c) != nullptr);
    }
  }
  CHECK_FALSE(fallback.atlas_outdated());
  ImGui::DestroyContext();
  fallback.reset();
}

TEST_CASE("fallback fonts: emoji beyond U+FFFF draw from Symbola, not '?'") {
  const std::string transcript = read_file(AGENTREEL_TEST_DATA "/fonts/emoji.jsonl");
  REQUIRE_FALSE(transcript.empty());
  const std::vector<uint32_t> emoji = {0x1F680, 0x1F389, 0x1F600, 0x1F44D, 0x1F525};
  const std::vector<uint32_t> spelled_cps = spelled(transcript);
  for (uint32_t cp : emoji) CHECK(std::count(spelled_cps.begin(), spelled_cps.end(), cp) == 1);
  fonts::FallbackFonts& fallback = fonts::FallbackFonts::instance();
  fallback.reset();
  bool symbola = false;
  for (const native::DebianFont& font : native::kFallbackFonts) {
    std::string bytes = read_file(font.path);
    symbola |= std::string_view(font.name) == "Symbola" && !bytes.empty();
    fallback.add_source(font.name, font.face_index, [bytes] { return bytes; });
  }
  if (!symbola) {
    WARN("Symbola is not installed (scripts/deps.sh installs fonts-symbola): the emoji atlas check did not run");
    fallback.reset();
    return;
  }
  fallback.note_text(transcript);
  REQUIRE(fallback.atlas_outdated());
  ImGui::CreateContext();
  const Fonts fonts = theme::load_fonts(1.0f, 1.0f);
  REQUIRE(ImGui::GetIO().Fonts->Build());
  static_assert(sizeof(ImWchar) == 4, "IMGUI_USE_WCHAR32: a 16-bit ImWchar cannot name U+1F600");
  for (ImFont* font : {fonts.ui, fonts.bold, fonts.mono, fonts.heading}) {
    for (uint32_t cp : emoji) {
      INFO("font " << font->ConfigData->Name << ", U+" << std::hex << cp);
      CHECK(font->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr);
    }
  }
  ImGui::DestroyContext();
  fallback.reset();
}

}  // namespace agentreel::viewer
