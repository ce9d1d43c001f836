// The trace rail (see rail_panel.h): header, ruler, then the lanes child. Input changes the viewport
// before the preprocess pass, so a frame always paints what its own input asked for.
#include "app/rail/rail_panel.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/audit/audit_look.h"
#include "app/conversation/text_cache.h"
#include "app/rail/rail_paint.h"
#include "app/secrets/secret_look.h"
#include "app/text/session_clock.h"
#include "app/text/text_fit.h"
#include "app/text/time_format.h"
#include "core/text.h"
#include "model/session_summary.h"

namespace agentreel::viewer {
namespace {

constexpr double kMinNsPerPx = 0.02;     // deepest zoom: 50 px per ns
constexpr float kClickTravelPx = 4;      // a press that moves less than this is a click, not a drag
constexpr uint32_t kFoldErrorScan = 64;  // folded runs longer than this are not scanned for errors

std::string duration_text(const Session& session, int64_t ns) {
  return clock_duration(session_clock(session.flags), ns);
}

// Scales a colour's alpha: spans after the playhead and spans the find box does not match are drawn faint.
ImU32 with_alpha(ImU32 color, float factor) {
  const uint32_t a = (color >> IM_COL32_A_SHIFT) & 0xFF;
  return (color & ~IM_COL32_A_MASK) | (static_cast<uint32_t>(a * factor) << IM_COL32_A_SHIFT);
}
constexpr ImU32 kMatchOutline = IM_COL32(255, 214, 64, 255);
constexpr ImU32 kPlayheadColor = IM_COL32(255, 92, 92, 255);

// A disclosure triangle centred in [min, max]: pointing right when collapsed, down when expanded.
void paint_disclosure(ImDrawList* draw, ImVec2 min, ImVec2 max, bool collapsed, ImU32 color) {
  const float cx = (min.x + max.x) * 0.5f, cy = (min.y + max.y) * 0.5f;
  const float r = std::min(max.x - min.x, max.y - min.y) * 0.32f;
  if (collapsed) {
    draw->AddTriangleFilled(ImVec2(cx - r * 0.7f, cy - r), ImVec2(cx - r * 0.7f, cy + r), ImVec2(cx + r, cy), color);
  } else {
    draw->AddTriangleFilled(ImVec2(cx - r, cy - r * 0.7f), ImVec2(cx + r, cy - r * 0.7f), ImVec2(cx, cy + r), color);
  }
}

bool is_instant(const Trace& trace, uint32_t span) {
  return (trace.spans.flags[span] & kFlagInstant) || trace.spans.duration_ns[span] == 0;
}

// 17912345 -> "17.9M", 52300 -> "52.3k", 812 -> "812".
std::string token_count_text(int64_t tokens) {
  char buffer[32];
  if (tokens >= 1000000) {
    std::snprintf(buffer, sizeof buffer, "%.1fM", double(tokens) / 1e6);
  } else if (tokens >= 1000) {
    std::snprintf(buffer, sizeof buffer, "%.1fk", double(tokens) / 1e3);
  } else {
    std::snprintf(buffer, sizeof buffer, "%lld", static_cast<long long>(tokens));
  }
  return buffer;
}

}  // namespace

void RailPanel::reset() {
  viewport_session_ = UINT32_MAX;
  overview_.reset();
  collapse_.reset();
  pending_toggle_ = kNoSpan;
  hovered_disclosure_ = kNoSpan;
  items_.clear();
  hovered_item_ = -1;
  pending_scroll_y_ = -1;
}

double RailPanel::max_ns_per_px(const Session& session, float width) const {
  const double duration = std::max<double>(static_cast<double>(session.end_ns - session.start_ns), 1e3);
  return std::max(duration * 4 / std::max(width, 1.0f), kMinNsPerPx * 10);
}

bool RailPanel::run_holds_secret(const Document& doc, const SessionLanes& lanes, const RailItem& item) const {
  // A lane's spans ascend in index, but other lanes' spans lie between them: each secret span in the run's index
  // range is checked for its lane.
  const uint32_t first = lanes.spans[item.first], last = lanes.spans[item.first + item.count - 1];
  auto it = std::lower_bound(secrets_->spans.begin(), secrets_->spans.end(), first);
  for (uint32_t checked = 0; it != secrets_->spans.end() && *it <= last && checked < kFoldErrorScan; ++it, ++checked) {
    if (collapse_.lane_of(doc, *it) == item.lane) return true;
  }
  return false;
}

void RailPanel::draw_header(const Document& doc, ViewState& state, const Fonts& fonts) {
  const Trace& trace = doc.trace();
  const Session& session = trace.sessions[state.session];
  const SessionLanes& lanes = doc.layout().sessions[state.session];
  std::string id(trace.strings.get(session.id));
  if (id.empty()) id = "(session " + std::to_string(state.session + 1) + ")";
  if (title_session_ != state.session || title_doc_ != &doc) {
    title_session_ = state.session;
    title_doc_ = &doc;
    title_ = session_title(trace, document_reader(doc), state.session, 120);
    const TokenTotals tokens = session_tokens(trace, state.session);
    const CostTotal cost = session_cost(trace, state.session);
    usage_.clear();
    usage_detail_.clear();
    if (cost.priced_calls + cost.unknown_calls > 0) {
      usage_ = token_count_text(tokens.total()) + " tokens  \xC2\xB7  " +
               (cost.unknown_calls == 0  ? usd_text(cost.usd)
                : cost.priced_calls == 0 ? std::string("cost unknown")
                                         : "\xE2\x89\xA5 " + usd_text(cost.usd));
      usage_detail_ = "Tokens: " + std::to_string(tokens.input) + " input, " + std::to_string(tokens.output) +
                      " output, " + std::to_string(tokens.cache_read) + " cache read, " +
                      std::to_string(tokens.cache_creation) + " cache write\nCost: " + cost_text(cost) +
                      "\n(list prices; docs/pricing.md)";
    }
  }
  // The session's title (its task) when it has one, its id beside it dimmed, and the id alone otherwise.
  ImGui::PushFont(fonts.bold);
  const float title_room = std::max(ImGui::GetContentRegionAvail().x * 0.45f, ImGui::GetFontSize() * 8);
  ImGui::TextUnformatted((title_.empty() ? elide_middle(id, title_room, theme::text_width)
                                         : fit_end(title_, title_room, theme::text_width))
                             .c_str());
  ImGui::PopFont();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s%s%s", title_.c_str(), title_.empty() ? "" : "\n", id.c_str());
  ImGui::SameLine();
  const SessionClock clock = session_clock(session.flags);
  std::string info = clock == SessionClock::wall ? format_utc(session.start_ns) : std::string(clock_label(clock));
  info += "  \xC2\xB7  " + duration_text(session, session.end_ns - session.start_ns);
  info += "  \xC2\xB7  " + count_text(session.span_count, "span");
  if (!usage_.empty()) info += "  \xC2\xB7  " + usage_;
  ImGui::TextDisabled("%s", info.c_str());
  if (!usage_detail_.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", usage_detail_.c_str());
  if (lanes.error_count > 0) {
    ImGui::SameLine(0, 0);
    ImGui::TextDisabled("  \xC2\xB7  ");
    ImGui::SameLine(0, 0);
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
    ImGui::TextUnformatted(count_text(lanes.error_count, "error").c_str());
    ImGui::PopStyleColor();
  }
  ImGui::SameLine();
  bool show_bookkeeping = !collapse_.hide_bookkeeping();
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 0));
  if (ImGui::Checkbox("Hooks", &show_bookkeeping)) collapse_.set_hide_bookkeeping(doc, !show_bookkeeping);
  ImGui::PopStyleVar();
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip(
        "Show hooks that allowed, progress events and notices (H). Hidden, each is folded into the\n"
        "call it belongs to; denials, interruptions and compactions always show.");
  }

  // Right side: legend, then the Fit button.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float chip = std::round(ImGui::GetFontSize() * 0.75f);
  float legend_width = 0;
  for (int k = 0; k < kSpanKindCount; ++k) {
    legend_width += chip + style.ItemInnerSpacing.x +
                    ImGui::CalcTextSize(theme::kind_label(static_cast<SpanKind>(k))).x + style.ItemSpacing.x * 1.5f;
  }
  const float fit_width = ImGui::CalcTextSize("Fit").x + style.FramePadding.x * 2;
  const float right_edge = ImGui::GetWindowContentRegionMax().x + ImGui::GetWindowPos().x;
  const float after_info = ImGui::GetItemRectMax().x + style.ItemSpacing.x * 3;
  float x = right_edge - fit_width;
  const bool legend_fits = x - legend_width > after_info;
  if (legend_fits) x -= legend_width + style.ItemSpacing.x;
  ImGui::SameLine();
  if (x > ImGui::GetCursorScreenPos().x) ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
  if (legend_fits) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (int k = 0; k < kSpanKindCount; ++k) {
      const SpanKind kind = static_cast<SpanKind>(k);
      const ImVec2 p = ImGui::GetCursorScreenPos();
      const float y = p.y + (ImGui::GetTextLineHeight() - chip) * 0.5f + style.FramePadding.y;
      draw->AddRectFilled(ImVec2(p.x, y), ImVec2(p.x + chip, y + chip), theme::kind_color(kind), 2);
      ImGui::Dummy(ImVec2(chip, ImGui::GetFrameHeight()));
      ImGui::SameLine(0, style.ItemInnerSpacing.x);
      ImGui::AlignTextToFramePadding();
      ImGui::TextDisabled("%s", theme::kind_label(kind));
      ImGui::SameLine(0, style.ItemSpacing.x * 1.5f);
    }
  }
  // F fits wherever the pointer is (there is one rail); Ctrl+F is the find box.
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::SmallButton("Fit") || (ImGui::IsKeyPressed(ImGuiKey_F, false) && !io.WantTextInput && !io.KeyCtrl &&
                                    !io.KeySuper && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup))) {
    state.fit_session = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the whole session (F)");
}

