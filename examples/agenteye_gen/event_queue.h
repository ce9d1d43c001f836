// The few already-rendered event lines one session has produced but the merge has not yet written out.
// Holds at most one agent step (a handful of lines); storage is reused, so memory stays flat however long the log.
// Invariant: queued timestamps never decrease; a line stamped earlier than its predecessor is clamped up.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "agenteye_gen/timestamp.h"

namespace agentreel::gen {

class EventQueue {
 public:
  // Starts a line; the caller appends the JSON object (without newline) to the returned buffer.
  // `time` is raised to the previous line's time if it is earlier; the effective time is returned.
  Micros begin_line(Micros time);
  std::string& line_buffer() { return bytes_; }
  void end_line();

  bool empty() const { return next_ == lines_.size(); }
  Micros front_time() const { return lines_[next_].time; }
  std::string_view front_line() const;  // including its '\n'
  void pop_front();

  Micros last_time() const { return last_time_; }
  void count_span() { ++spans_emitted_; }  // each span-opening or standalone event counts one
  uint64_t spans_emitted() const { return spans_emitted_; }
  uint64_t lines_emitted() const { return lines_emitted_; }

 private:
  struct QueuedLine {
    Micros time;
    size_t begin;
    size_t end;
  };

  std::string bytes_;
  std::vector<QueuedLine> lines_;
  size_t next_ = 0;
  size_t open_line_begin_ = 0;
  Micros open_line_time_ = 0;
  Micros last_time_ = INT64_MIN;
  uint64_t spans_emitted_ = 0;
  uint64_t lines_emitted_ = 0;
};

}  // namespace agentreel::gen
