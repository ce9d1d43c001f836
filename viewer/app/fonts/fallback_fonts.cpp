// The fallback fonts and the wanted codepoints (see fallback_fonts.h). The lock guards the set and the font
// list; scanning happens outside it, so a worker noting a large record never stalls the UI thread for long.
#include "app/fonts/fallback_fonts.h"

#include <algorithm>
#include <iterator>

namespace agentreel::viewer::fonts {
namespace {

// What scripts/deps.sh puts in the embedded subsets (its FONT_UNICODES), as [first, last] pairs.
constexpr uint32_t kEmbeddedRanges[][2] = {
    {0x0020, 0x017F}, {0x2010, 0x2027}, {0x2030, 0x203A}, {0x20A0, 0x20CF}, {0x2100, 0x214F},
    {0x2190, 0x21FF}, {0x2212, 0x2212}, {0x2248, 0x2248}, {0x2260, 0x2260}, {0x2264, 0x2265},
    {0x2500, 0x257F}, {0x25A0, 0x25FF}, {0x2713, 0x2713}, {0x2717, 0x2717},
};

}  // namespace

bool embedded_covers(uint32_t cp) {
  if (cp < 0x80) return true;  // control characters draw as nothing, which is what they should
  for (const auto& range : kEmbeddedRanges) {
    if (cp >= range[0] && cp <= range[1]) return true;
  }
  return false;
}

FallbackFonts& FallbackFonts::instance() {
  static FallbackFonts fonts;
  return fonts;
}

void FallbackFonts::add_source(std::string name, int face_index, std::function<std::string()> load) {
  std::lock_guard<std::mutex> lock(mutex_);
  Source source;
  source.font = std::make_unique<FallbackFont>();
  source.font->name = std::move(name);
  source.font->face_index = face_index;
  source.load = std::move(load);
  sources_.push_back(std::move(source));
  if (wanted_.size() > 0) outdated_.store(true, std::memory_order_release);
}

void FallbackFonts::add_font(std::string name, std::string bytes, int face_index) {
  std::lock_guard<std::mutex> lock(mutex_);
  Source source;
  source.font = std::make_unique<FallbackFont>(FallbackFont{std::move(name), std::move(bytes), face_index});
  source.loaded = true;
  page_fonts_.push_back(std::move(source));
  if (wanted_.size() > 0) outdated_.store(true, std::memory_order_release);
}

void FallbackFonts::note_text(std::string_view text) {
  // Gather outside the lock; most texts have no codepoint beyond the embedded fonts and never take it.
  uint32_t local[64];
  size_t count = 0;
  const auto flush = [&] {
    std::lock_guard<std::mutex> lock(mutex_);
    bool added = false;
    for (size_t i = 0; i < count; ++i) added |= wanted_.add(local[i]);
    if (added) outdated_.store(true, std::memory_order_release);
    count = 0;
  };
  for_each_non_ascii_codepoint(text, [&](uint32_t cp) {
    if (embedded_covers(cp)) return;
    if (count > 0 && local[count - 1] == cp) return;  // runs of one character
    local[count++] = cp;
    if (count == std::size(local)) flush();
  });
  if (count > 0) flush();
}

AtlasPlan FallbackFonts::take_plan() {
  std::lock_guard<std::mutex> lock(mutex_);
  outdated_.store(false, std::memory_order_release);
  AtlasPlan plan;
  wanted_.for_each_range([&](uint32_t first, uint32_t last) {
    const size_t room = kMaxFallbackCodepoints - plan.wanted;
    const size_t length = size_t(last - first) + 1;
    if (room == 0) {
      plan.over_limit += length;
      return;
    }
    const size_t taken = std::min(room, length);
    plan.ranges.push_back(first);
    plan.ranges.push_back(first + static_cast<uint32_t>(taken) - 1);
    plan.wanted += taken;
    plan.over_limit += length - taken;
  });
  if (plan.wanted == 0) return plan;
  for (std::vector<Source>* list : {&page_fonts_, &sources_}) {
    for (Source& source : *list) {
      if (!source.loaded) {
        source.font->bytes = source.load ? source.load() : std::string();
        source.load = nullptr;
        source.loaded = true;
      }
      if (!source.font->bytes.empty()) plan.fonts.push_back(source.font.get());
    }
  }
  return plan;
}

void FallbackFonts::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  wanted_ = CodepointSet();
  page_fonts_.clear();
  sources_.clear();
  outdated_.store(false, std::memory_order_release);
}

}  // namespace agentreel::viewer::fonts