void RailPanel::apply_requests(const Document& doc, ViewState& state, float width, float lane_height,
                               float view_height) {
  const Trace& trace = doc.trace();
  const Session& session = trace.sessions[state.session];
  const double duration = static_cast<double>(session.end_ns - session.start_ns);
  if (viewport_session_ != state.session || state.fit_session) {
    viewport_.fit(0, std::max(duration, 1.0), width);
    viewport_session_ = state.session;
    state.fit_session = false;
    pending_scroll_y_ = 0;
  }
  auto span_in_session = [&](uint32_t span) {
    return span < trace.spans.size() && trace.session_of(span) == state.session;
  };
  auto scroll_to_lane = [&](uint32_t span) {
    const float lane_top = collapse_.lane_of(doc, span) * lane_height;
    if (lane_top < lanes_scroll_y_ || lane_top + lane_height > lanes_scroll_y_ + view_height) {
      pending_scroll_y_ = std::max(0.0f, lane_top - view_height * 0.3f);
    }
  };
  if (state.zoom_to_ns > state.zoom_from_ns) {
    viewport_.fit(state.zoom_from_ns, state.zoom_to_ns, width, 0.08);
    state.zoom_to_ns = -1;
  }
  // A span asked for inside a collapsed subtree: expand its ancestors so it is drawn.
  if (state.zoom_to_span != kNoSpan) collapse_.reveal(doc, state.zoom_to_span);
  if (state.reveal_span != kNoSpan) collapse_.reveal(doc, state.reveal_span);
  if (state.zoom_to_span != kNoSpan) {
    const uint32_t span = state.zoom_to_span;
    state.zoom_to_span = kNoSpan;
    if (span_in_session(span)) {
      const double start = static_cast<double>(trace.spans.start_ns[span] - session.start_ns);
      const double length = static_cast<double>(trace.spans.duration_ns[span]);
      if (length > 0) {
        viewport_.fit(start, start + length, width, 0.08);
      } else {
        viewport_.start_ns = start - width * 0.5 * viewport_.ns_per_px;
      }
      scroll_to_lane(span);
    }
  }
  if (state.reveal_span != kNoSpan) {
    const uint32_t span = state.reveal_span;
    state.reveal_span = kNoSpan;
    if (span_in_session(span)) {
      const double start = static_cast<double>(trace.spans.start_ns[span] - session.start_ns);
      const double end = start + static_cast<double>(trace.spans.duration_ns[span]);
      const double view_start = viewport_.time_at(0);
      const double view_end = viewport_.time_at(width);
      if (end < view_start || start > view_end) {
        const double visible = view_end - view_start;
        viewport_.start_ns =
            (end - start < visible * 0.8) ? (start + end) * 0.5 - visible * 0.5 : start - visible * 0.1;
      }
      scroll_to_lane(span);
    }
  }
  viewport_.ns_per_px = std::clamp(viewport_.ns_per_px, kMinNsPerPx, max_ns_per_px(session, width));
  // Follow the playhead: when it leaves the middle 90% of the view, page so it sits at 10%.
  if (state.playhead_ns >= 0 && state.follow && (state.playing || follow_pending_)) {
    const double x = viewport_.x_of(state.playhead_ns);
    if (x < width * 0.05 || x > width * 0.95)
      viewport_.start_ns = state.playhead_ns - width * 0.1 * viewport_.ns_per_px;
  }
  follow_pending_ = false;
}

