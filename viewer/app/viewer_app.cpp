// The viewer's top level (see viewer_app.h): one full-window ImGui window holding the menu bar and either
// the start screen, the error screen, or the workspace (sessions | trace rail over span details).
#include "app/viewer_app.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/conversation/text_cache.h"
#include "app/diagnosis/finding_look.h"
#include "app/error_hint.h"
#include "app/text/text_fit.h"
#include "app/text/time_format.h"
#include "core/text.h"
#include "model/session_summary.h"

namespace agentreel::viewer {
namespace {

std::string size_text(uint64_t bytes) {
  char buffer[32];
  if (bytes < 1024 * 1024) {
    std::snprintf(buffer, sizeof buffer, "%.1f KiB", bytes / 1024.0);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
  return buffer;
}

// Centres a block of `width` horizontally in the current window.
void center_next(float width) {
  const float avail = ImGui::GetContentRegionAvail().x;
  if (avail > width) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - width) * 0.5f);
}

}  // namespace

ViewerApp::ViewerApp(PlatformHooks hooks) : hooks_(std::move(hooks)) {
  diagnosis_.set_runner(hooks_.run_in_background);
  secrets_.set_runner(hooks_.run_in_background);
  audit_.set_runner(hooks_.run_in_background);
}

void ViewerApp::set_display_scale(float ui_scale, float pixel_ratio) {
  ui_scale_ = std::clamp(ui_scale, 0.5f, 4.0f);
  pixel_ratio_ = std::clamp(pixel_ratio, 0.5f, 4.0f);
  theme::apply_style(ui_scale_);
  fonts_ = theme::load_fonts(ui_scale_, pixel_ratio_);
}

void ViewerApp::open_bytes(std::unique_ptr<ByteSource> bytes, std::string name) {
  file_name_ = std::move(name);
  auto opened = Document::open(std::move(bytes), file_name_, parallel_);
  view_ = ViewState();
  sessions_.reset();
  rail_.reset();
  details_.reset();
  conversation_.reset();
  files_.reset();
  last_session_ = UINT32_MAX;
  diagnosis_.reset(0);
  secrets_.reset(0);
  audit_.reset(0);
  frames_since_open_ = 0;
  if (!opened.is_ok()) {
    doc_.reset();
    state_ = LoadState::failed;
    if (file_name_.empty()) file_name_ = "the embedded bundle";
    error_message_ = opened.status().to_string();
    error_code_ = opened.status().code();
    return;
  }
  doc_ = opened.take();
  state_ = LoadState::loaded;
  diagnosis_.reset(doc_->trace().sessions.size());
  secrets_.open(*doc_);
  audit_.reset(doc_->trace().sessions.size());
  if (file_name_.empty()) {
    // An embedded bundle without a name: call it after its input(s).
    const auto& inputs = doc_->trace().inputs;
    file_name_ = inputs.empty() ? "bundle" : inputs[0].path;
    if (inputs.size() > 1) file_name_ += " + " + std::to_string(inputs.size() - 1) + " more";
  }
  error_message_.clear();
  // Start on the earliest session.
  const auto& sessions = doc_->trace().sessions;
  for (uint32_t i = 0; i < sessions.size(); ++i) {
    if (sessions[i].start_ns < sessions[view_.session].start_ns) view_.session = i;
  }
}

void ViewerApp::show_error(std::string name, std::string message, ErrorCode code) {
  diagnosis_.reset(0);  // first: a worker may still read the document
  secrets_.reset(0);
  audit_.reset(0);
  doc_.reset();
  view_ = ViewState();
  details_.reset();
  conversation_.reset();
  files_.reset();
  last_session_ = UINT32_MAX;
  rail_.reset();
  sessions_.reset();
  state_ = LoadState::failed;
  file_name_ = std::move(name);
  error_message_ = std::move(message);
  error_code_ = code;
}

uint64_t ViewerApp::loaded_span_count() const { return doc_ ? doc_->trace().spans.size() : 0; }

bool ViewerApp::select_span(uint32_t span) {
  if (!doc_ || span >= doc_->trace().spans.size()) return false;
  view_.select(span, doc_->trace().session_of(span));
  return true;
}

