// The viewer's navigation (see viewer_app.h): stepping through spans in execution order, the playhead and
// playback, the find box and its matches, and the keys for all of them. Split from viewer_app.cpp by feature.
// ImGui and the Trace only; no platform code.
#include <algorithm>
#include <cstring>

#include "app/viewer_app.h"
#include "model/conversation.h"
#include "policy/policy_catalog.h"

namespace agentreel::viewer {

std::string ViewerApp::current_session_id() const {
  if (!doc_ || view_.session >= doc_->trace().sessions.size()) return {};
  return std::string(doc_->trace().strings.get(doc_->trace().sessions[view_.session].id));
}

bool ViewerApp::select_session(const std::string& id) {
  if (!doc_ || id.empty()) return false;
  const Trace& trace = doc_->trace();
  for (uint32_t i = 0; i < trace.sessions.size(); ++i) {
    if (trace.strings.get(trace.sessions[i].id) == id) {
      view_.session = i;
      return true;
    }
  }
  const char* digits = id[0] == '#' ? id.c_str() + 1 : id.c_str();
  char* end = nullptr;
  const long n = std::strtol(digits, &end, 10);
  if (end && !*end && n >= 1 && static_cast<size_t>(n) <= trace.sessions.size()) {
    view_.session = static_cast<uint32_t>(n - 1);
    return true;
  }
  return false;
}

void ViewerApp::refresh_matches() {
  if (!doc_) return;
  // A query with policy: or would: terms is found again once the session's policy replay arrives.
  const SessionPolicies* audit = audit_.get(view_.session);
  if (find_applied_ == find_buffer_ && matches_session_ == view_.session &&
      (!query_.needs_verdicts() || matches_audited_ == (audit != nullptr))) {
    return;
  }
  find_applied_ = find_buffer_;
  matches_session_ = view_.session;
  matches_audited_ = audit != nullptr;
  matches_.clear();
  query_error_.clear();
  static const FindPolicyNames policy_names = [] {
    FindPolicyNames names;
    for (const policy::PolicyInfo& info : policy::policy_catalog()) names.names.emplace_back(info.short_name);
    return names;
  }();
  auto parsed = FindQuery::parse(find_applied_, &policy_names);
  if (parsed.is_ok()) {
    query_ = parsed.take();
    const Document& doc = *doc_;
    const StreamReader read = [&doc](uint64_t offset, uint64_t size, std::string& out) {
      return doc.read_stream(offset, size, out);
    };
    FindOptions options;
    options.index = &doc.bundle().find_index();
    if (audit) {
      // Bit p of PolicyBits is PolicyId p, the catalog's order: the same bits as policy_names.
      options.verdicts = [audit](uint32_t span) {
        const PolicyBits bits = audit->bits_of(span);
        return SpanVerdicts{bits.deny, bits.instruct};
      };
    }
    if (query_.needs_verdicts() && !audit) {
      query_error_ = "waiting for the policy replay of this session\xE2\x80\xA6";
    } else {
      auto found = find_in_session(doc.trace(), view_.session, query_, read, options);
      if (found.is_ok()) {
        matches_ = found.take();
      } else {
        query_error_ = found.status().message();
      }
    }
  } else {
    query_ = FindQuery();
    query_error_ = parsed.status().message();
  }
  view_.filter_active = !query_.empty();
  view_.match_mask.clear();
  if (view_.filter_active) {
    const Session& s = doc_->trace().sessions[view_.session];
    view_.match_mask.assign(s.span_count, 0);
    for (uint32_t span : matches_) view_.match_mask[span - s.first_span] = 1;
  }
}

size_t ViewerApp::set_find_query(const std::string& query) {
  std::snprintf(find_buffer_, sizeof find_buffer_, "%s", query.c_str());
  refresh_matches();
  return matches_.size();
}

void ViewerApp::step_span(int direction) {
  if (!doc_) return;
  const Trace& trace = doc_->trace();
  if (view_.session >= trace.sessions.size()) return;
  const Session& s = trace.sessions[view_.session];
  if (s.span_count == 0) return;
  const uint32_t first = s.first_span, last = s.first_span + s.span_count - 1;
  // The run's steps in time order: prompts, model turns, tool calls, denials, errors... never a hook that
  // allowed or a progress notice (model/conversation.h); from no selection, the first or last step.
  auto is_step = [&](uint32_t i) {
    return !is_bookkeeping_span(trace, i) &&
           !(i == first && trace.spans.parent[i] == kNoSpan && trace.spans.kind[i] == SpanKind::agent);
  };
  const bool from_none = view_.selected_span == kNoSpan || trace.session_of(view_.selected_span) != view_.session;
  int64_t at = from_none ? (direction > 0 ? int64_t(first) - 1 : int64_t(last) + 1) : int64_t(view_.selected_span);
  uint32_t span = from_none ? kNoSpan : view_.selected_span;
  for (int64_t i = at + (direction > 0 ? 1 : -1); i >= int64_t(first) && i <= int64_t(last);
       i += direction > 0 ? 1 : -1) {
    if (is_step(uint32_t(i))) {
      span = uint32_t(i);
      break;
    }
  }
  if (span == kNoSpan) span = direction > 0 ? first : last;  // a session of bookkeeping alone
  view_.select(span, view_.session);
  if (view_.playhead_ns >= 0) {
    view_.playhead_ns = static_cast<double>(trace.spans.start_ns[span] - s.start_ns);
    view_.playing = false;
  }
}

void ViewerApp::step_match(int direction) {
  refresh_matches();
  if (matches_.empty()) return;
  const uint32_t current = view_.selected_span;
  uint32_t span;
  if (direction > 0) {
    auto it = current == kNoSpan ? matches_.begin() : std::upper_bound(matches_.begin(), matches_.end(), current);
    span = it == matches_.end() ? matches_.front() : *it;  // wraps around
  } else {
    auto it = current == kNoSpan ? matches_.end() : std::lower_bound(matches_.begin(), matches_.end(), current);
    span = it == matches_.begin() ? matches_.back() : *(it - 1);
  }
  view_.select(span, view_.session);
}

void ViewerApp::set_playhead(int64_t ns) {
  view_.playhead_ns = static_cast<double>(ns);
  rail_.follow_playhead_once();
}

void ViewerApp::toggle_play() {
  if (!doc_ || view_.session >= doc_->trace().sessions.size()) return;
  const Session& s = doc_->trace().sessions[view_.session];
  const double duration = static_cast<double>(s.end_ns - s.start_ns);
  if (!view_.playing && (view_.playhead_ns < 0 || view_.playhead_ns >= duration)) view_.playhead_ns = 0;
  view_.playing = !view_.playing;
  rail_.follow_playhead_once();
}

void ViewerApp::advance_playback() {
  if (!view_.playing || !doc_ || view_.session >= doc_->trace().sessions.size()) return;
  const Session& s = doc_->trace().sessions[view_.session];
  const double duration = static_cast<double>(s.end_ns - s.start_ns);
  view_.playhead_ns += static_cast<double>(ImGui::GetIO().DeltaTime) * 1e9 * view_.speed;
  if (view_.playhead_ns >= duration) {
    view_.playhead_ns = duration;
    view_.playing = false;
  }
}

void ViewerApp::handle_navigation_keys() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_F, false)) focus_find_ = true;
  if (io.WantTextInput || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup)) return;
  const bool plain = !io.KeyCtrl && !io.KeyAlt && !io.KeySuper;
  if (plain && ImGui::IsKeyPressed(ImGuiKey_Slash, false)) {
    if (io.KeyShift) {
      open_help_ = true;  // '?'
    } else {
      focus_find_ = true;
      ImGui::GetIO().InputQueueCharacters.resize(0);  // the '/' itself must not land in the box
    }
  }
  if (state_ != LoadState::loaded) return;
  if ((plain && ImGui::IsKeyPressed(ImGuiKey_J)) || (io.KeyAlt && ImGui::IsKeyPressed(ImGuiKey_RightArrow))) {
    step_span(+1);
  }
  if ((plain && ImGui::IsKeyPressed(ImGuiKey_K)) || (io.KeyAlt && ImGui::IsKeyPressed(ImGuiKey_LeftArrow))) {
    step_span(-1);
  }
  if (plain && ImGui::IsKeyPressed(ImGuiKey_N)) step_match(io.KeyShift ? -1 : +1);
  if (plain && (ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false)) &&
      view_.selected_span != kNoSpan) {
    view_.zoom_to_span = view_.selected_span;  // expand: zoom the rail to it; its details are shown below
  }
  if (plain && ImGui::IsKeyPressed(ImGuiKey_Space, false)) toggle_play();
  if (plain && ImGui::IsKeyPressed(ImGuiKey_RightBracket)) view_.speed = std::min(view_.speed * 2, 64);
  if (plain && ImGui::IsKeyPressed(ImGuiKey_LeftBracket)) view_.speed = std::max(view_.speed / 2, 1);
  if (plain && ImGui::IsKeyPressed(ImGuiKey_L, false)) view_.follow = !view_.follow;
  if (plain && ImGui::IsKeyPressed(ImGuiKey_H, false)) rail_.set_hide_bookkeeping(*doc_, !rail_.hide_bookkeeping());
  if (plain && ImGui::IsKeyPressed(ImGuiKey_Home, false)) {
    view_.playhead_ns = 0;
    rail_.follow_playhead_once();
  }
  if (plain && ImGui::IsKeyPressed(ImGuiKey_End, false)) {
    const Session& s = doc_->trace().sessions[view_.session];
    view_.playhead_ns = static_cast<double>(s.end_ns - s.start_ns);
    view_.playing = false;
    rail_.follow_playhead_once();
  }
  if (plain && ImGui::IsKeyPressed(ImGuiKey_Backspace, false)) {
    view_.playhead_ns = -1;  // no playhead: show every span
    view_.playing = false;
  }
}

