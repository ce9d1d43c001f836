// Session sequencing within one lane: split the budget into sessions of realistic size and start each after
// an idle gap. The last session of lane 0 is the one cut off when --cut-off is given.
#include "agenteye_gen/run_slot.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace agentreel::gen {

RunSlot::RunSlot(const RunSlotConfig& config)
    : config_(config), rng_(derive_seed(config.seed, config.index)), next_start_(config.start) {}

uint64_t RunSlot::remaining_spans() const {
  const uint64_t emitted = queue_.spans_emitted();
  return emitted >= config_.span_budget ? 0 : config_.span_budget - emitted;
}

// Sessions end when their story ends, not exactly at their target, so the budget is tracked in emitted spans.
bool RunSlot::wants_another_session() const {
  const uint64_t remaining = remaining_spans();
  return sessions_started_ == 0 ? remaining > 0 : remaining >= min_session_spans();
}

void RunSlot::start_next_session() {
  const uint64_t remaining = remaining_spans();
  const uint64_t max_spans = config_.max_session_spans;
  uint64_t target = remaining;
  if (remaining > max_spans) {
    target =
        static_cast<uint64_t>(rng_.between(static_cast<int64_t>(min_session_spans()), static_cast<int64_t>(max_spans)));
    if (remaining - target < min_session_spans()) target = remaining;  // no tiny session at the end
  }
  const bool last = target == remaining;
  SessionPlan plan;
  plan.number = sessions_started_ * config_.slot_count + config_.index;
  plan.target_spans = target;
  plan.payload_scale = config_.payload_scale;
  plan.cut_off = last && config_.cut_off_last_session;
  plan.start = next_start_;
  ++sessions_started_;
  session_ = std::make_unique<AgentSession>(plan, rng_, queue_);
}

bool RunSlot::refill() {
  while (queue_.empty()) {
    if (session_ && !session_->finished()) {
      const uint64_t lines_before = queue_.lines_emitted();
      session_->emit_next_step();
      if (queue_.lines_emitted() == lines_before && !session_->finished()) {
        std::fprintf(stderr, "agentreel-gen: internal error: session step emitted nothing\n");
        std::abort();  // a planning bug would otherwise loop forever
      }
      continue;
    }
    if (session_) {  // the previous session ended: idle a while before the next one
      next_start_ = session_->clock() + static_cast<Micros>(rng_.log_uniform(2.0, 600.0) * kMicrosPerSecond);
      session_.reset();
    }
    if (!wants_another_session()) return false;
    start_next_session();
  }
  return true;
}

}  // namespace agentreel::gen
