// Writes an RGBA8 image as a PNG file with libpng (native only: screenshots for docs and tests).
// Not built for the web; nothing in viewer/app uses it.
#pragma once

#include <cstdint>
#include <string>

namespace agentreel::viewer {

// `rgba` holds height rows of width * 4 bytes, top row first. On failure returns false and sets `error`.
bool write_png_rgba(const std::string& path, int width, int height, const uint8_t* rgba, std::string& error);

}  // namespace agentreel::viewer
