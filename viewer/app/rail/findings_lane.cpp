// Findings lane (see findings_lane.h). Findings come ranked (critical first); markers are painted in reverse
// so the most severe lies on top, and hit-testing walks in rank order so the one on top is the one clicked.
#include "app/rail/findings_lane.h"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "app/diagnosis/finding_look.h"

namespace agentreel::viewer {

float FindingsLane::height(float font_size) { return std::round(font_size * 1.3f); }

void FindingsLane::reserve(float full_width, float height) {
  min_ = ImGui::GetCursorScreenPos();
  clicked_ = ImGui::InvisibleButton("##findings_lane", ImVec2(std::max(full_width, 1.0f), height));
  hovered_ = ImGui::IsItemHovered();
  max_ = ImGui::GetItemRectMax();
}

void FindingsLane::paint(const Trace& trace, const diagnosis::SessionDiagnosis* diagnosis, const RailViewport& viewport,
                         float origin_x, float width, ViewState& state, const Fonts& fonts) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float font_size = ImGui::GetFontSize();
  const float scale = font_size / theme::kBaseFontPx;
  draw->AddRectFilled(min_, max_, IM_COL32(30, 33, 40, 255));
  draw->PushClipRect(min_, max_, true);
  const float text_y = min_.y + (max_.y - min_.y - font_size) * 0.5f;
  if (!diagnosis) {
    draw->AddText(ImVec2(origin_x + 4 * scale, text_y), theme::kTextDim, "Diagnosis: analysing\xE2\x80\xA6");
    draw->PopClipRect();
    return;
  }
  state.probe.finding_markers.assign(diagnosis->findings.size(), ProbeRect{});
  if (diagnosis->findings.empty()) {
    draw->AddText(ImVec2(origin_x + 4 * scale, text_y), theme::kTextDim, "Diagnosis: no findings");
    draw->PopClipRect();
    return;
  }
  const float right = origin_x + width;
  const float pad_y = std::round(3 * scale);
  const float min_width = std::round(8 * scale);
  std::vector<ImVec4> rects(diagnosis->findings.size());
  for (size_t i = 0; i < diagnosis->findings.size(); ++i) {
    const FindingRange range = finding_range(trace, diagnosis->findings[i]);
    float x0 = origin_x + static_cast<float>(std::clamp(viewport.x_of(range.from_ns), -1e6, 1e6));
    float x1 = origin_x + static_cast<float>(std::clamp(viewport.x_of(range.to_ns), -1e6, 1e6));
    if (x1 - x0 < min_width) {
      const float mid = (x0 + x1) * 0.5f;
      x0 = mid - min_width * 0.5f;
      x1 = mid + min_width * 0.5f;
    }
    rects[i] = ImVec4(x0, min_.y + pad_y, x1, max_.y - pad_y);
    const float vx0 = std::max(x0, origin_x - min_width * 0.5f), vx1 = std::min(x1, right + min_width * 0.5f);
    if (vx1 > vx0) state.probe.finding_markers[i] = {vx0, rects[i].y, vx1, rects[i].w};
  }
  // Hover: the most severe marker under the mouse.
  int hovered = -1;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  if (hovered_ || clicked_) {
    for (size_t i = 0; i < rects.size() && hovered < 0; ++i) {
      const ProbeRect& r = state.probe.finding_markers[i];
      if (!r.empty() && mouse.x >= r.x0 && mouse.x < r.x1) hovered = static_cast<int>(i);
    }
  }
  for (size_t k = rects.size(); k-- > 0;) {
    const diagnosis::Finding& f = diagnosis->findings[k];
    const ImVec4& r = rects[k];
    const bool focused = static_cast<int>(k) == state.focused_finding;
    const ImU32 color = severity_color(f.severity);
    const ImU32 fill = theme::with_alpha(color, static_cast<int>(k) == hovered || focused ? 0.95f : 0.7f);
    draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.z, r.w), fill, 3 * scale);
    draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.z, r.w), focused ? theme::kSelection : color, 3 * scale, 0,
                  (focused ? 2.0f : 1.0f) * scale);
    const char* letter = finding_kind_letter(f.kind);
    const float label_size = font_size * 0.8f;
    const ImVec2 size = fonts.bold->CalcTextSizeA(label_size, FLT_MAX, 0, letter);
    const float vx0 = std::max(r.x, origin_x), vx1 = std::min(r.z, right);
    if (vx1 - vx0 > size.x + 4 * scale) {
      draw->AddText(fonts.bold, label_size, ImVec2(vx0 + 3 * scale, (r.y + r.w - size.y) * 0.5f),
                    theme::text_color_on(color), letter);
    }
  }
  // The focused finding's cause: a tick at the span that led to it, joined to the finding.
  if (state.focused_finding >= 0 && static_cast<size_t>(state.focused_finding) < rects.size()) {
    const diagnosis::Finding& f = diagnosis->findings[state.focused_finding];
    if (f.cause_span < trace.spans.size()) {
      const int64_t origin = trace.sessions[trace.session_of(f.cause_span)].start_ns;
      const float cx =
          origin_x + static_cast<float>(std::clamp(
                         viewport.x_of(static_cast<double>(trace.spans.start_ns[f.cause_span] - origin)), -1e6, 1e6));
      const ImVec4& r = rects[state.focused_finding];
      const float mid_y = (r.y + r.w) * 0.5f;
      draw->AddLine(ImVec2(cx, mid_y), ImVec2(std::clamp(cx, r.x, r.z), mid_y), theme::kSelection, 1.5f * scale);
      draw->AddTriangleFilled(ImVec2(cx, r.y), ImVec2(cx - 4 * scale, r.w), ImVec2(cx + 4 * scale, r.w),
                              theme::kSelection);
    }
  }
  draw->PopClipRect();
  if (hovered < 0) return;
  const diagnosis::Finding& f = diagnosis->findings[hovered];
  if (clicked_) focus_finding(trace, *diagnosis, hovered, state);
  ImGui::BeginTooltip();
  ImGui::PushFont(fonts.bold);
  ImGui::PushStyleColor(ImGuiCol_Text, severity_color(f.severity));
  ImGui::Text("%s", finding_kind_label(f.kind));
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::SameLine();
  const auto severity = diagnosis::severity_name(f.severity);
  ImGui::TextDisabled("%.*s", static_cast<int>(severity.size()), severity.data());
  ImGui::PushTextWrapPos(font_size * 30);
  ImGui::TextUnformatted(f.summary.c_str());
  ImGui::PopTextWrapPos();
  if (f.cause_span < trace.spans.size()) ImGui::TextDisabled("Caused by span %u (marked \xE2\x96\xB2).", f.cause_span);
  ImGui::TextDisabled("Click to zoom to it and select span %u.", finding_range(trace, f).focus_span);
  ImGui::EndTooltip();
}

}  // namespace agentreel::viewer