void RailPanel::handle_view_input(const Session& session, float width, float lane_height, bool hovered) {
  ImGuiIO& io = ImGui::GetIO();
  const float scale = ImGui::GetFontSize() / theme::kBaseFontPx;
  if (hovered && io.MouseWheel != 0) {
    if (io.KeyCtrl) {
      pending_scroll_y_ = std::max(0.0f, lanes_scroll_y_ - io.MouseWheel * lane_height * 3);
    } else if (io.KeyShift) {
      viewport_.start_ns -= io.MouseWheel * 60 * scale * viewport_.ns_per_px;
    } else {
      const float anchor = io.MousePos.x - ImGui::GetWindowPos().x - 8 * scale;
      viewport_.zoom(std::pow(1.25, -io.MouseWheel), std::clamp(anchor, 0.0f, width), kMinNsPerPx,
                     max_ns_per_px(session, width));
    }
  }
  if (hovered && io.MouseWheelH != 0) viewport_.start_ns -= io.MouseWheelH * 60 * scale * viewport_.ns_per_px;

  const bool keys = !io.WantTextInput && ImGui::IsWindowHovered(ImGuiHoveredFlags_RootAndChildWindows);
  if (keys) {
    if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) viewport_.start_ns -= width * 0.1 * viewport_.ns_per_px;
    if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) viewport_.start_ns += width * 0.1 * viewport_.ns_per_px;
    if (ImGui::IsKeyPressed(ImGuiKey_Equal) || ImGui::IsKeyPressed(ImGuiKey_KeypadAdd)) {
      viewport_.zoom(1 / 1.5, width * 0.5, kMinNsPerPx, max_ns_per_px(session, width));
    }
    if (ImGui::IsKeyPressed(ImGuiKey_Minus) || ImGui::IsKeyPressed(ImGuiKey_KeypadSubtract)) {
      viewport_.zoom(1.5, width * 0.5, kMinNsPerPx, max_ns_per_px(session, width));
    }
  }
  // Keep some of the session on screen.
  const double duration = static_cast<double>(session.end_ns - session.start_ns);
  const double visible = width * viewport_.ns_per_px;
  viewport_.start_ns = std::clamp(viewport_.start_ns, -visible * 0.9, std::max(duration - visible * 0.1, 0.0));
}