void ViewerApp::open_button(const char* label) {
  const bool can_pick = static_cast<bool>(hooks_.pick_file);
  const bool can_type = static_cast<bool>(hooks_.open_path);
  ImGui::BeginDisabled(!can_pick && !can_type);
  if (ImGui::Button(label)) {
    if (can_pick) {
      hooks_.pick_file();
    } else {
      open_path_popup_ = true;
    }
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    if (can_pick || can_type) {
      ImGui::SetTooltip("%s (%s)", can_pick ? "Choose a bundle file" : "Open a bundle by path",
                        hooks_.open_shortcut.c_str());
    } else {
      ImGui::SetTooltip("%s", hooks_.open_hint.c_str());
    }
  }
}

bool ViewerApp::animating() const {
  if (state_ != LoadState::loaded) return false;
  return view_.playing || diagnosis_.background_pending() || !diagnosis_.get(view_.session) ||
         secrets_.background_pending() || audit_.background_pending();
}

void ViewerApp::frame() {
  ImGuiIO& io = ImGui::GetIO();
  view_.probe.clear();
  if (view_.session != last_session_) {
    view_.focused_finding = -1;
    last_session_ = view_.session;
    if (hooks_.set_title && state_ == LoadState::loaded && view_.session < doc_->trace().sessions.size()) {
      const std::string title = session_title(doc_->trace(), document_reader(*doc_), view_.session, 80);
      hooks_.set_title(
          (title.empty() ? std::string(doc_->trace().strings.get(doc_->trace().sessions[view_.session].id)) : title) +
          " \u2014 agentreel");
    }
  }
  // Diagnosis never delays the first frame of a bundle; then the shown session, then the rest in the
  // background, up to 4 ms of a frame, and only in frames where the user is not moving anything (no button
  // held, no wheel, no mouse motion, no key down), so panning and zooming keep their frame time.
  if (state_ == LoadState::loaded && frames_since_open_ > 0) {
    bool busy = io.MouseWheel != 0 || io.MouseWheelH != 0 || io.MouseDelta.x != 0 || io.MouseDelta.y != 0 ||
                view_.playing || !io.InputQueueCharacters.empty();
    for (int b = 0; b < ImGuiMouseButton_COUNT && !busy; ++b) busy = io.MouseDown[b];
    for (int k = ImGuiKey_NamedKey_BEGIN; k < ImGuiKey_NamedKey_END && !busy; ++k) {
      busy = ImGui::IsKeyDown(static_cast<ImGuiKey>(k));
    }
    diagnosis_.step(*doc_, view_.session, background_analysis_ && !busy ? 4.0 : 0.0);
    secrets_.step(*doc_, view_.session, background_analysis_ && !busy ? 2.0 : 0.0);
    audit_.step(*doc_, view_.session, background_analysis_ && !busy ? 2.0 : 0.0);
  }
  if (state_ == LoadState::loaded) ++frames_since_open_;
  // Ctrl+O: the browser's glue handles it itself (a file chooser needs the key event's user activation).
  if (io.KeyCtrl && ImGui::IsKeyPressed(ImGuiKey_O, false) && !hooks_.pick_file && hooks_.open_path) {
    open_path_popup_ = true;
  }
  handle_navigation_keys();
  advance_playback();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                                 ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollbar;
  ImGui::Begin("agentreel", nullptr, flags);
  draw_menu_bar();
  switch (state_) {
    case LoadState::empty: draw_start_screen(); break;
    case LoadState::failed: draw_error_screen(); break;
    case LoadState::loaded: draw_workspace(); break;
  }

  if (open_path_popup_) {
    ImGui::OpenPopup("Open bundle");
    open_path_popup_ = false;
  }
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 36, 0), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal("Open bundle", nullptr, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::TextUnformatted("Path of a bundle (.reel) file:");
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    const bool entered =
        ImGui::InputText("##path", path_buffer_, sizeof path_buffer_, ImGuiInputTextFlags_EnterReturnsTrue);
    if ((ImGui::Button("Open") || entered) && path_buffer_[0] && hooks_.open_path) {
      ImGui::CloseCurrentPopup();
      hooks_.open_path(path_buffer_);
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGuiKey_Escape)) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
  }
  draw_help_popup();
  ImGui::End();
}

