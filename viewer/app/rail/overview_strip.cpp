// Overview strip (see overview_strip.h). Bars are sqrt-scaled so a busy minute does not flatten the rest.
#include "app/rail/overview_strip.h"

#include <algorithm>
#include <cmath>

#include "app/theme.h"

namespace agentreel::viewer {
namespace {

constexpr uint32_t kBuckets = 480;

double session_duration(const Session& session) {
  return std::max(static_cast<double>(session.end_ns - session.start_ns), 1.0);
}

}  // namespace

float OverviewStrip::height(float font_size) { return std::round(font_size * 1.7f); }

void OverviewStrip::reserve(float full_width, float height) {
  min_ = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##overview", ImVec2(std::max(full_width, 1.0f), height));
  active_ = ImGui::IsItemActive();
  activated_ = ImGui::IsItemActivated();
  hovered_ = ImGui::IsItemHovered();
  max_ = ImGui::GetItemRectMax();
}

void OverviewStrip::handle_input(RailViewport& viewport, double duration_ns, float origin_x, float width) {
  if (!active_ || width <= 0) return;
  const double duration = std::max(duration_ns, 1.0);
  const double t = (ImGui::GetIO().MousePos.x - origin_x) / width * duration;
  const double visible = width * viewport.ns_per_px;
  if (activated_) {
    // On the window: drag it from where it was grabbed. Elsewhere: centre the window there, then drag.
    const bool on_window = t >= viewport.start_ns && t <= viewport.start_ns + visible;
    grab_ns_ = on_window ? t - viewport.start_ns : visible * 0.5;
  }
  viewport.start_ns = t - grab_ns_;
  ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
}

void OverviewStrip::count(const Trace& trace, uint32_t session_index) {
  counted_session_ = session_index;
  counted_trace_ = &trace;
  starts_.assign(kBuckets, 0);
  errors_.assign(kBuckets, 0);
  max_starts_ = 0;
  const Session& session = trace.sessions[session_index];
  const double duration = session_duration(session);
  const uint32_t n = static_cast<uint32_t>(trace.spans.size());
  const uint32_t last = static_cast<uint32_t>(std::min<uint64_t>(uint64_t(session.first_span) + session.span_count, n));
  for (uint32_t s = std::min(session.first_span, n); s < last; ++s) {
    const double offset = static_cast<double>(trace.spans.start_ns[s] - session.start_ns);
    const uint32_t b = static_cast<uint32_t>(std::clamp(offset / duration * kBuckets, 0.0, kBuckets - 1.0));
    ++starts_[b];
    if (trace.spans.is_error(s)) ++errors_[b];
  }
  for (uint32_t c : starts_) max_starts_ = std::max(max_starts_, c);
}

void OverviewStrip::paint(const Trace& trace, uint32_t session_index, const RailViewport& viewport, float origin_x,
                          float width, UiProbe& probe) {
  if (session_index >= trace.sessions.size() || width <= 0) return;
  if (counted_session_ != session_index || counted_trace_ != &trace) count(trace, session_index);
  const Session& session = trace.sessions[session_index];
  const double duration = session_duration(session);
  const float scale = ImGui::GetFontSize() / theme::kBaseFontPx;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float top = min_.y + std::round(2 * scale), bottom = max_.y - std::round(2 * scale);
  draw->AddRectFilled(ImVec2(origin_x, top), ImVec2(origin_x + width, bottom), IM_COL32(30, 33, 40, 255), 3 * scale);
  probe.overview = {origin_x, top, origin_x + width, bottom};
  const float bucket_w = width / kBuckets;
  const float bar_h = bottom - top - 2 * scale;
  for (uint32_t b = 0; b < kBuckets; ++b) {
    if (starts_[b] == 0) continue;
    const float h = std::max(1.0f, bar_h * std::sqrt(static_cast<float>(starts_[b]) / std::max(max_starts_, 1u)));
    const float x0 = origin_x + b * bucket_w, x1 = std::max(x0 + 1, x0 + bucket_w - 0.5f);
    draw->AddRectFilled(ImVec2(x0, bottom - 1 * scale - h), ImVec2(x1, bottom - 1 * scale),
                        IM_COL32(88, 120, 170, 255));
    if (errors_[b] > 0) {
      draw->AddRectFilled(ImVec2(x0, top + 1 * scale), ImVec2(x1, top + 4 * scale), theme::kErrorText);
    }
  }
  // The visible window, clamped to the strip.
  const double visible = width * viewport.ns_per_px;
  float wx0 = origin_x + static_cast<float>(viewport.start_ns / duration * width);
  float wx1 = origin_x + static_cast<float>((viewport.start_ns + visible) / duration * width);
  wx0 = std::clamp(wx0, origin_x, origin_x + width);
  wx1 = std::clamp(wx1, origin_x, origin_x + width);
  if (wx1 - wx0 < 3 * scale) {
    const float mid = (wx0 + wx1) * 0.5f;
    wx0 = mid - 1.5f * scale;
    wx1 = mid + 1.5f * scale;
  }
  draw->AddRectFilled(ImVec2(origin_x, top), ImVec2(wx0, bottom), IM_COL32(0, 0, 0, 90));
  draw->AddRectFilled(ImVec2(wx1, top), ImVec2(origin_x + width, bottom), IM_COL32(0, 0, 0, 90));
  draw->AddRectFilled(ImVec2(wx0, top), ImVec2(wx1, bottom), IM_COL32(88, 166, 255, active_ ? 70 : 40), 2 * scale);
  draw->AddRect(ImVec2(wx0, top), ImVec2(wx1, bottom), theme::kAccent, 2 * scale, 0,
                (hovered_ || active_ ? 2.0f : 1.5f) * scale);
  if (hovered_ && !active_) {
    ImGui::SetTooltip("Whole session: drag the window to pan, click to jump there");
  }
}

}  // namespace agentreel::viewer