void RailPanel::draw(const Document& doc, ViewState& state, const Fonts& fonts,
                     const diagnosis::SessionDiagnosis* diagnosis, const SessionSecrets* secrets) {
  const Trace& trace = doc.trace();
  secrets_ = secrets && !secrets->spans.empty() ? secrets : nullptr;
  if (trace.sessions.empty()) {
    ImGui::TextDisabled("This bundle has no sessions.");
    return;
  }
  state.session = std::min<uint32_t>(state.session, static_cast<uint32_t>(trace.sessions.size() - 1));
  const Session& session = trace.sessions[state.session];
  const ImGuiStyle& style = ImGui::GetStyle();
  const float font_size = ImGui::GetFontSize();
  const float scale = font_size / theme::kBaseFontPx;
  // A collapse or expand asked for last frame: the lanes are rebuilt once, here, before anything uses them.
  collapse_.lanes(doc, state.session);
  if (pending_toggle_ != kNoSpan) {
    collapse_.toggle(doc, pending_toggle_);
    pending_toggle_ = kNoSpan;
  }

  draw_header(doc, state, fonts);

  const float pad_x = std::round(8 * scale);
  const float ruler_height = std::round(font_size * 1.7f);
  const float lane_height = std::round(font_size * 1.55f);
  const float top_pad = std::round(6 * scale);
  const float full_width = ImGui::GetContentRegionAvail().x;
  const float width = std::max(full_width - 2 * pad_x - style.ScrollbarSize, 10.0f);
  last_width_ = width;
  overview_.reserve(full_width, OverviewStrip::height(font_size));
  const ImVec2 ruler_min = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##ruler", ImVec2(std::max(full_width, 1.0f), ruler_height));
  const bool ruler_hovered = ImGui::IsItemHovered();
  const bool ruler_active = ImGui::IsItemActive();
  const float findings_height = FindingsLane::height(font_size);
  findings_lane_.reserve(full_width, findings_height);

  const float lanes_view_height = std::max(ImGui::GetContentRegionAvail().y, 1.0f);
  apply_requests(doc, state, width, lane_height, lanes_view_height);
  overview_.handle_input(viewport_, static_cast<double>(session.end_ns - session.start_ns), ruler_min.x + pad_x, width);
  const SessionLanes& lanes = collapse_.lanes(doc, state.session);

  const float content_height = lanes.lane_count * lane_height + 2 * top_pad;
  ImGui::SetNextWindowContentSize(ImVec2(0, content_height));
  ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(24, 26, 32, 255));
  ImGui::BeginChild("##lanes", ImVec2(0, 0), ImGuiChildFlags_None,
                    ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_AlwaysVerticalScrollbar);
  ImGui::PopStyleColor();
  if (pending_scroll_y_ >= 0) {
    ImGui::SetScrollY(pending_scroll_y_);
    pending_scroll_y_ = -1;
  }
  lanes_scroll_y_ = ImGui::GetScrollY();
  const ImVec2 window_pos = ImGui::GetWindowPos();
  const float view_height = ImGui::GetWindowHeight();
  ImGui::SetCursorPos(ImVec2(0, lanes_scroll_y_));
  ImGui::InvisibleButton("##lanes_input", ImVec2(std::max(width + 2 * pad_x, 1.0f), view_height));
  const bool lanes_hovered = ImGui::IsItemHovered();
  const bool lanes_active = ImGui::IsItemActive();
  // The press frame's MouseDelta is the jump to where the button went down (a tap on a touch screen, or a
  // synthetic click): it is neither a drag nor travel.
  const bool just_pressed = ImGui::IsItemActivated();
  if (just_pressed) press_travel_ = 0;

  handle_view_input(session, width, lane_height, lanes_hovered || ruler_hovered);
  ImGuiIO& io = ImGui::GetIO();
  if (ruler_active) {
    // The ruler is a video scrubber: press or drag sets the playhead.
    const double duration = static_cast<double>(session.end_ns - session.start_ns);
    state.playhead_ns = std::clamp(viewport_.time_at(io.MousePos.x - ruler_min.x - pad_x), 0.0, duration);
  }
  if (lanes_active && !just_pressed && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f)) {
    viewport_.start_ns -= io.MouseDelta.x * viewport_.ns_per_px;
    if (lanes_active && io.MouseDelta.y != 0) ImGui::SetScrollY(lanes_scroll_y_ - io.MouseDelta.y);
    press_travel_ += std::fabs(io.MouseDelta.x) + std::fabs(io.MouseDelta.y);
    if (press_travel_ >= kClickTravelPx * scale) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
  }
  major_step_ns_ = ruler_major_step(viewport_, scale);

  Geometry g;
  g.origin = ImVec2(window_pos.x + pad_x, window_pos.y - lanes_scroll_y_ + top_pad);
  g.width = width;
  g.lane_height = lane_height;
  g.bar_height = lane_height - std::round(5 * scale);
  g.top_pad = top_pad;
  draw_lanes(doc, state, fonts, g);

  const RailItem* hovered = hovered_item_ >= 0 ? &items_[hovered_item_] : nullptr;
  state.hovered_span = hovered && hovered->count == 1 ? lanes.spans[hovered->first] : kNoSpan;
  if (ImGui::IsItemDeactivated() && press_travel_ < kClickTravelPx * scale && lanes_hovered) {
    if (hovered_disclosure_ != kNoSpan) {
      pending_toggle_ = hovered_disclosure_;  // the triangle: collapse or expand, applied next frame
    } else if (hovered && hovered->count == 1) {
      state.select(lanes.spans[hovered->first], state.session);
      state.reveal_span = kNoSpan;  // it is on screen already
    } else if (hovered) {
      // A folded run: zoom in on it.
      const double t0 = viewport_.time_at(hovered->x0);
      const double t1 = viewport_.time_at(std::max(hovered->x1, hovered->x0 + 1));
      viewport_.fit(t0, t1, width, 0.1);
      viewport_.ns_per_px = std::max(viewport_.ns_per_px, kMinNsPerPx);
    }
  }
  if (lanes_hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left) && hovered && hovered->count == 1) {
    state.zoom_to_span = lanes.spans[hovered->first];
  }
  if (hovered && !(lanes_active && press_travel_ >= kClickTravelPx * scale)) draw_tooltip(doc, fonts, *hovered);
  if (lanes.lane_count == 0) {
    ImGui::SetCursorPos(ImVec2(pad_x, top_pad + lanes_scroll_y_));
    ImGui::TextDisabled("This session has no spans.");
  }
  ImGui::EndChild();

  // The ruler last, so it shows this frame's viewport; with a time cursor under the mouse.
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 ruler_max(ruler_min.x + full_width, ruler_min.y + ruler_height);
  draw->PushClipRect(ruler_min, ruler_max, true);
  RulerLook look;
  look.ordinal = session_clock(session.flags) == SessionClock::steps;
  look.scale = scale;
  paint_ruler(draw, fonts.ui, font_size * 0.9f, ImVec2(ruler_min.x + pad_x, ruler_min.y), ruler_max, viewport_,
              major_step_ns_, look);
  if (lanes_hovered || ruler_hovered) {
    const float mx = io.MousePos.x;
    const double t = viewport_.time_at(mx - ruler_min.x - pad_x);
    const std::string label =
        look.ordinal ? format_steps(static_cast<int64_t>(t)) : format_duration(static_cast<int64_t>(std::llround(t)));
    const ImVec2 size = ImGui::CalcTextSize(label.c_str());
    const float x = std::min(mx + 6 * scale, ruler_max.x - size.x - 8 * scale);
    const ImVec2 box_min(x - 4 * scale, ruler_max.y - size.y - 4 * scale);
    draw->AddRectFilled(box_min, ImVec2(x + size.x + 4 * scale, ruler_max.y - 1), IM_COL32(52, 94, 156, 255), 3);
    draw->AddText(ImVec2(x, box_min.y + 2 * scale), IM_COL32(255, 255, 255, 255), label.c_str());
    draw->AddLine(ImVec2(mx, ruler_min.y), ImVec2(mx, ruler_max.y), theme::kAccent, scale);
  }
  if (state.playhead_ns >= 0) {
    const float px = ruler_min.x + pad_x + static_cast<float>(viewport_.x_of(state.playhead_ns));
    if (px >= ruler_min.x && px <= ruler_max.x) {
      const float h = std::round(7 * scale);
      draw->AddTriangleFilled(ImVec2(px - h, ruler_max.y - h * 1.6f), ImVec2(px + h, ruler_max.y - h * 1.6f),
                              ImVec2(px, ruler_max.y), kPlayheadColor);
      draw->AddLine(ImVec2(px, ruler_min.y), ImVec2(px, ruler_max.y), kPlayheadColor, 2 * scale);
    }
  }
  draw->PopClipRect();
  findings_lane_.paint(trace, diagnosis, viewport_, ruler_min.x + pad_x, width, state, fonts);
  overview_.paint(trace, state.session, viewport_, ruler_min.x + pad_x, width, state.probe);
  // C collapses or expands the selected span's subtree.
  if (ImGui::IsKeyPressed(ImGuiKey_C, false) && !io.WantTextInput && !io.KeyCtrl && !io.KeySuper &&
      !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup) && state.selected_span != kNoSpan &&
      state.selected_span < trace.spans.size() && doc.layout().has_children[state.selected_span]) {
    pending_toggle_ = state.selected_span;
  }
}

