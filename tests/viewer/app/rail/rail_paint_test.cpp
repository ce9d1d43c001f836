// rail_paint: a folded run's zig-zag and the stripes of unfinished and denied bars are cut to their bar by
// hand, so every bar stays in the draw command it started in (a clip rectangle per bar would open a new draw
// call each, which a software rasterizer pays for per call) and draws nothing outside it.
#include "app/rail/rail_paint.h"

#include <catch2/catch.hpp>

#include "imgui.h"

using namespace agentreel;
using namespace agentreel::viewer;

namespace {

struct ImGuiFixture {
  // A frame in progress: NewFrame fills the shared draw data (arc tables, the atlas' lines texture).
  ImGuiFixture() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(1280, 800);
    io.IniFilename = nullptr;  // no imgui.ini left behind
    io.Fonts->Build();
    ImGui::NewFrame();
  }
  ~ImGuiFixture() {
    ImGui::EndFrame();
    ImGui::DestroyContext();
  }
};

// Runs `paint` into a fresh draw list and checks: one draw command, every vertex within `min`..`max` widened by
// the anti-aliasing fringe of a line of `thickness`.
template <typename Paint>
void require_inside(ImVec2 min, ImVec2 max, float thickness, Paint paint) {
  ImDrawList draw(ImGui::GetDrawListSharedData());
  draw._ResetForNewFrame();
  draw.PushClipRectFullScreen();
  paint(&draw);
  CHECK(draw.CmdBuffer.Size == 1);
  REQUIRE(draw.VtxBuffer.Size > 4);  // more than the fill: the pattern was drawn
  const float slack = thickness * 0.5f + 1.0f;
  for (const ImDrawVert& v : draw.VtxBuffer) {
    REQUIRE(v.pos.x >= min.x - slack);
    REQUIRE(v.pos.x <= max.x + slack);
    REQUIRE(v.pos.y >= min.y - slack);
    REQUIRE(v.pos.y <= max.y + slack);
  }
}

}  // namespace

TEST_CASE("folded runs and striped bars draw inside their bar, in one draw command") {
  ImGuiFixture imgui;
  for (const float width : {7.0f, 10.0f, 31.3f, 200.0f, 1279.5f}) {
    const ImVec2 min(100.5f, 40.0f), max(100.5f + width, 58.0f);
    require_inside(min, max, 1.0f,
                   [&](ImDrawList* d) { paint_folded(d, min, max, IM_COL32(90, 140, 220, 255), false, false, 1.0f); });
    for (const SpanStatus status : {SpanStatus::unfinished, SpanStatus::denied}) {
      BarLook look;
      look.fill = IM_COL32(90, 140, 220, 255);
      look.status = status;
      require_inside(min, max, 2.5f, [&](ImDrawList* d) { paint_bar(d, min, max, look); });
    }
  }
}
