// Label shortening (see text_fit.h).
#include "app/text/text_fit.h"

#include <vector>

namespace agentreel::viewer {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string elide_middle(std::string_view text, float width, const TextWidth& text_width) {
  if (text_width(text) <= width) return std::string(text);
  // Each character's byte offset and width, so both ends are measured in one pass.
  std::vector<size_t> begins;
  std::vector<float> widths;
  for (size_t i = 0; i < text.size();) {
    size_t end = i + 1;
    while (end < text.size() && continuation_byte(text[end])) ++end;
    begins.push_back(i);
    widths.push_back(text_width(text.substr(i, end - i)));
    i = end;
  }
  const size_t count = begins.size();
  const float room = width - text_width(kEllipsis);
  // The end first, up to half of the room, then the start with whatever is left.
  size_t tail = 0;  // characters kept from the end
  float used = 0;
  while (tail < count && used + widths[count - 1 - tail] <= room * 0.5f) used += widths[count - 1 - tail++];
  size_t head = 0;  // characters kept from the start
  while (head < count - tail && used + widths[head] <= room) used += widths[head++];
  std::string out(text.substr(0, head < count ? begins[head] : text.size()));
  out += kEllipsis;
  if (tail > 0) out += text.substr(begins[count - tail]);
  return out;
}

std::string fit_end(std::string_view text, float width, const TextWidth& text_width) {
  if (text_width(text) <= width) return std::string(text);
  const float room = width - text_width(kEllipsis);
  float used = 0;
  size_t end = 0;
  for (size_t i = 0; i < text.size();) {
    size_t next = i + 1;
    while (next < text.size() && continuation_byte(text[next])) ++next;
    used += text_width(text.substr(i, next - i));
    if (used > room) break;
    end = next;
    i = next;
  }
  return std::string(text.substr(0, end)) + std::string(kEllipsis);
}

}  // namespace agentreel::viewer