void RailPanel::draw_lanes(const Document& doc, ViewState& state, const Fonts& fonts, const Geometry& g) {
  const Trace& trace = doc.trace();
  const Session& session = trace.sessions[state.session];
  const SessionLanes& lanes = collapse_.lanes(doc, state.session);
  drawn_lanes_ = lanes.lane_count;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float scale = ImGui::GetFontSize() / theme::kBaseFontPx;
  const ImVec2 clip_min = ImGui::GetWindowPos();
  const ImVec2 clip_max(clip_min.x + g.width + 2 * (g.origin.x - clip_min.x), clip_min.y + ImGui::GetWindowHeight());
  const float lane_area_right = g.origin.x + g.width;

  // Visible lanes from the scroll position.
  const float scroll = clip_min.y - g.origin.y + g.top_pad;  // == lanes_scroll_y_
  const uint32_t first_lane = static_cast<uint32_t>(std::max(0.0f, (scroll - g.top_pad) / g.lane_height));
  const uint32_t last_lane = std::min<uint32_t>(
      lanes.lane_count, static_cast<uint32_t>((scroll + (clip_max.y - clip_min.y)) / g.lane_height) + 2);

  // Background: alternate lanes, outside-the-session shade, grid.
  for (uint32_t lane = first_lane; lane < last_lane; ++lane) {
    if (lane % 2 == 0) continue;
    const float y = g.origin.y + lane * g.lane_height;
    draw->AddRectFilled(ImVec2(clip_min.x, y), ImVec2(clip_max.x, y + g.lane_height), theme::kLaneBgEven);
  }
  const float session_x0 = g.origin.x + static_cast<float>(std::max(viewport_.x_of(0), -1e6));
  const float session_x1 =
      g.origin.x +
      static_cast<float>(std::min(viewport_.x_of(static_cast<double>(session.end_ns - session.start_ns)), 1e6));
  if (session_x0 > clip_min.x) draw->AddRectFilled(clip_min, ImVec2(session_x0, clip_max.y), IM_COL32(0, 0, 0, 70));
  if (session_x1 < clip_max.x) {
    draw->AddRectFilled(ImVec2(std::max(session_x1, clip_min.x), clip_min.y), clip_max, IM_COL32(0, 0, 0, 70));
  }
  paint_grid(draw, ImVec2(g.origin.x, clip_min.y), ImVec2(lane_area_right, clip_max.y), viewport_, major_step_ns_);

  RailPreprocessInput input;
  input.trace = &trace;
  input.lanes = &lanes;
  input.session_start_ns = session.start_ns;
  input.viewport = viewport_;
  input.width_px = g.width;
  input.first_lane = first_lane;
  input.last_lane = last_lane;
  input.min_bar_px = 3 * scale;
  preprocess_rail(input, items_);

  // Hit test first, so the hovered item paints highlighted this frame.
  hovered_item_ = -1;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const bool mouse_inside = ImGui::IsWindowHovered() && mouse.x >= clip_min.x && mouse.x < clip_max.x;
  const float hit_slop = 3 * scale;
  if (mouse_inside) {
    for (size_t i = 0; i < items_.size(); ++i) {
      const RailItem& item = items_[i];
      const float y = g.origin.y + item.lane * g.lane_height;
      if (mouse.y < y || mouse.y >= y + g.lane_height) continue;
      const float x0 = g.origin.x + item.x0 - hit_slop;
      const float x1 = g.origin.x + std::max(item.x1, item.x0 + 1) + hit_slop;
      if (mouse.x >= x0 && mouse.x < x1) {
        hovered_item_ = static_cast<int>(i);
        // Prefer an item that contains the mouse without slop (neighbours overlap only through slop).
        if (mouse.x >= x0 + hit_slop && mouse.x < x1 - hit_slop) break;
      }
    }
  }

  ImFont* label_font = fonts.ui;
  const float font_size = ImGui::GetFontSize();
  const float disclosure_w = std::round(font_size * 0.8f);
  hovered_disclosure_ = kNoSpan;
  const float bar_pad = std::floor((g.lane_height - g.bar_height) * 0.5f);
  const float secret_flag = std::round(g.bar_height * 0.7f);
  const float policy_flag = std::round(g.bar_height * 0.75f);
  std::string label;
  for (size_t i = 0; i < items_.size(); ++i) {
    const RailItem& item = items_[i];
    const float y0 = g.origin.y + item.lane * g.lane_height + bar_pad;
    const float y1 = y0 + g.bar_height;
    const bool hovered = static_cast<int>(i) == hovered_item_;
    const uint32_t span = lanes.spans[item.first];
    const double offset = static_cast<double>(trace.spans.start_ns[span] - session.start_ns);
    float alpha = 1;
    if (state.playhead_ns >= 0 && offset > state.playhead_ns) alpha = 0.18f;  // not reached yet
    bool matched = false;
    if (state.filter_active) {
      for (uint32_t k = 0; k < std::min(item.count, kFoldErrorScan) && !matched; ++k) {
        const uint32_t s = lanes.spans[item.first + k] - session.first_span;
        matched = s < state.match_mask.size() && state.match_mask[s];
      }
      if (!matched) alpha *= 0.25f;
    }
    if (item.count > 1) {
      bool has_error = false;
      for (uint32_t k = 0; k < std::min(item.count, kFoldErrorScan) && !has_error; ++k) {
        const uint32_t s = lanes.spans[item.first + k];
        has_error = trace.spans.is_error(s);
      }
      const float x0 = g.origin.x + item.x0;
      const float x1 = g.origin.x + std::max(item.x1, item.x0 + 3 * scale);
      paint_folded(draw, ImVec2(x0, y0), ImVec2(x1, y1), with_alpha(theme::kind_color(trace.spans.kind[span]), alpha),
                   has_error, hovered, scale);
      if (matched) draw->AddRect(ImVec2(x0 - 1, y0 - 1), ImVec2(x1 + 1, y1 + 1), kMatchOutline, 2, 0, 1.5f * scale);
      if (secrets_ && run_holds_secret(doc, lanes, item)) {
        paint_secret_corner(draw, ImVec2(std::min(x1, lane_area_right), y0), secret_flag);
      }
      if (x1 - x0 > 40 * scale) {
        label = std::to_string(item.count);
        paint_label(draw, label_font, font_size, ImVec2(x0, y0), ImVec2(x1, y1), std::max(x0, g.origin.x) + 4 * scale,
                    IM_COL32(235, 238, 242, 255), label.data(), label.data() + label.size());
      }
      continue;
    }
    BarLook look;
    look.fill = with_alpha(theme::kind_color(trace.spans.kind[span]), alpha);
    look.status = trace.spans.status[span];
    look.selected = span == state.selected_span;
    look.hovered = hovered;
    look.scale = scale;
    look.rounding = 3 * scale;
    const bool secret = secrets_ && secrets_->kinds_of(span) != 0;
    const PolicyBits policies = audit_ ? audit_->bits_of(span) : PolicyBits{};
    if (is_instant(trace, span)) {
      const float cx = g.origin.x + item.x0, half = g.bar_height * 0.42f;
      paint_instant(draw, ImVec2(cx, (y0 + y1) * 0.5f), half, look);
      if (secret) paint_secret_corner(draw, ImVec2(cx + half, y0), secret_flag);
      paint_policy_corner(draw, ImVec2(cx - half, y1), policy_flag, policies);
      continue;
    }
    const float x0 = g.origin.x + item.x0;
    const float x1 = g.origin.x + std::max(item.x1, item.x0 + 2 * scale);
    paint_bar(draw, ImVec2(x0, y0), ImVec2(x1, y1), look);
    if (secret) paint_secret_corner(draw, ImVec2(std::min(x1, lane_area_right), y0), secret_flag);
    paint_policy_corner(draw, ImVec2(std::max(x0, g.origin.x), y1), policy_flag, policies);
    if (matched) {
      draw->AddRect(ImVec2(x0 - 1, y0 - 1), ImVec2(x1 + 1, y1 + 1), kMatchOutline, look.rounding, 0, 1.5f * scale);
    }
    float visible_x0 = std::max(x0, g.origin.x);
    const float visible_x1 = std::min(x1, lane_area_right);
    const bool collapsed = collapse_.is_collapsed(span);
    // A bar with children gets a disclosure triangle at its visible left end when there is room for it.
    if (doc.layout().has_children[span] && visible_x1 - visible_x0 >= disclosure_w * 2.2f) {
      const ImVec2 tri_min(visible_x0 + 2 * scale, y0);
      const ImVec2 tri_max(visible_x0 + 2 * scale + disclosure_w, y1);
      state.probe.disclosures.push_back({span, {tri_min.x, tri_min.y, tri_max.x, tri_max.y}});
      if (mouse_inside && mouse.x >= tri_min.x && mouse.x < tri_max.x && mouse.y >= tri_min.y && mouse.y < tri_max.y) {
        hovered_disclosure_ = span;
      }
      const ImU32 tri_color = with_alpha(theme::text_color_on(theme::kind_color(trace.spans.kind[span])),
                                         hovered_disclosure_ == span ? alpha : alpha * 0.8f);
      paint_disclosure(draw, tri_min, tri_max, collapsed, tri_color);
      visible_x0 = tri_max.x - 3 * scale;
    }
    if (visible_x1 - visible_x0 < font_size * 1.5f) continue;
    const std::string_view name = trace.name_of(span);
    const ImU32 text_color = with_alpha(theme::text_color_on(theme::kind_color(trace.spans.kind[span])), alpha);
    const float name_width = label_font->CalcTextSizeA(font_size, FLT_MAX, 0, name.data(), name.data() + name.size()).x;
    label.assign(name);
    if (collapsed) label += "  +" + std::to_string(collapse_.hidden_below(span));
    if (visible_x1 - visible_x0 > name_width + font_size * 6) {
      label += "  ";
      label += duration_text(session, trace.spans.duration_ns[span]);
    }
    paint_label(draw, label_font, font_size, ImVec2(x0, y0), ImVec2(x1, y1), visible_x0 + 5 * scale, text_color,
                label.data(), label.data() + label.size());
  }
  if (state.playhead_ns >= 0) {
    const float px = g.origin.x + static_cast<float>(viewport_.x_of(state.playhead_ns));
    if (px >= clip_min.x && px <= clip_max.x) {
      draw->AddLine(ImVec2(px, clip_min.y), ImVec2(px, clip_max.y), kPlayheadColor, 2 * scale);
    }
  }
}

