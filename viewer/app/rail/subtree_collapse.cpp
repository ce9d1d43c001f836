// Collapsed subtrees (see subtree_collapse.h). Spans are in start order and a parent starts before its
// children, so one forward pass decides what is hidden: a span is hidden when its parent is collapsed or hidden.
#include "app/rail/subtree_collapse.h"

#include <algorithm>
#include <chrono>

#include "model/conversation.h"

namespace agentreel::viewer {

void SubtreeCollapse::reset() {
  session_ = UINT32_MAX;
  collapsed_.clear();
  hidden_.clear();
  hidden_below_.clear();
  lanes_ = SessionLanes();
  hidden_total_ = 0;
}

const SessionLanes& SubtreeCollapse::lanes(const Document& doc, uint32_t session) {
  if (session != session_) {
    const bool hide = hide_bookkeeping_;
    reset();
    session_ = session;
    first_ = session < doc.trace().sessions.size() ? doc.trace().sessions[session].first_span : 0;
    if (hide && session < doc.trace().sessions.size()) rebuild(doc);
  }
  if (collapsed_.empty() && !hide_bookkeeping_) return doc.layout().sessions[session];
  return lanes_;
}

bool SubtreeCollapse::is_collapsed(uint32_t span) const {
  return std::binary_search(collapsed_.begin(), collapsed_.end(), span);
}

bool SubtreeCollapse::is_hidden(uint32_t span) const {
  return span >= first_ && span - first_ < hidden_.size() && hidden_[span - first_];
}

uint32_t SubtreeCollapse::hidden_below(uint32_t span) const {
  auto it = std::lower_bound(hidden_below_.begin(), hidden_below_.end(), std::make_pair(span, uint32_t{0}));
  return it != hidden_below_.end() && it->first == span ? it->second : 0;
}

void SubtreeCollapse::set_hide_bookkeeping(const Document& doc, bool hide) {
  if (hide == hide_bookkeeping_) return;
  hide_bookkeeping_ = hide;
  if (session_ < doc.trace().sessions.size()) rebuild(doc);
}

uint32_t SubtreeCollapse::lane_of(const Document& doc, uint32_t span) const {
  if ((collapsed_.empty() && !hide_bookkeeping_) || span >= lane_.size()) return doc.layout().lane[span];
  const Trace& trace = doc.trace();
  // A hidden span is drawn inside its nearest shown ancestor.
  while (is_hidden(span) && trace.spans.parent[span] < span) span = trace.spans.parent[span];
  return lane_[span];
}

bool SubtreeCollapse::toggle(const Document& doc, uint32_t span) {
  const Trace& trace = doc.trace();
  if (span >= trace.spans.size() || span < first_ || session_ >= trace.sessions.size() ||
      span - first_ >= trace.sessions[session_].span_count || !doc.layout().has_children[span]) {
    return false;
  }
  auto it = std::lower_bound(collapsed_.begin(), collapsed_.end(), span);
  if (it != collapsed_.end() && *it == span) {
    collapsed_.erase(it);
  } else {
    collapsed_.insert(it, span);
  }
  rebuild(doc);
  return true;
}

bool SubtreeCollapse::reveal(const Document& doc, uint32_t span) {
  if (!is_hidden(span)) return false;
  const Trace& trace = doc.trace();
  // Bookkeeping asked for by name (find, a deep link) is shown again, all of it: the toggle is one switch.
  for (uint32_t s = span; s != kNoSpan && s >= first_;
       s = trace.spans.parent[s] < s ? trace.spans.parent[s] : kNoSpan) {
    if (hide_bookkeeping_ && is_bookkeeping_span(trace, s)) {
      hide_bookkeeping_ = false;
      break;
    }
  }
  for (uint32_t s = trace.spans.parent[span]; s != kNoSpan && s < span && s >= first_; s = trace.spans.parent[s]) {
    auto it = std::lower_bound(collapsed_.begin(), collapsed_.end(), s);
    if (it != collapsed_.end() && *it == s) collapsed_.erase(it);
    span = s;
  }
  rebuild(doc);
  return true;
}

void SubtreeCollapse::rebuild(const Document& doc) {
  const auto t0 = std::chrono::steady_clock::now();
  struct Timer {  // records the rebuild's time on every return path
    std::chrono::steady_clock::time_point t0;
    double& out;
    ~Timer() { out = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count(); }
  } timer{t0, rebuild_ms_};
  const Trace& trace = doc.trace();
  hidden_below_.clear();
  hidden_total_ = 0;
  if (collapsed_.empty() && !hide_bookkeeping_) {
    hidden_.clear();
    lanes_ = SessionLanes();
    return;
  }
  const Session& session = trace.sessions[session_];
  const uint32_t count = session.span_count;
  hidden_.assign(count, 0);
  std::vector<uint8_t> folded(count, 0);
  for (uint32_t s : collapsed_) folded[s - first_] = 1;
  // top[i]: for a hidden span, the shown collapsed ancestor it is folded into.
  std::vector<uint32_t> top(count, kNoSpan);
  std::vector<uint32_t> below(count, 0);
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t parent = trace.spans.parent[first_ + i];
    if (parent == kNoSpan || parent < first_ || parent >= first_ + i) {
      if (hide_bookkeeping_ && is_bookkeeping_span(trace, first_ + i)) hidden_[i] = 1;  // a root: nowhere to fold
      if (hidden_[i]) ++hidden_total_;
      continue;
    }
    const uint32_t p = parent - first_;
    if (hidden_[p]) {
      hidden_[i] = 1;
      top[i] = top[p];
    } else if (folded[p] || (hide_bookkeeping_ && is_bookkeeping_span(trace, first_ + i))) {
      hidden_[i] = 1;
      top[i] = p;
    }
    if (hidden_[i]) {
      if (top[i] != kNoSpan) ++below[top[i]];
      ++hidden_total_;
    }
  }
  for (uint32_t s : collapsed_) {
    if (!hidden_[s - first_]) hidden_below_.push_back({s, below[s - first_]});
  }
  if (lane_.size() != trace.spans.size()) lane_.assign(trace.spans.size(), 0);
  SpanLayout::build_session(trace, doc.layout().depth, session_, hidden_.data(), lane_, lanes_);
}

}  // namespace agentreel::viewer
