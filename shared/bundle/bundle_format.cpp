// Printable section tags for messages ("RAW", "SPAN", or hex for garbage).
#include "bundle/bundle_format.h"

#include <cstdio>

namespace agentreel {

std::string tag_name(SectionTag tag) {
  std::string name;
  for (int i = 0; i < 4; ++i) {
    const char c = char((tag >> (8 * i)) & 0xFF);
    if (c < 0x20 || c > 0x7E) {
      name.clear();
      break;
    }
    name.push_back(c);
  }
  while (!name.empty() && name.back() == ' ') name.pop_back();  // "RAW " pads to four bytes
  if (!name.empty()) return name;
  char hex[16];
  std::snprintf(hex, sizeof hex, "0x%08X", tag);
  return hex;
}

}  // namespace agentreel