void ViewerApp::draw_playback_controls() {
  const char* label = view_.playing ? "Pause" : "Play";
  if (ImGui::SmallButton(label)) toggle_play();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play the run from the playhead (Space); drag on the ruler to scrub");
  ImGui::SameLine();
  char speed[16];
  std::snprintf(speed, sizeof speed, "%dx", view_.speed);
  if (ImGui::SmallButton(speed)) view_.speed = view_.speed >= 64 ? 1 : view_.speed * 2;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Playback speed, 1x to 64x ([ and ])");
  ImGui::SameLine();
  ImGui::Checkbox("Follow", &view_.follow);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Keep the playhead in view while playing (L)");
}

float ViewerApp::playback_controls_width() const {
  const ImGuiStyle& style = ImGui::GetStyle();
  const auto button = [&](const char* label) { return ImGui::CalcTextSize(label).x + style.FramePadding.x * 2; };
  return button("Pause") + button("64x") + ImGui::GetFrameHeight() + style.ItemInnerSpacing.x +
         ImGui::CalcTextSize("Follow").x + style.ItemSpacing.x * 2;
}

float ViewerApp::find_box_width() const { return ImGui::GetFontSize() * 16; }

void ViewerApp::draw_find_box() {
  ImGui::SetNextItemWidth(find_box_width());
  // Esc leaves the box keeping the query: taken away before the widget sees it (ImGui's own Esc reverts the text).
  if (find_has_focus_ && ImGui::IsKeyPressed(ImGuiKey_Escape, false)) ImGui::SetWindowFocus(nullptr);
  if (focus_find_) {
    // Focus this (the top) window first: after a click in a panel ImGui's nav focus scope is that child's, and
    // SetKeyboardFocusHere alone would not reach the menu bar's box.
    ImGui::SetWindowFocus();
    ImGui::SetKeyboardFocusHere();
    focus_find_ = false;
  }
  const bool entered =
      ImGui::InputTextWithHint("##find", "Find  (Ctrl+F or /)   no-verify  tool:Bash  -kind:hook", find_buffer_,
                               sizeof find_buffer_, ImGuiInputTextFlags_EnterReturnsTrue);
  const bool active = ImGui::IsItemActive();
  find_has_focus_ = active;
  const ImVec2 box_min = ImGui::GetItemRectMin(), box_max = ImGui::GetItemRectMax();
  view_.probe.find_box = {box_min.x, box_min.y, box_max.x, box_max.y};
  if (ImGui::IsItemHovered() && !active) {
    ImGui::SetTooltip(
        "Words and \"phrases\" match names, attributes and the records' text (prompts, commands,\n"
        "outputs); text:\"...\" the text only. tool:Bash kind:model status:error action:edit\n"
        "file:tax.py cmd:pytest attr:exit_code=1 dur>5s. -term or NOT term, a OR b, (groups).\n"
        "Enter / Shift+Enter or n / N: next / previous match. Esc: leave the box.");
  }
  refresh_matches();
  if (entered) {
    step_match(ImGui::GetIO().KeyShift ? -1 : +1);
    ImGui::SetKeyboardFocusHere(-1);  // stay in the box for the next Enter
  }
  if (find_buffer_[0]) {
    ImGui::SameLine();
    if (!query_error_.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
      ImGui::TextUnformatted(query_error_.c_str());
      ImGui::PopStyleColor();
    } else {
      const auto it = std::lower_bound(matches_.begin(), matches_.end(), view_.selected_span);
      const bool on_match = it != matches_.end() && *it == view_.selected_span;
      if (on_match) {
        ImGui::TextDisabled("%zu of %zu", static_cast<size_t>(it - matches_.begin()) + 1, matches_.size());
      } else {
        ImGui::TextDisabled("%zu matches", matches_.size());
      }
    }
  }
}

}  // namespace agentreel::viewer
