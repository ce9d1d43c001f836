// Drawing primitives of the trace rail: a span bar with its kind colour and status marks, a folded run, an
// instant marker, and the time ruler. Draw-list calls only: no input handling and no layout decisions.
#pragma once

#include <cstdint>

#include "app/rail/rail_viewport.h"
#include "imgui.h"
#include "model/span.h"

namespace agentreel::viewer {

struct BarLook {
  ImU32 fill = 0;
  SpanStatus status = SpanStatus::ok;
  bool selected = false;
  bool hovered = false;
  float rounding = 2;
  float scale = 1;  // ui scale, for line widths
};

// A bar over [min, max]; unfinished and cancelled bars are faded (unfinished also hatched), error bars get a
// red outline, denied bars an amber outline and stripes.
void paint_bar(ImDrawList* draw, ImVec2 min, ImVec2 max, const BarLook& look);
// A diamond centred at `center` for an instant event.
void paint_instant(ImDrawList* draw, ImVec2 center, float half, const BarLook& look);
// A run of folded bars: a muted block with a zig-zag, outlined red when `has_error`.
void paint_folded(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 tint, bool has_error, bool hovered, float scale);
// Label inside [min, max], clipped; starts at `text_x` (pinned to the visible left edge by the caller).
void paint_label(ImDrawList* draw, ImFont* font, float font_size, ImVec2 min, ImVec2 max, float text_x, ImU32 color,
                 const char* text, const char* text_end);

struct RulerLook {
  bool ordinal = false;  // label in steps instead of seconds
  float scale = 1;
};
// The ruler's labelled step (ns) for this zoom: about every 110 logical pixels, a 1-2-5 multiple.
double ruler_major_step(const RailViewport& viewport, float scale);
// Ticks (five per major step) and labels for offsets from the session start.
void paint_ruler(ImDrawList* draw, ImFont* font, float font_size, ImVec2 min, ImVec2 max, const RailViewport& viewport,
                 double major_step_ns, const RulerLook& look);
// Faint vertical lines at every major step within [min, max].
void paint_grid(ImDrawList* draw, ImVec2 min, ImVec2 max, const RailViewport& viewport, double step_ns);

}  // namespace agentreel::viewer
