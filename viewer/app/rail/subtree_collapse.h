// Collapsed subtrees of the trace rail: which spans of the shown session are folded, and the lanes to draw
// without their descendants. The lanes are rebuilt only when a subtree is collapsed or expanded (one pass
// over the session), never per frame. UI state; the Document's own layout is never changed.
#pragma once

#include <cstdint>
#include <vector>

#include "app/document.h"

namespace agentreel::viewer {

class SubtreeCollapse {
 public:
  void reset();
  // The lanes to draw for `session`: the document's, or the rebuilt ones while something is collapsed.
  // Switching sessions expands everything.
  const SessionLanes& lanes(const Document& doc, uint32_t session);
  // The lane `span` is drawn in (its collapsed ancestor's lane when hidden).
  uint32_t lane_of(const Document& doc, uint32_t span) const;
  // Collapses or expands `span`'s subtree (a span with children in the shown session); false if it has none.
  bool toggle(const Document& doc, uint32_t span);
  // Expands every collapsed ancestor of `span` so it is drawn; true if something changed.
  bool reveal(const Document& doc, uint32_t span);
  // Hides bookkeeping spans (model/conversation.h: hooks that allowed, progress events) and what is under
  // them, each folded into the call it belongs to; off shows them again. Stays on across sessions.
  void set_hide_bookkeeping(const Document& doc, bool hide);
  bool hide_bookkeeping() const { return hide_bookkeeping_; }
  bool is_collapsed(uint32_t span) const;
  bool is_hidden(uint32_t span) const;
  // Descendants hidden under a collapsed span that is itself shown (0 otherwise).
  uint32_t hidden_below(uint32_t span) const;
  const std::vector<uint32_t>& collapsed() const { return collapsed_; }  // ascending
  uint32_t hidden_count() const { return hidden_total_; }
  double last_rebuild_ms() const { return rebuild_ms_; }  // the last collapse/expand's lane rebuild

 private:
  void rebuild(const Document& doc);

  uint32_t session_ = UINT32_MAX;
  uint32_t first_ = 0;                                       // the session's first span
  std::vector<uint32_t> collapsed_;                          // collapsed spans, ascending
  std::vector<uint8_t> hidden_;                              // per span of the session: inside a collapsed subtree
  std::vector<std::pair<uint32_t, uint32_t>> hidden_below_;  // (shown collapsed span, descendants hidden), ascending
  std::vector<uint16_t> lane_;  // per span of the trace, valid for the session's shown spans
  SessionLanes lanes_;
  uint32_t hidden_total_ = 0;
  double rebuild_ms_ = 0;
  bool hide_bookkeeping_ = false;
};

}  // namespace agentreel::viewer
