// png_check: asserts a screenshot is not blank. Reads a PNG with libpng and counts distinct colours
// (5 bits a channel) and the share of pixels unlike the most common colour (the background).
// usage: png_check FILE.png [--min-colours N] [--min-foreground FRACTION] [--width W --height H]
#include <png.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: png_check FILE.png [--min-colours N] [--min-foreground F] [--width W] [--height H]\n");
    return 2;
  }
  const char* path = argv[1];
  size_t min_colours = 12;
  double min_foreground = 0.02;
  long want_width = -1, want_height = -1;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string arg = argv[i];
    if (arg == "--min-colours")
      min_colours = std::strtoul(argv[i + 1], nullptr, 10);
    else if (arg == "--min-foreground")
      min_foreground = std::atof(argv[i + 1]);
    else if (arg == "--width")
      want_width = std::atol(argv[i + 1]);
    else if (arg == "--height")
      want_height = std::atol(argv[i + 1]);
    else {
      std::fprintf(stderr, "png_check: unknown option %s\n", arg.c_str());
      return 2;
    }
  }

  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&image, path)) {
    std::fprintf(stderr, "png_check: FAIL: cannot read %s: %s\n", path, image.message);
    return 1;
  }
  image.format = PNG_FORMAT_RGB;
  std::vector<unsigned char> pixels(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr)) {
    std::fprintf(stderr, "png_check: FAIL: cannot decode %s: %s\n", path, image.message);
    return 1;
  }
  const size_t count = static_cast<size_t>(image.width) * image.height;
  std::unordered_map<uint32_t, size_t> colours;
  for (size_t i = 0; i < count; ++i) {
    const unsigned char* p = &pixels[i * 3];
    ++colours[((p[0] >> 3) << 10) | ((p[1] >> 3) << 5) | (p[2] >> 3)];
  }
  size_t background = 0;
  for (const auto& entry : colours) background = std::max(background, entry.second);
  const double foreground = count ? 1.0 - double(background) / double(count) : 0;
  std::printf("png_check: %s: %ux%u, %zu colours, %.1f%% non-background\n", path, image.width, image.height,
              colours.size(), foreground * 100);
  int status = 0;
  if ((want_width >= 0 && image.width != static_cast<png_uint_32>(want_width)) ||
      (want_height >= 0 && image.height != static_cast<png_uint_32>(want_height))) {
    std::fprintf(stderr, "png_check: FAIL: expected %ldx%ld\n", want_width, want_height);
    status = 1;
  }
  if (colours.size() < min_colours || foreground < min_foreground) {
    std::fprintf(stderr, "png_check: FAIL: looks blank (want >= %zu colours and >= %.1f%% non-background)\n",
                 min_colours, min_foreground * 100);
    status = 1;
  }
  return status;
}
