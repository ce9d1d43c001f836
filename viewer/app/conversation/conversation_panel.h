// The conversation view: the shown session read top to bottom as a person reads it (model/conversation.h) —
// prompts, the assistant's replies (thinking folded), each tool call as one line that says what it did with its
// result folded under it, subagents expandable to their own conversation, and denials, interruptions,
// compactions and errors where they happened. Synchronized with the rail: clicking a row selects its span, a
// span selected elsewhere (rail, J/K, find, a finding) scrolls its row into view, and the playhead scrolls it
// while playing. Virtualized: only the rows on screen are measured and drawn, so a million-span session scrolls
// at frame rate. ImGui only.
#pragma once

#include <cstdint>
#include <unordered_set>
#include <vector>

#include "app/audit/audit_store.h"
#include "app/conversation/row_heights.h"
#include "app/conversation/text_cache.h"
#include "app/document.h"
#include "app/secrets/secret_store.h"
#include "app/theme.h"
#include "app/view_state.h"
#include "model/conversation.h"

namespace agentreel::viewer {

class ConversationPanel {
 public:
  void reset();
  // `secrets`: the session's spans holding a secret, marked on their rows (nullptr while not scanned yet).
  void draw(const Document& doc, ViewState& state, const Fonts& fonts, const SessionSecrets* secrets);
  // The session's policy audit for the next draw: a shield on the rows of calls a policy would deny or instruct on
  // (nullptr while not replayed yet).
  void set_audit(const SessionPolicies* audit) { audit_ = audit; }
  // For tests and the state JSON: rows of the shown session and the first row on screen.
  size_t row_count() const { return visible_.size(); }
  int64_t first_visible_row() const { return first_visible_; }
  int64_t followed_row() const { return followed_row_; }  // the row the selection maps to, -1 when none

 private:
  void rebuild(const Document& doc, uint32_t session);
  void refold();  // visible_ from rows_ and the open subagents
  void reveal(const Document& doc, uint32_t span);
  float estimate(const ConversationRow& row) const;
  void draw_row(const Document& doc, ViewState& state, const Fonts& fonts, size_t visible_index);
  void draw_call(const Document& doc, const Fonts& fonts, const ConversationRow& row, bool expanded);
  void draw_text_block(const std::string& text, size_t max_lines, ImFont* font, ImU32 color, bool expanded);

  uint32_t session_ = UINT32_MAX;
  const Document* doc_ = nullptr;
  const SessionSecrets* secrets_ = nullptr;      // this frame's
  const SessionPolicies* audit_ = nullptr;       // set_audit's
  std::vector<ConversationRow> rows_;            // every row of the session
  std::vector<uint32_t> visible_;                // indices into rows_, subagents folded as the user left them
  RowHeights heights_;                           // per visible row, in pixels
  std::unordered_set<uint32_t> open_subagents_;  // subagent spans shown with their own rows
  std::unordered_set<uint32_t> expanded_;        // rows_ indices drawn in full
  uint32_t followed_span_ = kNoSpan;             // the selection last scrolled to
  int64_t scroll_to_visible_ = -1;               // a row to bring into view this frame
  int64_t first_visible_ = -1;
  int64_t followed_row_ = -1;
  float line_height_ = 0;
  TextCache texts_;
};

}  // namespace agentreel::viewer
