// Timeline drawing primitives (see rail_paint.h). Pure ImDrawList calls on rectangles the caller
// computed; no input, no Trace access.
#include "app/rail/rail_paint.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "app/text/time_format.h"
#include "app/theme.h"

namespace agentreel::viewer {
namespace {

// Diagonal stripes (45 degrees, bottom-left to top-right) cut to the rectangle by hand: a clip rectangle per
// bar would start a new draw command each, and a software rasterizer pays per draw call (a zoomed-out 1M-span
// rail had up to 115 of them a frame; 23 without these).
void paint_stripes(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 color, float spacing, float thickness) {
  const float height = max.y - min.y;
  for (float x = min.x - height; x < max.x; x += spacing) {
    const float x0 = std::max(x, min.x), x1 = std::min(x + height, max.x);
    if (x1 > x0) draw->AddLine(ImVec2(x0, max.y - (x0 - x)), ImVec2(x1, max.y - (x1 - x)), color, thickness);
  }
}

ImU32 lighten(ImU32 color, float amount) {
  auto channel = [&](int shift) {
    const float v = static_cast<float>((color >> shift) & 0xFF);
    return static_cast<ImU32>(std::min(255.0f, v + (255.0f - v) * amount)) << shift;
  };
  return channel(IM_COL32_R_SHIFT) | channel(IM_COL32_G_SHIFT) | channel(IM_COL32_B_SHIFT) | (color & IM_COL32_A_MASK);
}

}  // namespace

void paint_bar(ImDrawList* draw, ImVec2 min, ImVec2 max, const BarLook& look) {
  const bool faded = look.status == SpanStatus::unfinished || look.status == SpanStatus::cancelled;
  ImU32 fill = faded ? theme::with_alpha(look.fill, 0.45f) : look.fill;
  // Too narrow for an outline to show: an error or a denial takes its status colour instead.
  const bool narrow = max.x - min.x < 6 * look.scale;
  if (narrow && (look.status == SpanStatus::error || look.status == SpanStatus::denied)) {
    fill = theme::status_color(look.status);
  }
  if (look.hovered) fill = lighten(fill, 0.18f);
  const float rounding = std::min(look.rounding, (max.x - min.x) * 0.5f);
  draw->AddRectFilled(min, max, fill, rounding);
  const float wide = max.x - min.x;
  switch (look.status) {
    case SpanStatus::unfinished:
      if (wide > 4) paint_stripes(draw, min, max, IM_COL32(255, 255, 255, 55), 6 * look.scale, 1.5f * look.scale);
      // A dashed right edge: the span never closed.
      for (float y = min.y; y < max.y; y += 4 * look.scale) {
        draw->AddLine(ImVec2(max.x - 1, y), ImVec2(max.x - 1, std::min(y + 2 * look.scale, max.y)),
                      theme::status_color(look.status), 1.5f * look.scale);
      }
      break;
    case SpanStatus::denied:
      if (wide > 4) paint_stripes(draw, min, max, IM_COL32(30, 12, 0, 110), 6 * look.scale, 2.5f * look.scale);
      draw->AddRect(min, max, theme::status_color(look.status), rounding, 0, 2 * look.scale);
      break;
    case SpanStatus::error:
      draw->AddRect(min, max, theme::status_color(look.status), rounding, 0, 2 * look.scale);
      break;
    case SpanStatus::cancelled:
      draw->AddRect(min, max, theme::status_color(look.status), rounding, 0, 1 * look.scale);
      break;
    case SpanStatus::ok: break;
  }
  if (look.selected) {
    const float pad = 1.5f * look.scale;
    draw->AddRect(ImVec2(min.x - pad, min.y - pad), ImVec2(max.x + pad, max.y + pad), theme::kSelection, rounding + pad,
                  0, 2 * look.scale);
  }
}

void paint_instant(ImDrawList* draw, ImVec2 c, float half, const BarLook& look) {
  ImU32 fill = look.hovered ? lighten(look.fill, 0.2f) : look.fill;
  const ImVec2 top(c.x, c.y - half), right(c.x + half, c.y), bottom(c.x, c.y + half), left(c.x - half, c.y);
  draw->AddQuadFilled(top, right, bottom, left, fill);
  if (look.status != SpanStatus::ok) {
    draw->AddQuad(top, right, bottom, left, theme::status_color(look.status), 1.5f * look.scale);
  }
  if (look.selected) {
    const float h = half + 3 * look.scale;
    draw->AddQuad(ImVec2(c.x, c.y - h), ImVec2(c.x + h, c.y), ImVec2(c.x, c.y + h), ImVec2(c.x - h, c.y),
                  theme::kSelection, 2 * look.scale);
  }
}

void paint_folded(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 tint, bool has_error, bool hovered, float scale) {
  ImU32 fill = theme::with_alpha(tint, 0.55f);
  if (hovered) fill = lighten(fill, 0.2f);
  draw->AddRectFilled(min, max, fill, 1.5f * scale);
  // Zig-zag along the middle: "many small things here".
  const float mid = (min.y + max.y) * 0.5f;
  const float amp = (max.y - min.y) * 0.22f;
  const float step = 3 * scale;
  if (max.x - min.x > 2 * step) {
    // One polyline ending exactly at the right edge (no clip rectangle: see paint_stripes).
    draw->PathLineTo(ImVec2(min.x, mid));
    bool up = true;
    float x = min.x + step;
    for (; x < max.x; x += step, up = !up) draw->PathLineTo(ImVec2(x, mid + (up ? -amp : amp)));
    // The last segment, cut where it crosses max.x: it runs from the previous corner towards x.
    const float from_y = mid + (up ? amp : -amp), to_y = mid + (up ? -amp : amp);
    const float t = (max.x - (x - step)) / step;
    draw->PathLineTo(ImVec2(max.x, from_y + (to_y - from_y) * t));
    draw->PathStroke(IM_COL32(255, 255, 255, 110), 0, 1.0f * scale);
  }
  if (has_error) draw->AddRect(min, max, theme::status_color(SpanStatus::error), 1.5f * scale, 0, 1.5f * scale);
}

void paint_label(ImDrawList* draw, ImFont* font, float font_size, ImVec2 min, ImVec2 max, float text_x, ImU32 color,
                 const char* text, const char* text_end) {
  const ImVec4 clip(min.x + 2, min.y, max.x - 2, max.y);
  const float y = min.y + std::floor((max.y - min.y - font_size) * 0.5f);
  draw->AddText(font, font_size, ImVec2(std::floor(text_x), y), color, text, text_end, 0.0f, &clip);
}

double ruler_major_step(const RailViewport& viewport, float scale) {
  return nice_time_step(viewport.ns_per_px * 110 * scale);
}

void paint_ruler(ImDrawList* draw, ImFont* font, float font_size, ImVec2 min, ImVec2 max, const RailViewport& viewport,
                 double major, const RulerLook& look) {
  const float width = max.x - min.x;
  const double minor = major / 5;
  draw->AddRectFilled(min, max, IM_COL32(30, 33, 40, 255));
  draw->AddLine(ImVec2(min.x, max.y - 0.5f), ImVec2(max.x, max.y - 0.5f), IM_COL32(70, 76, 88, 255));
  const double t0 = viewport.time_at(0);
  const double t1 = viewport.time_at(width);
  const ImU32 tick = IM_COL32(120, 128, 142, 255);
  // Integer tick indices: accumulating a double step would drift at deep zoom.
  const long long first_tick = static_cast<long long>(std::floor(t0 / minor));
  const long long last_tick = static_cast<long long>(std::ceil(t1 / minor));
  for (long long k = first_tick; k <= last_tick; ++k) {
    const double t = static_cast<double>(k) * minor;
    const float x = std::floor(min.x + static_cast<float>(viewport.x_of(t))) + 0.5f;
    const bool is_major = k % 5 == 0;
    const float h = is_major ? (max.y - min.y) * 0.45f : (max.y - min.y) * 0.18f;
    draw->AddLine(ImVec2(x, max.y - h), ImVec2(x, max.y), tick, look.scale);
    if (is_major) {
      std::string label;
      if (look.ordinal && major >= 1e9) {
        label = "step " + std::to_string(static_cast<long long>(std::llround(t / 1e9)));
      } else {
        label = format_ruler_label(t, major);
      }
      draw->AddText(font, font_size, ImVec2(x + 4 * look.scale, min.y + 2 * look.scale), IM_COL32(190, 197, 208, 255),
                    label.c_str());
    }
  }
}

void paint_grid(ImDrawList* draw, ImVec2 min, ImVec2 max, const RailViewport& viewport, double step_ns) {
  const double t0 = viewport.time_at(0);
  const double t1 = viewport.time_at(max.x - min.x);
  const long long first = static_cast<long long>(std::floor(t0 / step_ns));
  const long long last = static_cast<long long>(std::ceil(t1 / step_ns));
  for (long long k = first; k <= last; ++k) {
    const double t = static_cast<double>(k) * step_ns;
    const float x = std::floor(min.x + static_cast<float>(viewport.x_of(t))) + 0.5f;
    draw->AddLine(ImVec2(x, min.y), ImVec2(x, max.y), theme::kGrid);
  }
}

}  // namespace agentreel::viewer
