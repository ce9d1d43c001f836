// Line bookkeeping for EventQueue: append, read the front, and reset the buffers once everything is drained.
// No I/O here; the interleaver copies lines out.
#include "agenteye_gen/event_queue.h"

namespace agentreel::gen {

Micros EventQueue::begin_line(Micros time) {
  if (time < last_time_) time = last_time_;
  last_time_ = time;
  open_line_time_ = time;
  open_line_begin_ = bytes_.size();
  return time;
}

void EventQueue::end_line() {
  bytes_.push_back('\n');
  lines_.push_back({open_line_time_, open_line_begin_, bytes_.size()});
  ++lines_emitted_;
}

std::string_view EventQueue::front_line() const {
  const QueuedLine& line = lines_[next_];
  return std::string_view(bytes_).substr(line.begin, line.end - line.begin);
}

void EventQueue::pop_front() {
  if (++next_ < lines_.size()) return;
  bytes_.clear();  // keeps capacity: the next step renders into the same storage
  lines_.clear();
  next_ = 0;
}

}  // namespace agentreel::gen