void ViewerApp::draw_menu_bar() {
  if (!ImGui::BeginMenuBar()) return;
  ImGui::PushFont(fonts_.bold);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
  ImGui::TextUnformatted("agentreel");
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::Spacing();
  if (hooks_.pick_file || hooks_.open_path) open_button("Open\xE2\x80\xA6");
  if (state_ == LoadState::loaded) {
    const Trace& trace = doc_->trace();
    ImGui::Spacing();
    std::string counts = count_text(trace.sessions.size(), "session");
    counts.append(" \xC2\xB7 ").append(count_text(trace.spans.size(), "span"));
    counts.append(" \xC2\xB7 ").append(size_text(doc_->file_size()));
    const std::string errors = doc_->error_span_count() > 0 ? count_text(doc_->error_span_count(), "error") : "";
    std::string skipped;
    if (!trace.skipped.empty()) skipped = std::to_string(trace.skipped.size()).append(" records skipped");
    // The file name gets what the rest of the bar leaves, elided in the middle, so that a long name (a
    // directory of inputs, "+ 5 more") never pushes the find box off a narrow window.
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    float others = ImGui::CalcTextSize(counts.c_str()).x + gap + playback_controls_width() + find_box_width() +
                   ImGui::GetFrameHeight() + 5 * gap;
    if (!errors.empty()) others += ImGui::CalcTextSize(errors.c_str()).x + gap;
    if (!skipped.empty()) others += ImGui::CalcTextSize(skipped.c_str()).x + gap;
    const float name_room =
        std::max(ImGui::GetFontSize() * 6, ImGui::GetWindowContentRegionMax().x - ImGui::GetCursorPosX() - others);
    const std::string name = elide_middle(file_name_, name_room, theme::text_width);
    ImGui::TextUnformatted(name.c_str());
    if (name != file_name_ && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", file_name_.c_str());
    ImGui::TextDisabled("%s", counts.c_str());
    if (!errors.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
      ImGui::TextUnformatted(errors.c_str());
      ImGui::PopStyleColor();
    }
    if (!skipped.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, theme::status_color(SpanStatus::denied));
      ImGui::TextUnformatted(skipped.c_str());
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::TextUnformatted("Records the converter could not use:");
        for (size_t i = 0; i < std::min<size_t>(trace.skipped.size(), 12); ++i) {
          const SkippedRecord& r = trace.skipped[i];
          const char* path = r.input < trace.inputs.size() ? trace.inputs[r.input].path.c_str() : "?";
          ImGui::TextDisabled("%s:%llu  %s  %s", path, static_cast<unsigned long long>(r.line),
                              std::string(skip_reason_name(r.reason)).c_str(), r.detail.c_str());
        }
        if (trace.skipped.size() > 12) ImGui::TextDisabled("\xE2\x80\xA6 and %zu more", trace.skipped.size() - 12);
        ImGui::EndTooltip();
      }
    }
  }
  if (state_ == LoadState::loaded) {
    ImGui::Spacing();
    draw_playback_controls();
    ImGui::Spacing();
    draw_find_box();
  }
  const float help_width = ImGui::CalcTextSize("?").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - help_width);
  if (ImGui::Button("?")) ImGui::OpenPopup("Help");
  ImGui::EndMenuBar();
}

