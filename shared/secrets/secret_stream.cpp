// Chunked scanning (see secret_stream.h). Invariants: every trigger before scanned_to_ was run with at least
// kLookahead bytes after it (or the stream's end) and kLookbehind before it (or the stream's start) in the window;
// a later trigger reports nothing that begins before scanned_to_ - kMaxBackReach, so a group of overlapping
// candidates that ends there is complete and can be merged and settled.
#include "secrets/secret_stream.h"

#include <algorithm>

namespace agentreel::secrets {

SecretStream::SecretStream(const Scanner& scanner, Settled settled, size_t step)
    : scanner_(scanner), settled_(std::move(settled)), step_(step) {}

void SecretStream::feed(std::string_view chunk) {
  window_.append(chunk);
  if (stream_end() >= scanned_to_ + kLookahead + step_) advance(false);
}

void SecretStream::finish() { advance(true); }

void SecretStream::advance(bool at_end) {
  const uint64_t end = stream_end();
  const uint64_t trigger_end = at_end ? end : end - kLookahead;
  if (trigger_end > scanned_to_) {
    scratch_.clear();
    scanner_.find_candidates(window_, size_t(scanned_to_ - window_offset_), size_t(trigger_end - window_offset_),
                             scratch_);
    for (Finding& finding : scratch_) {
      finding.begin += window_offset_;
      finding.end += window_offset_;
      pending_.push_back(std::move(finding));
    }
    scanned_to_ = trigger_end;
  }
  // Groups of overlapping candidates that end before `safe` cannot grow any more.
  const uint64_t safe = at_end ? end : (scanned_to_ > kMaxBackReach ? scanned_to_ - kMaxBackReach : 0);
  std::sort(pending_.begin(), pending_.end(),
            [](const Finding& a, const Finding& b) { return a.begin != b.begin ? a.begin < b.begin : a.end > b.end; });
  size_t complete = 0;  // pending_[0, complete) form groups that all end by `safe`
  uint64_t settle_end = safe;
  for (size_t i = 0; i < pending_.size();) {
    uint64_t group_end = pending_[i].end;
    size_t j = i + 1;
    while (j < pending_.size() && pending_[j].begin < group_end) group_end = std::max(group_end, pending_[j++].end);
    if (group_end > safe) {
      settle_end = std::min<uint64_t>(settle_end, pending_[i].begin);
      break;
    }
    complete = j;
    i = j;
  }
  std::vector<Finding> ready(std::make_move_iterator(pending_.begin()),
                             std::make_move_iterator(pending_.begin() + ptrdiff_t(complete)));
  pending_.erase(pending_.begin(), pending_.begin() + ptrdiff_t(complete));
  merge_overlaps(ready);
  scanner_.drop_allowed(ready);
  if (settle_end > settled_to_ || !ready.empty()) {
    settle_end = std::max(settle_end, settled_to_);
    settled_(settled_to_,
             std::string_view(window_).substr(size_t(settled_to_ - window_offset_), size_t(settle_end - settled_to_)),
             ready);
    settled_to_ = settle_end;
  }
  // Keep what is not settled and the lookbehind of the next trigger.
  const uint64_t keep_from = std::min(settled_to_, scanned_to_ > kLookbehind ? scanned_to_ - kLookbehind : 0);
  if (keep_from > window_offset_) {
    window_.erase(0, size_t(keep_from - window_offset_));
    window_offset_ = keep_from;
  }
}

}  // namespace agentreel::secrets
