// PNG writing with libpng's simplified API (see png_writer.h).
// Native only (the Emscripten build leaves this file out).
#include "platform/png_writer.h"

#include <png.h>

#include <cstring>

namespace agentreel::viewer {

bool write_png_rgba(const std::string& path, int width, int height, const uint8_t* rgba, std::string& error) {
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = static_cast<png_uint_32>(width);
  image.height = static_cast<png_uint_32>(height);
  image.format = PNG_FORMAT_RGBA;
  if (!png_image_write_to_file(&image, path.c_str(), 0, rgba, width * 4, nullptr)) {
    error = "could not write " + path + ": " + image.message;
    png_image_free(&image);
    return false;
  }
  return true;
}

}  // namespace agentreel::viewer