void ViewerApp::draw_help_popup() {
  if (ImGui::IsKeyPressed(ImGuiKey_F1, false) || open_help_) ImGui::OpenPopup("Help");
  open_help_ = false;
  if (!ImGui::BeginPopup("Help")) return;
  ImGui::PushFont(fonts_.bold);
  ImGui::TextUnformatted("Controls");
  ImGui::PopFont();
  static const char* const kRows[][2] = {
      {"Mouse wheel", "zoom the rail around the cursor"},
      {"Drag", "pan in time and across lanes"},
      {"Shift + wheel", "scroll in time"},
      {"Ctrl + wheel", "scroll the lanes"},
      {"Click", "select a span (a folded run: zoom in on it)"},
      {"Double-click", "zoom to a span"},
      {"F", "fit the whole session"},
      {"\xE2\x86\x90 \xE2\x86\x92  + \xE2\x88\x92", "pan and zoom with the keyboard"},
      {"J / K  (Alt+\xE2\x86\x92 / Alt+\xE2\x86\x90)",
       "next / previous step: prompt, model turn, tool call (hooks skipped)"},
      {"H", "hooks, progress events and notices on the rail: shown / hidden"},
      {"Enter", "zoom to the selected span (its details are below)"},
      {"Space", "play / pause from the playhead"},
      {"[  ]", "playback speed 1x \xE2\x80\xA6 64x"},
      {"Drag on the ruler", "scrub the playhead; spans after it are faded"},
      {"Home / End / Backspace", "playhead to start / end / remove it"},
      {"L", "follow the playhead on or off"},
      {"Ctrl+F  or  /", "find: words and \"phrases\" in names and records, tool:Bash -kind:hook a OR b dur>5s"},
      {"Conversation", "click a row: select its span; click it again: unfold it (output, diff)"},
      {"Enter / Shift+Enter, n / N", "next / previous match"},
      {"Overview strip", "the whole session: drag the window to pan, click to jump"},
      {"Triangle on a bar, or C", "collapse / expand the (selected) span's subtree"},
      {"Findings lane / Diagnosis", "click a finding: zoom the rail to it, select its first span"},
      {"Esc", "clear the selection"},
      {"F1 or ?", "this help"},
  };
  if (ImGui::BeginTable("##help", 2, ImGuiTableFlags_SizingFixedFit)) {
    for (const auto& row : kRows) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(row[0]);
      ImGui::TableSetColumnIndex(1);
      ImGui::TextDisabled("%s", row[1]);
    }
    if (hooks_.pick_file || hooks_.open_path) {
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(hooks_.open_shortcut.c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::TextDisabled("open a bundle (or drop one here)");
    }
    ImGui::EndTable();
  }
  ImGui::Separator();
  ImGui::TextDisabled(
      "Colours: the span's kind. Red outline: error; orange, striped: denied; faded and hatched: unfinished.");
  ImGui::TextDisabled(
      "Findings (lane above the rail, Diagnosis panel, sessions list): red critical, amber warning, "
      "blue info;\nletters L loop, D drift, B blocked, E error, U unfinished, S stall, C compaction.");
  ImGui::EndPopup();
}

void ViewerApp::draw_start_screen() {
  const float em = ImGui::GetFontSize();
  const float card_width = std::min(em * 34, ImGui::GetContentRegionAvail().x);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, ImGui::GetContentRegionAvail().y * 0.5f - em * 9));
  center_next(card_width);
  ImGui::BeginGroup();
  ImGui::PushFont(fonts_.heading);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kAccent);
  ImGui::TextUnformatted("agentreel");
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + card_width);
  ImGui::TextUnformatted(
      "Replay an AI agent's run: its sessions, a trace rail of every model call, tool call and "
      "hook, and the exact records behind each one.");
  ImGui::Spacing();
  ImGui::Spacing();
  if (hooks_.pick_file || hooks_.open_path) {
    open_button("Open a bundle\xE2\x80\xA6");
    ImGui::Spacing();
  }
  ImGui::TextDisabled("%s", hooks_.open_hint.c_str());
  ImGui::Spacing();
  ImGui::TextDisabled("Make a bundle from agent logs with the converter:");
  ImGui::PushFont(fonts_.mono);
  ImGui::TextUnformatted("  agentreel convert run.jsonl -o run.reel");
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

