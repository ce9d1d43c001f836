// The sessions list: one row per session (id, start, duration, span count, errors), sortable by any
// column; clicking a row shows that session in the timeline. ImGui only.
#pragma once

#include <cstdint>
#include <vector>

#include "app/document.h"
#include "app/theme.h"
#include "app/view_state.h"

namespace agentreel::viewer {

class SessionsPanel {
 public:
  void reset();
  void draw(const Document& doc, ViewState& state, const Fonts& fonts);

 private:
  void sort(const Document& doc, int column, bool ascending);

  std::vector<uint32_t> order_;  // session indices in display order
  bool same_day_ = false;        // all sessions start on one UTC day: show times without the date
};

}  // namespace agentreel::viewer
