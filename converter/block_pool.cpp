// Parallel RAW block compression for `agentreel convert` (see block_pool.h).
#include "block_pool.h"

#include <zstd.h>

namespace agentreel::cli {

BlockPool::BlockPool(unsigned threads, int window_log) : window_log_(window_log) {
  if (threads == 0) threads = 1;
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

void BlockPool::submit(std::string raw, int level) {
  auto job = std::make_shared<Job>();
  job->raw = std::move(raw);
  job->level = level;
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

void BlockPool::work() {
  ZSTD_CCtx* context = ZSTD_createCCtx();
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
    result.stored.resize(ZSTD_compressBound(job->raw.size()));
    ZSTD_CCtx_reset(context, ZSTD_reset_session_and_parameters);
    ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, job->level);
    ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 1);
    if (window_log_ > 0) ZSTD_CCtx_setParameter(context, ZSTD_c_windowLog, window_log_);
    const size_t size =
        ZSTD_compress2(context, result.stored.data(), result.stored.size(), job->raw.data(), job->raw.size());
    if (ZSTD_isError(size)) {
      result.status = {ErrorCode::io, std::string("zstd compression of a RAW block failed: ") + ZSTD_getErrorName(size)};
      result.stored.clear();
    } else {
      result.stored.resize(size);
    }
    std::string().swap(job->raw);
    {
      std::lock_guard lock(mutex_);
      job->result = std::move(result);
      job->done = true;
    }
    job_done_.notify_all();
  }
  ZSTD_freeCCtx(context);
}

}  // namespace agentreel::cli