void RailPanel::draw_tooltip(const Document& doc, const Fonts& fonts, const RailItem& item) {
  const Trace& trace = doc.trace();
  const uint32_t session_index = viewport_session_;
  const Session& session = trace.sessions[session_index];
  const SessionLanes& lanes = collapse_.lanes(doc, session_index);
  ImGui::BeginTooltip();
  if (item.count > 1) {
    ImGui::PushFont(fonts.bold);
    ImGui::Text("%u spans", item.count);
    ImGui::PopFont();
    const uint32_t first = lanes.spans[item.first];
    const uint32_t last = lanes.spans[item.first + item.count - 1];
    ImGui::TextDisabled(
        "from %s to %s", duration_text(session, trace.spans.start_ns[first] - session.start_ns).c_str(),
        duration_text(session, trace.spans.start_ns[last] + trace.spans.duration_ns[last] - session.start_ns).c_str());
    if (secrets_ && run_holds_secret(doc, lanes, item)) {
      ImGui::PushStyleColor(ImGuiCol_Text, kSecretColor);
      ImGui::TextUnformatted("Some of them hold secrets: zoom in to see which.");
      ImGui::PopStyleColor();
    }
    ImGui::TextDisabled("Too small to draw apart: click to zoom in.");
  } else {
    const uint32_t span = lanes.spans[item.first];
    const SpanKind kind = trace.spans.kind[span];
    const SpanStatus status = trace.spans.status[span];
    ImGui::PushFont(fonts.bold);
    const std::string_view name = trace.name_of(span);
    ImGui::TextUnformatted(name.empty() ? "(unnamed)" : std::string(name).c_str());
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kind_color(kind));
    ImGui::TextUnformatted(theme::kind_label(kind));
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (status != SpanStatus::ok) {
      ImGui::PushStyleColor(ImGuiCol_Text, theme::status_color(status));
      ImGui::TextUnformatted(theme::status_label(status));
      ImGui::PopStyleColor();
      ImGui::SameLine();
    }
    const bool instant = is_instant(trace, span);
    ImGui::TextDisabled("%s  at +%s",
                        instant ? "instant" : duration_text(session, trace.spans.duration_ns[span]).c_str(),
                        duration_text(session, trace.spans.start_ns[span] - session.start_ns).c_str());
    if (secrets_) {
      if (const uint16_t kinds = secrets_->kinds_of(span)) secret_tooltip_lines(doc, span, kinds);
    }
    if (audit_ && audit_->bits_of(span).any()) policy_tooltip_lines(*audit_, span);
    ImGui::TextDisabled("Click for details, double-click to zoom.");
    if (collapse_.is_collapsed(span)) {
      ImGui::TextDisabled("%u spans folded under it: click its triangle or press C to expand.",
                          collapse_.hidden_below(span));
    } else if (doc.layout().has_children[span]) {
      ImGui::TextDisabled("Its triangle (or C when selected) collapses its subtree.");
    }
  }
  ImGui::EndTooltip();
}

}  // namespace agentreel::viewer
