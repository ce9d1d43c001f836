// UI state shared by the viewer's panels: what is selected and hovered, and one-frame requests one panel
// makes of another (reveal a span, fit the session). Lives in the app, never in the Trace.
#pragma once

#include <cstdint>

#include "model/span.h"

namespace agentreel::viewer {

struct ViewState {
  uint32_t session = 0;             // the session shown in the timeline
  uint32_t selected_span = kNoSpan;  // global span index, or kNoSpan
  uint32_t hovered_span = kNoSpan;   // set by the timeline each frame
  // Requests, consumed by the timeline on its next frame.
  uint32_t reveal_span = kNoSpan;    // pan/scroll so this span is visible
  uint32_t zoom_to_span = kNoSpan;   // zoom so this span fills the view
  bool fit_session = false;          // show the whole session

  void select(uint32_t span, uint32_t span_session) {
    selected_span = span;
    if (span != kNoSpan) {
      session = span_session;
      reveal_span = span;
    }
  }
};

}  // namespace agentreel::viewer
