// The trace rail: the selected session's spans as bars in lanes under their parents, on a time axis with a
// ruler. Wheel zooms around the cursor, dragging pans, clicking selects. Each frame: preprocess (visible
// range + folding, rail_preprocess.h), then paint (rail_paint.h). ImGui only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/audit/audit_store.h"
#include "app/document.h"
#include "app/rail/findings_lane.h"
#include "app/rail/overview_strip.h"
#include "app/rail/rail_preprocess.h"
#include "app/rail/rail_viewport.h"
#include "app/rail/subtree_collapse.h"
#include "app/secrets/secret_store.h"
#include "app/theme.h"
#include "app/view_state.h"
#include "diagnosis/diagnosis.h"

namespace agentreel::viewer {

class RailPanel {
 public:
  void reset();
  // `diagnosis`: the shown session's findings for the findings lane, nullptr while not analysed yet; `secrets`:
  // its spans holding a secret, flagged on their bars, nullptr while not scanned yet.
  void draw(const Document& doc, ViewState& state, const Fonts& fonts, const diagnosis::SessionDiagnosis* diagnosis,
            const SessionSecrets* secrets);
  // The shown session's policy audit for the next draw: calls a policy would deny or instruct on get a shield on
  // their bar; nullptr while not replayed yet.
  void set_audit(const SessionPolicies* audit) { audit_ = audit && !audit->spans.empty() ? audit : nullptr; }
  size_t last_item_count() const { return items_.size(); }
  // Bring the playhead into view on the next frame even when not playing (stepping, scrubbing by key).
  void follow_playhead_once() { follow_pending_ = true; }
  const RailViewport& viewport() const { return viewport_; }
  RailViewport& viewport() { return viewport_; }
  float last_width() const { return last_width_; }
  const SubtreeCollapse& collapse() const { return collapse_; }
  // Hooks, progress events and notices off the rail (folded into their calls), or back on (the H key).
  void set_hide_bookkeeping(const Document& doc, bool hide) { collapse_.set_hide_bookkeeping(doc, hide); }
  bool hide_bookkeeping() const { return collapse_.hide_bookkeeping(); }
  // The lanes drawn for the session the rail shows (with collapsed subtrees left out).
  uint32_t drawn_lane_count() const { return drawn_lanes_; }

 private:
  struct Geometry {
    ImVec2 origin;    // screen position of x = 0, lane 0 top (scroll applied)
    float width = 0;  // lane area width
    float lane_height = 0;
    float bar_height = 0;
    float top_pad = 0;
  };
  void draw_header(const Document& doc, ViewState& state, const Fonts& fonts);
  void apply_requests(const Document& doc, ViewState& state, float width, float lane_height, float view_height);
  void handle_view_input(const Session& session, float width, float lane_height, bool hovered);
  void draw_lanes(const Document& doc, ViewState& state, const Fonts& fonts, const Geometry& g);
  void draw_tooltip(const Document& doc, const Fonts& fonts, const RailItem& item);
  double max_ns_per_px(const Session& session, float width) const;
  // Whether a span of a folded run holds a secret (checks at most 64 of the secret spans in its index range).
  bool run_holds_secret(const Document& doc, const SessionLanes& lanes, const RailItem& item) const;

  FindingsLane findings_lane_;
  const SessionPolicies* audit_ = nullptr;   // set_audit's, for the bars and the tooltip
  const SessionSecrets* secrets_ = nullptr;  // this frame's, for the lanes and the tooltip
  OverviewStrip overview_;
  SubtreeCollapse collapse_;
  uint32_t pending_toggle_ = kNoSpan;      // collapse/expand this span at the start of the next frame
  uint32_t hovered_disclosure_ = kNoSpan;  // the span whose disclosure triangle is under the mouse
  uint32_t drawn_lanes_ = 0;
  RailViewport viewport_;
  uint32_t viewport_session_ = UINT32_MAX;  // session the viewport belongs to
  std::vector<RailItem> items_;
  int hovered_item_ = -1;        // index into items_, this frame
  float press_travel_ = 0;       // pixels moved since the left button went down on the lanes
  double major_step_ns_ = 0;     // ruler step, reused for the grid
  float pending_scroll_y_ = -1;  // applied inside the lanes child
  float lanes_scroll_y_ = 0;
  bool follow_pending_ = false;
  float last_width_ = 0;
  std::string title_;  // the shown session's title, made once per session
  std::string usage_;  // with it: its tokens and their cost ("17.9M tokens · $11.85"), and their breakdown
  std::string usage_detail_;
  uint32_t title_session_ = UINT32_MAX;
  const Document* title_doc_ = nullptr;
};

}  // namespace agentreel::viewer
