// Fallback fonts for the glyphs the embedded Latin subsets lack, and the codepoints the viewer has been asked to
// draw. Text reaches the screen only through the Document (its string table, records and raw stream), which
// notes each text here; when a codepoint outside the embedded fonts appears, the atlas is outdated and the
// platform rebuilds it before the next frame (theme::load_fonts), with glyphs for exactly the wanted codepoints.
// Process-wide like ImGui's atlas; thread-safe. No ImGui and no I/O: the platform hands fonts over as bytes.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/codepoints.h"

namespace agentreel::viewer::fonts {

// True for codepoints the embedded fonts draw (theme.cpp's glyph ranges; scripts/deps.sh's subsets).
bool embedded_covers(uint32_t cp);

// A font file's bytes, kept for the atlas's lifetime (ImGui reads them whenever it rebuilds).
struct FallbackFont {
  std::string name;
  std::string bytes;
  int face_index = 0;  // the face inside a collection (.ttc)
};

// What the next atlas build needs.
struct AtlasPlan {
  std::vector<uint32_t> ranges;            // [first, last] pairs of wanted codepoints no embedded font has
  std::vector<const FallbackFont*> fonts;  // tried in this order; the first holding a codepoint draws it
  size_t wanted = 0;                       // codepoints in `ranges`
  size_t over_limit = 0;                   // wanted codepoints left out by kMaxFallbackCodepoints
};

class FallbackFonts {
 public:
  // At most this many codepoints beyond the embedded fonts get glyphs: bounds the atlas (about 4 fonts x 8000
  // glyphs of 15-24 px fit a 4096-wide texture). Later ones draw as the fallback glyph.
  static constexpr size_t kMaxFallbackCodepoints = 8000;

  static FallbackFonts& instance();

  // A font read only when a codepoint outside the embedded fonts is first wanted (so a Latin-only bundle never
  // reads a 20 MB CJK file). `load` returns the file's bytes, or "" when it is absent (its glyphs then draw as
  // the fallback glyph). Sources are tried in the order they were added.
  void add_source(std::string name, int face_index, std::function<std::string()> load);
  // A font whose bytes are at hand (the web page's subsets); tried before the sources added with add_source.
  void add_font(std::string name, std::string bytes, int face_index = 0);

  // Notes every codepoint of `text` (UTF-8, JSON escapes read too). Cheap for ASCII; callable from any thread.
  void note_text(std::string_view text);
  // A codepoint outside the embedded fonts was noted, or a font added, since the last take_plan().
  bool atlas_outdated() const { return outdated_.load(std::memory_order_acquire); }
  // For the atlas build (UI thread): loads pending sources if any codepoint needs them and clears the flag.
  // The fonts stay valid until reset().
  AtlasPlan take_plan();

  // Forgets codepoints and fonts (tests).
  void reset();

 private:
  struct Source {
    std::function<std::string()> load;  // empty once loaded
    std::unique_ptr<FallbackFont> font;
    bool loaded = false;
  };

  mutable std::mutex mutex_;
  CodepointSet wanted_;  // codepoints outside the embedded fonts
  std::vector<Source> page_fonts_;
  std::vector<Source> sources_;
  std::atomic<bool> outdated_{false};
};

}  // namespace agentreel::viewer::fonts
