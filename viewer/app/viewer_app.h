// The viewer application: load a bundle from bytes, then draw the whole UI each frame (menu bar, sessions,
// trace rail, span details) or a start/error screen. Platform-free: called between ImGui::NewFrame and
// ImGui::Render by viewer/platform, which hands it files and fonts' pixel ratio.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "app/audit/audit_store.h"
#include "app/conversation/conversation_panel.h"
#include "app/conversation/files_panel.h"
#include "app/details/details_panel.h"
#include "app/diagnosis/diagnosis_panel.h"
#include "app/diagnosis/diagnosis_store.h"
#include "app/document.h"
#include "app/platform_hooks.h"
#include "app/rail/rail_panel.h"
#include "app/secrets/secret_store.h"
#include "app/sessions_panel.h"
#include "app/theme.h"
#include "app/view_state.h"
#include "find/find_scan.h"

namespace agentreel::viewer {

enum class LoadState { empty, loaded, failed };

class ViewerApp {
 public:
  explicit ViewerApp(PlatformHooks hooks);

  // Sets the style and builds the font atlas for this scale; call before the first frame and whenever the
  // display's scale changes, then re-upload the font texture. ui_scale: logical size multiplier (display DPI);
  // pixel_ratio: framebuffer pixels per logical pixel (HiDPI / devicePixelRatio).
  void set_display_scale(float ui_scale, float pixel_ratio);
  float ui_scale() const { return ui_scale_; }
  float pixel_ratio() const { return pixel_ratio_; }

  // Opens `bytes` as a bundle called `name` (empty: named after its inputs); on failure the UI shows why
  // (and state() is failed).
  void open_bytes(std::unique_ptr<ByteSource> bytes, std::string name);
  // How opening may spread work over threads (Bundle::open); the native platform sets one, the web has none.
  void set_parallel_for(ParallelFor parallel) { parallel_ = std::move(parallel); }
  // A failure before any bytes exist (file unreadable, too large): shown like a failed open.
  // Shows the error screen: `message` says what failed, `code` picks the hint under it (app/error_hint.h).
  void show_error(std::string name, std::string message, ErrorCode code);

  void frame();

  LoadState state() const { return state_; }
  const Document* document() const { return doc_.get(); }
  // Span count of the loaded bundle, 0 when none.
  uint64_t loaded_span_count() const;
  const std::string& error_message() const { return error_message_; }
  const std::string& file_name() const { return file_name_; }
  // Selects a span (global index) and shows it; false if out of range.
  bool select_span(uint32_t span);
  uint32_t selected_span() const { return view_.selected_span; }
  // Show a selected span's end record first (screenshots of results and errors).
  void set_prefer_end_record(bool prefer) { details_.set_prefer_end_record(prefer); }
  // Shows the session whose id is `id` (or, if none has it, the 1-based number "#N" / "N"); false if none.
  bool select_session(const std::string& id);
  uint32_t current_session() const { return view_.session; }
  std::string current_session_id() const;
  // The find box: sets its text (as if typed) and returns the number of matches in the current session.
  size_t set_find_query(const std::string& query);
  // Puts the playhead at `ns` (a session time) and pages the rail to it, as a deep link does.
  void set_playhead(int64_t ns);
  // Navigation, also bound to keys (see viewer_navigation.cpp): next/previous span in execution order, next/
  // previous find match, play/pause.
  void step_span(int direction);
  void step_match(int direction);
  void toggle_play();
  const ViewState& view() const { return view_; }
  // True while something moves on its own (playback, background analysis): the platform keeps rendering.
  bool animating() const;

 private:
  // Tests, the bench and the page's automation reach the rest through ViewerProbe (automation/viewer_probe.h).
  friend class ViewerProbe;

  void draw_menu_bar();
  void draw_start_screen();
  void draw_error_screen();
  void draw_workspace();
  void draw_help_popup();
  void open_button(const char* label);
  // viewer_navigation.cpp
  void handle_navigation_keys();
  void advance_playback();
  void draw_find_box();
  void draw_playback_controls();
  // Widths of the two, for fitting the menu bar's file name.
  float playback_controls_width() const;
  float find_box_width() const;
  void refresh_matches();

  PlatformHooks hooks_;
  Fonts fonts_;
  float ui_scale_ = 1;
  float pixel_ratio_ = 1;

  LoadState state_ = LoadState::empty;
  std::unique_ptr<Document> doc_;
  ParallelFor parallel_;
  std::string file_name_;
  std::string error_message_;
  ErrorCode error_code_ = ErrorCode::ok;
  ViewState view_;
  SessionsPanel sessions_;
  RailPanel rail_;
  DetailsPanel details_;
  ConversationPanel conversation_;
  FilesPanel files_;
  DiagnosisStore diagnosis_;
  DiagnosisPanel diagnosis_panel_;
  SecretStore secrets_;             // found like the diagnosis, on the same frames
  AuditStore audit_;                // replayed through the policies, on the same frames
  uint64_t frames_since_open_ = 0;  // analysis starts after the first frame of a bundle
  bool background_analysis_ = true;
  uint32_t last_session_ = UINT32_MAX;

  // Find box state: the text, the filter parsed from it, and the matching spans of `matches_session_`.
  char find_buffer_[256] = {};
  std::string find_applied_;
  uint32_t matches_session_ = UINT32_MAX;
  bool matches_audited_ = false;  // matches_ were found with the session's policy replay at hand
  FindQuery query_;
  std::string query_error_;  // why the query cannot be read (or its records not be searched); "" when fine
  std::vector<uint32_t> matches_;
  bool focus_find_ = false;
  bool find_has_focus_ = false;  // the find box has the keyboard (last frame)
  bool open_help_ = false;

  bool open_path_popup_ = false;
  char path_buffer_[1024] = {};
};

}  // namespace agentreel::viewer
