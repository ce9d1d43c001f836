// The fonts `agentreel html` embeds next to a bundle: subsets of the Debian fallback fonts (native/debian_fonts.h)
// holding exactly the codepoints the bundle's text uses, made with HarfBuzz's subsetter, so a page of a Chinese
// transcript carries a few hundred glyphs instead of a 19 MB CJK font. Reads font files; no HTML here.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "bundle/bundle_reader.h"
#include "core/codepoints.h"
#include "core/status.h"

namespace agentreel::cli {

struct PageFont {
  std::string name;   // the Debian font it was cut from, e.g. "NotoSansCJKsc-Regular"
  std::string bytes;  // an OpenType font (one face, no hinting, no layout tables)
  size_t glyphs = 0;  // codepoints it maps
};

struct PageFonts {
  std::vector<PageFont> fonts;      // in the order the viewer should try them
  size_t wanted = 0;                // codepoints above ASCII the bundle uses
  size_t unavailable = 0;           // of those, held by no installed fallback font (they draw as '?')
  std::vector<std::string> absent;  // fallback font files not installed ("path (package)")
};

// Every codepoint above U+007F in the bundle's text: its string table and its raw stream (which holds every
// record), UTF-8 and JSON \uXXXX escapes alike.
Result<CodepointSet> bundle_codepoints(const Bundle& bundle);

// Subsets of the installed fallback fonts for `wanted`: each codepoint from the first font that has it.
Result<PageFonts> subset_fallback_fonts(const CodepointSet& wanted);

}  // namespace agentreel::cli