void ViewerApp::draw_error_screen() {
  const float em = ImGui::GetFontSize();
  const float card_width = std::min(em * 40, ImGui::GetContentRegionAvail().x);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, ImGui::GetContentRegionAvail().y * 0.5f - em * 8));
  center_next(card_width);
  ImGui::BeginGroup();
  ImGui::PushFont(fonts_.heading);
  ImGui::PushStyleColor(ImGuiCol_Text, theme::kErrorText);
  ImGui::TextUnformatted("Could not open this file");
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + card_width);
  ImGui::TextDisabled("%s", file_name_.c_str());
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(48, 26, 28, 255));
  ImGui::BeginChild("##error", ImVec2(card_width, 0),
                    ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
  ImGui::PushFont(fonts_.mono);
  ImGui::TextWrapped("%s", error_message_.c_str());
  ImGui::PopFont();
  ImGui::EndChild();
  ImGui::PopStyleColor();
  ImGui::Spacing();
  const std::string_view hint = error_hint(error_code_);
  ImGui::TextWrapped("%.*s", int(hint.size()), hint.data());
  ImGui::Spacing();
  if (hooks_.pick_file || hooks_.open_path) open_button("Open another file\xE2\x80\xA6");
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

void ViewerApp::draw_workspace() {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float em = ImGui::GetFontSize();
  const float sessions_width = std::clamp(avail.x * 0.3f, std::min(em * 22, avail.x * 0.5f), em * 36);
  // Left column: the sessions list (as tall as its rows, up to half) over the Diagnosis panel.
  ImGui::BeginChild("##left", ImVec2(sessions_width, 0), ImGuiChildFlags_ResizeX);
  const size_t session_rows = std::min<size_t>(doc_->trace().sessions.size(), 14);
  const float sessions_height = std::round(std::clamp(em * (4.2f + 1.5f * session_rows), em * 6, avail.y * 0.5f));
  ImGui::BeginChild("##sessions", ImVec2(0, sessions_height),
                    ImGuiChildFlags_Border | ImGuiChildFlags_ResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
  sessions_.draw(*doc_, diagnosis_, secrets_, view_, fonts_);
  ImGui::EndChild();
  ImGui::BeginChild("##diagnosis", ImVec2(0, 0), ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
  diagnosis_panel_.draw(*doc_, diagnosis_, view_, fonts_);
  ImGui::EndChild();
  ImGui::EndChild();
  ImGui::SameLine();
  // Right column: the conversation, as tall as the window (a person reads it top to bottom).
  const float middle_width = ImGui::GetContentRegionAvail().x;
  const float conversation_width =
      std::round(std::clamp(middle_width * 0.42f, std::min(em * 20, middle_width * 0.5f), em * 44));
  ImGui::BeginGroup();
  // First layout only (the user may resize it after): tall enough for the first session's lanes, within
  // 35-60% of the height, so the details below get the rest.
  const auto& first_lanes = doc_->layout().sessions;
  const uint32_t lane_count = view_.session < first_lanes.size() ? first_lanes[view_.session].lane_count : 0;
  const float wanted = em * (1.55f * lane_count + 7.5f);
  const float rail_height = std::round(std::clamp(wanted, avail.y * 0.35f, avail.y * 0.6f));
  ImGui::BeginChild("##rail", ImVec2(middle_width - conversation_width - ImGui::GetStyle().ItemSpacing.x, rail_height),
                    ImGuiChildFlags_Border | ImGuiChildFlags_ResizeY | ImGuiChildFlags_AlwaysUseWindowPadding,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  rail_.set_audit(audit_.get(view_.session));
  rail_.draw(*doc_, view_, fonts_, diagnosis_.get(view_.session), secrets_.get(view_.session));
  ImGui::EndChild();
  ImGui::BeginChild("##details", ImVec2(middle_width - conversation_width - ImGui::GetStyle().ItemSpacing.x, 0),
                    ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
  details_.set_audit(audit_.get(view_.session));
  details_.draw(*doc_, view_, fonts_);
  ImGui::EndChild();
  ImGui::EndGroup();
  ImGui::SameLine();
  ImGui::BeginChild("##conversation", ImVec2(0, 0), ImGuiChildFlags_Border | ImGuiChildFlags_AlwaysUseWindowPadding);
  bool files_tab = false;
  if (ImGui::BeginTabBar("##reading")) {
    if (ImGui::BeginTabItem("Conversation")) ImGui::EndTabItem();
    if (ImGui::BeginTabItem("Files")) {
      files_tab = true;
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  if (files_tab)
    files_.draw(*doc_, view_, fonts_);
  else {
    conversation_.set_audit(audit_.get(view_.session));
    conversation_.draw(*doc_, view_, fonts_, secrets_.get(view_.session));
  }
  ImGui::EndChild();
  // Esc in the find box only leaves the box.
  if (ImGui::IsKeyPressed(ImGuiKey_Escape, false) && !ImGui::GetIO().WantTextInput &&
      !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup)) {
    view_.selected_span = kNoSpan;
  }
}

}  // namespace agentreel::viewer
