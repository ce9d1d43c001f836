// What tests, the bench and the page's automation may reach inside a ViewerApp beyond its product API: the state
// as JSON, the rail's viewport, the diagnosis store and its scheduling, clicking a finding. Kept apart (like Dear
// ImGui's imgui_internal.h) so that viewer_app.h stays the product's surface. No platform code.
#pragma once

#include <cstdint>
#include <string>

#include "app/viewer_app.h"

namespace agentreel::viewer {

class ViewerProbe {
 public:
  explicit ViewerProbe(ViewerApp& app) : app_(app) {}

  // The app's state (viewer_state_json.cpp): session, selection, the visible window, the shown session's
  // diagnosis, and the last frame's clickable rectangles (UiProbe). One JSON object.
  std::string state_json() const;
  ViewState& view() { return app_.view_; }
  RailPanel& rail() { return app_.rail_; }
  size_t rail_item_count() const { return app_.rail_.last_item_count(); }
  const DiagnosisStore& diagnosis() const { return app_.diagnosis_; }
  // Analyses `session` and scans it for secrets now if it is not yet (the bench does this before timing frames).
  void analyse_session(uint32_t session);
  // Background analysis of the sessions not shown (on by default; the bench turns it off so that its frames
  // time the UI alone).
  void set_background_analysis(bool on) { app_.background_analysis_ = on; }
  // Shown sessions over this many spans are analysed on the platform's worker thread (if it has one).
  void set_analysis_worker_min_spans(uint32_t spans) { app_.diagnosis_.set_worker_min_spans(spans); }
  // Clicks the shown session's finding `index` as the Diagnosis panel does; false if there is no such finding.
  bool focus_finding(int index);

 private:
  ViewerApp& app_;
};

}  // namespace agentreel::viewer
