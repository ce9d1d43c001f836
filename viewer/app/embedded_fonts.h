// The TrueType fonts compiled into the viewer (viewer/assets/fonts, embedded by viewer/cmake/EmbedFile.cmake),
// so the native binary and the single-file web page need no font files at run time.
#pragma once

#include <cstddef>

namespace agentreel::viewer::embedded {

extern const unsigned char roboto_regular[];
extern const size_t roboto_regular_size;
extern const unsigned char roboto_bold[];
extern const size_t roboto_bold_size;
extern const unsigned char jetbrains_mono_regular[];
extern const size_t jetbrains_mono_regular_size;

}  // namespace agentreel::viewer::embedded
