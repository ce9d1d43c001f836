// Progress of a long conversion on stderr when it is a terminal: bytes read of the total, the rate and the time
// left, redrawn on one line at most five times a second once the conversion has run a second, cleared at the end.
// Nothing at all when stderr is a file or a pipe (logs and scripts get the summary line only).
#pragma once

#include <chrono>
#include <cstdint>

namespace agentreel::cli {

class ConvertProgress {
 public:
  // `total_bytes`: the sum of the inputs' sizes. Shown only when `enabled` and stderr is a terminal;
  // AGENTREEL_PROGRESS_AFTER_MS (tests) replaces the one-second wait.
  ConvertProgress(uint64_t total_bytes, bool enabled);
  ~ConvertProgress() { finish(); }
  void add(uint64_t bytes);
  // Every input is read; the index is being written (said when the line is shown).
  void reading_done();
  // Clears the line when it was shown.
  void finish();

 private:
  void draw(bool force);

  using Clock = std::chrono::steady_clock;
  uint64_t total_ = 0, done_ = 0;
  bool enabled_ = false, shown_ = false, finished_ = false;
  Clock::time_point started_, last_draw_;
  std::chrono::milliseconds delay_{1000};
};

}  // namespace agentreel::cli
