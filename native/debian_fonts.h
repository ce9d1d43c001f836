// The Debian fonts that supply glyphs the viewer's embedded Latin subsets lack (CJK, Cyrillic, Greek, other
// scripts, symbols and monochrome emoji), in the order they are tried: the first font holding a codepoint draws
// it. The native viewer reads them at run time; `agentreel html` subsets them into the page. Installed by
// scripts/deps.sh (fonts-noto-core, fonts-noto-cjk, fonts-symbola). Data only: no I/O here.
#pragma once

namespace agentreel::native {

struct DebianFont {
  const char* path;
  int face_index;       // the face inside a collection (.ttc); 0 for a plain font file
  const char* name;     // what messages and the page call it
  const char* package;  // the Debian package that installs it
};

inline constexpr DebianFont kFallbackFonts[] = {
    {"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", 0, "NotoSans-Regular", "fonts-noto-core"},
    // Face 2 of the collection is Noto Sans CJK SC; every face holds all of Han, kana and Hangul.
    {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2, "NotoSansCJKsc-Regular", "fonts-noto-cjk"},
    {"/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf", 0, "NotoSansArabic-Regular", "fonts-noto-core"},
    {"/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf", 0, "NotoSansHebrew-Regular", "fonts-noto-core"},
    {"/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf", 0, "NotoSansDevanagari-Regular",
     "fonts-noto-core"},
    {"/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf", 0, "NotoSansThai-Regular", "fonts-noto-core"},
    {"/usr/share/fonts/truetype/noto/NotoSansArmenian-Regular.ttf", 0, "NotoSansArmenian-Regular", "fonts-noto-core"},
    {"/usr/share/fonts/truetype/noto/NotoSansGeorgian-Regular.ttf", 0, "NotoSansGeorgian-Regular", "fonts-noto-core"},
    {"/usr/share/fonts/truetype/noto/NotoSansMath-Regular.ttf", 0, "NotoSansMath-Regular", "fonts-noto-core"},
    {"/usr/share/fonts/truetype/noto/NotoSansSymbols-Regular.ttf", 0, "NotoSansSymbols-Regular", "fonts-noto-core"},
    {"/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf", 0, "NotoSansSymbols2-Regular", "fonts-noto-core"},
    // Monochrome emoji (Noto's emoji font is colour bitmaps, which the atlas cannot draw).
    {"/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf", 0, "Symbola", "fonts-symbola"},
};

}  // namespace agentreel::native
