// A thread pool that compresses the bundle's RAW blocks while the main thread goes on parsing
// (BlockCompressor in shared/bundle/bundle_writer.h). Lives in converter/ because shared/ has no threads.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "bundle/bundle_writer.h"

namespace agentreel::cli {

class BlockPool final : public BlockCompressor {
 public:
  // Up to `threads` workers (at least 1), each with its own RawBlockEncoder. Blocks of `block_bytes` in
  // flight are bounded by kInFlightBudget (so 16 MiB blocks on a 64-core machine still fit in memory),
  // and there are never more workers than blocks that may be in flight.
  BlockPool(unsigned threads, uint64_t block_bytes);
  ~BlockPool() override;
  void submit(std::string raw, const RawBlockParams& params) override;
  bool next(Block& out, bool wait) override;
  size_t capacity() const override { return capacity_; }
  std::string spare_buffer() override;
  static constexpr uint64_t kInFlightBudget = 96ull << 20;
  // More spares save few page faults (compression lags parsing, so a spare is rarely ready) and cost 8 MiB
  // each of peak memory (1 GB AgentEye: 142 MB with one, 155 MB with `capacity`).
  static constexpr size_t kMaxSpares = 1;

 private:
  struct Job {
    std::string raw;
    RawBlockParams params;
    bool started = false;
    bool done = false;
    Block result;
  };
  void work();

  size_t capacity_ = 1;
  std::mutex mutex_;
  std::condition_variable work_ready_;  // a job was queued, or stopping
  std::condition_variable job_done_;
  std::deque<std::shared_ptr<Job>> jobs_;  // submission order; finished jobs leave from the front
  std::vector<std::string> spares_;        // raw buffers of compressed blocks (at most kMaxSpares) to refill
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace agentreel::cli
