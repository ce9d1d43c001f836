// UI state shared by the viewer's panels: what is selected and hovered, and one-frame requests one panel
// makes of another (reveal a span, fit the session). Lives in the app, never in the Trace.
#pragma once

#include <cstdint>
#include <vector>

#include "app/automation/ui_probe.h"
#include "model/span.h"

namespace agentreel::viewer {

struct ViewState {
  uint32_t session = 0;              // the session shown on the rail
  uint32_t selected_span = kNoSpan;  // global span index, or kNoSpan
  uint32_t hovered_span = kNoSpan;   // set by the rail each frame
  // Requests, consumed by the rail on its next frame.
  uint32_t reveal_span = kNoSpan;   // pan/scroll so this span is visible
  uint32_t zoom_to_span = kNoSpan;  // zoom so this span fills the view
  bool fit_session = false;         // show the whole session
  // Show [zoom_from_ns, zoom_to_ns] (offsets from the session start) when zoom_to_ns > zoom_from_ns.
  double zoom_from_ns = 0;
  double zoom_to_ns = -1;

  // Diagnosis: the finding of `session` last clicked (panel or findings lane), highlighted in both; -1 = none.
  int focused_finding = -1;

  // Playback: a playhead at `playhead_ns` (offset from the session start; < 0 = none, everything shown).
  // Spans starting after it are drawn faded. Playing advances it by speed x real time each frame.
  double playhead_ns = -1;
  bool playing = false;
  int speed = 1;       // 1, 2, 4 ... 64
  bool follow = true;  // pan the rail to keep the playhead in view

  // Find: when filter_active, match_mask[span - first span of `session`] is 1 for matching spans; the
  // rail dims the rest. Owned by the app, recomputed when the query or session changes.
  bool filter_active = false;
  std::vector<uint8_t> match_mask;

  UiProbe probe;  // rectangles of the last frame, for scripted clicks and tests

  void select(uint32_t span, uint32_t span_session) {
    selected_span = span;
    if (span != kNoSpan) {
      if (session != span_session) focused_finding = -1;
      session = span_session;
      reveal_span = span;
    }
  }
};

}  // namespace agentreel::viewer
