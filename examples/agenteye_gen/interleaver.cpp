// k-way merge of RunSlot queues. Ties on the timestamp go to the lower lane index, so output is deterministic.
// Lane start times are staggered by up to a minute so runs visibly overlap rather than start in lockstep.
#include "agenteye_gen/interleaver.h"

#include <memory>
#include <queue>
#include <vector>

#include "agenteye_gen/run_slot.h"

namespace agentreel::gen {
namespace {

struct LaneHead {
  Micros time;
  uint32_t lane;
  bool operator>(const LaneHead& other) const { return time != other.time ? time > other.time : lane > other.lane; }
};

}  // namespace

GenerationStats generate_interleaved_log(const GeneratorOptions& options, OutputSink& sink) {
  const Micros log_start = micros_from_utc(2026, 3, 4, 9, 0, 0);
  Rng stagger(derive_seed(options.seed, 0xFFFFFFFFull));

  std::vector<std::unique_ptr<RunSlot>> lanes;
  lanes.reserve(options.runs);
  for (uint32_t lane = 0; lane < options.runs; ++lane) {
    RunSlotConfig config;
    config.index = lane;
    config.slot_count = options.runs;
    config.span_budget = options.target_spans / options.runs + (lane < options.target_spans % options.runs ? 1 : 0);
    config.max_session_spans = options.max_session_spans;
    config.payload_scale = options.payload_scale;
    config.cut_off_last_session = options.cut_off && lane == 0;
    config.seed = options.seed;
    config.start = log_start + (lane == 0 ? 0 : stagger.between(0, 60 * kMicrosPerSecond));
    lanes.push_back(std::make_unique<RunSlot>(config));
  }

  std::priority_queue<LaneHead, std::vector<LaneHead>, std::greater<>> heads;
  for (uint32_t lane = 0; lane < lanes.size(); ++lane) {
    if (lanes[lane]->refill()) heads.push({lanes[lane]->queue().front_time(), lane});
  }

  GenerationStats stats;
  while (!heads.empty() && sink.ok()) {
    const uint32_t lane = heads.top().lane;
    heads.pop();
    EventQueue& queue = lanes[lane]->queue();
    sink.write(queue.front_line());
    queue.pop_front();
    if (lanes[lane]->refill()) heads.push({queue.front_time(), lane});
  }

  for (const auto& lane : lanes) {
    stats.lines += lane->queue().lines_emitted();
    stats.spans += lane->queue().spans_emitted();
    stats.sessions += lane->sessions_started();
  }
  stats.bytes = sink.bytes_written();
  return stats;
}

}  // namespace agentreel::gen
