// The secrets scan `convert` runs over every input, on a thread of its own, so the main thread's parsing does not
// wait for it. Chunks are copied into a bounded queue (the converter's chunks are views that do not outlive the
// call); the worker feeds them through a SecretStream per input and counts what it finds. Lives in converter/
// because shared/ has no threads.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "secrets/secret_stream.h"
#include "secrets/secret_summary.h"

namespace agentreel::cli {

class BackgroundScan {
 public:
  explicit BackgroundScan(const secrets::Scanner& scanner);
  ~BackgroundScan();
  BackgroundScan(const BackgroundScan&) = delete;
  BackgroundScan& operator=(const BackgroundScan&) = delete;

  // An input's bytes, in order; blocks while kMaxQueuedBytes wait for the worker.
  void feed(std::string_view chunk);
  // The end of the current input: the next feed starts a new stream.
  void end_input();
  // Waits for everything fed and returns what was found.
  const secrets::SecretSummary& finish();

  static constexpr size_t kMaxQueuedBytes = 16u << 20;

 private:
  struct Piece {
    std::string bytes;
    bool end_of_input = false;
  };
  void work();
  void push(Piece piece);

  const secrets::Scanner& scanner_;
  secrets::SecretSummary found_;  // written by the worker only, read after it has stopped
  std::mutex mutex_;
  std::condition_variable queued_;   // a piece was queued, or stopping
  std::condition_variable drained_;  // the queue shrank
  std::deque<Piece> queue_;
  size_t queued_bytes_ = 0;
  std::vector<std::string> spares_;  // emptied buffers to refill (few page faults for 1 MiB copies)
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace agentreel::cli
