// One concurrency lane of the log ("--runs N" makes N of them): sessions one after another, each with a share
// of the lane's span budget, separated by idle gaps. Owns its random stream and its queue of pending lines.
// Depends on AgentSession only; the interleaver merges lanes by timestamp.
#pragma once

#include <cstdint>
#include <memory>

#include "agenteye_gen/agent_session.h"
#include "agenteye_gen/event_queue.h"
#include "agenteye_gen/random.h"

namespace agentreel::gen {

struct RunSlotConfig {
  uint32_t index = 0;                // 0 … runs-1
  uint32_t slot_count = 1;           // runs
  uint64_t span_budget = 0;          // spans this lane should emit in total
  uint64_t max_session_spans = 400;  // at least 16
  double payload_scale = 1.0;
  bool cut_off_last_session = false;
  uint64_t seed = 0;
  Micros start = 0;
};

class RunSlot {
 public:
  explicit RunSlot(const RunSlotConfig& config);

  // Makes sure the queue holds a line unless the lane is exhausted; returns false when it is.
  bool refill();
  EventQueue& queue() { return queue_; }
  uint64_t sessions_started() const { return sessions_started_; }

 private:
  void start_next_session();
  bool wants_another_session() const;
  uint64_t remaining_spans() const;
  uint64_t min_session_spans() const { return config_.max_session_spans / 4; }

  RunSlotConfig config_;
  Rng rng_;
  EventQueue queue_;
  std::unique_ptr<AgentSession> session_;
  uint64_t sessions_started_ = 0;
  Micros next_start_ = 0;
};

}  // namespace agentreel::gen
