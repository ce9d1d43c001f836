// The viewer's look: colours of span kinds and statuses, the ImGui style, and the embedded fonts rasterised
// for the display (sizes in logical pixels x ui_scale, glyphs at x pixel_ratio for sharp HiDPI text).
// ImGui only; no platform code.
#pragma once

#include <string_view>

#include "imgui.h"
#include "model/span.h"

namespace agentreel::viewer {

struct Fonts {
  ImFont* ui = nullptr;       // body text
  ImFont* bold = nullptr;     // headings and span names
  ImFont* mono = nullptr;     // payloads and numbers
  ImFont* heading = nullptr;  // larger bold, for the empty and error screens
};

namespace theme {

constexpr float kBaseFontPx = 15.0f;  // logical pixels at ui_scale 1

ImU32 kind_color(SpanKind kind);
const char* kind_label(SpanKind kind);  // "Agent", "Model", ...
ImU32 status_color(SpanStatus status);  // outline / badge colour (ok: transparent)
const char* status_label(SpanStatus status);
// Black or near-white, whichever reads better on `background`.
ImU32 text_color_on(ImU32 background);
ImU32 with_alpha(ImU32 color, float alpha);
// Width of `text` in the current ImGui font (a TextWidth for text_fit.h).
float text_width(std::string_view text);

constexpr ImU32 kTextDim = IM_COL32(150, 158, 170, 255);
constexpr ImU32 kAccent = IM_COL32(88, 166, 255, 255);
constexpr ImU32 kErrorText = IM_COL32(255, 110, 100, 255);
constexpr ImU32 kSelection = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kLaneBgEven = IM_COL32(255, 255, 255, 6);
constexpr ImU32 kGrid = IM_COL32(255, 255, 255, 18);
constexpr ImU32 kFolded = IM_COL32(120, 128, 140, 255);

// Dark style with the viewer's colours, sizes multiplied by ui_scale.
void apply_style(float ui_scale);
// Clears and refills the font atlas; the platform then re-uploads the font texture.
Fonts load_fonts(float ui_scale, float pixel_ratio);

}  // namespace theme
}  // namespace agentreel::viewer
