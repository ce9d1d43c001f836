// Parallel RAW block compression for `agentreel convert` (see block_pool.h).
#include "block_pool.h"

#include <algorithm>

namespace agentreel::cli {

BlockPool::BlockPool(unsigned threads, uint64_t block_bytes) {
  const uint64_t fit = std::max<uint64_t>(2, kInFlightBudget / std::max<uint64_t>(block_bytes, 1));
  threads = unsigned(std::clamp<uint64_t>(threads, 1, fit - 1));
  capacity_ = size_t(std::min<uint64_t>(uint64_t(threads) + 1, fit));  // one queued block per worker is enough
  for (unsigned i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
}

BlockPool::~BlockPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (std::thread& worker : workers_) worker.join();
}

void BlockPool::submit(std::string raw, const RawBlockParams& params) {
  auto job = std::make_shared<Job>();
  job->raw = std::move(raw);
  job->params = params;
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  work_ready_.notify_one();
}

bool BlockPool::next(Block& out, bool wait) {
  std::unique_lock lock(mutex_);
  if (jobs_.empty()) return false;
  if (!jobs_.front()->done) {
    if (!wait) return false;
    job_done_.wait(lock, [&] { return jobs_.front()->done; });
  }
  out = std::move(jobs_.front()->result);
  jobs_.pop_front();
  return true;
}

std::string BlockPool::spare_buffer() {
  std::lock_guard lock(mutex_);
  if (spares_.empty()) return {};
  std::string spare = std::move(spares_.back());
  spares_.pop_back();
  return spare;
}

void BlockPool::work() {
  RawBlockEncoder encoder;
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mutex_);
      work_ready_.wait(lock, [&] {
        if (stopping_) return true;
        for (const auto& j : jobs_) {
          if (!j->started) return true;
        }
        return false;
      });
      for (const auto& j : jobs_) {
        if (!j->started) {
          job = j;
          break;
        }
      }
      if (!job) break;  // stopping and nothing left to start
      job->started = true;
    }
    Block result;
    result.raw_size = job->raw.size();
    result.status = encoder.encode(job->raw, job->params, result.stored);
    {
      std::lock_guard lock(mutex_);
      if (spares_.size() < kMaxSpares) spares_.push_back(std::move(job->raw));
      std::string().swap(job->raw);
      job->result = std::move(result);
      job->done = true;
    }
    job_done_.notify_all();
  }
}

}  // namespace agentreel::cli
