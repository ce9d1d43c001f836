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
  // `threads` workers (at least 1), each with its own zstd context. `window_log` > 0 sets zstd's window
  // inside a block (0 = zstd's default for the level).
  explicit BlockPool(unsigned threads, int window_log = 0);
  ~BlockPool() override;
  void submit(std::string raw, int level) override;
  bool next(Block& out, bool wait) override;
  size_t capacity() const override { return workers_.size() * 2 + 1; }

 private:
  struct Job {
    std::string raw;
    int level = 0;
    bool started = false;
    bool done = false;
    Block result;
  };
  void work();

  int window_log_;
  std::mutex mutex_;
  std::condition_variable work_ready_;  // a job was queued, or stopping
  std::condition_variable job_done_;
  std::deque<std::shared_ptr<Job>> jobs_;  // submission order; finished jobs leave from the front
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace agentreel::cli
