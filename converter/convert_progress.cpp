#include "convert_progress.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace agentreel::cli {
namespace {

std::string bytes_words(double bytes) {
  char buf[32];
  if (bytes >= 1e9)
    std::snprintf(buf, sizeof buf, "%.2f GB", bytes / 1e9);
  else if (bytes >= 1e6)
    std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
  else
    std::snprintf(buf, sizeof buf, "%.0f kB", bytes / 1e3);
  return buf;
}

}  // namespace

ConvertProgress::ConvertProgress(uint64_t total_bytes, bool enabled)
    : total_(total_bytes), enabled_(enabled && isatty(STDERR_FILENO)), started_(Clock::now()) {
  if (const char* after = std::getenv("AGENTREEL_PROGRESS_AFTER_MS"))
    delay_ = std::chrono::milliseconds(std::strtol(after, nullptr, 10));
}

void ConvertProgress::add(uint64_t bytes) {
  done_ += bytes;
  if (enabled_) draw(false);
}

void ConvertProgress::draw(bool force) {
  const Clock::time_point now = Clock::now();
  if (!force && (now - started_ < delay_ || (shown_ && now - last_draw_ < std::chrono::milliseconds(200)))) return;
  last_draw_ = now;
  shown_ = true;
  const double seconds = std::chrono::duration<double>(now - started_).count();
  const double rate = seconds > 0 ? double(done_) / seconds : 0;
  std::string line = "agentreel: " + bytes_words(double(done_)) + " of " + bytes_words(double(total_)) + " read";
  if (total_ > 0) line += " (" + std::to_string(done_ * 100 / total_) + "%)";
  if (rate > 0) {
    line += ", " + bytes_words(rate) + "/s";
    if (done_ < total_) line += ", about " + std::to_string(int((double(total_ - done_) / rate) + 0.5)) + " s left";
  }
  std::fprintf(stderr, "\r%-78s", line.c_str());
  std::fflush(stderr);
}

void ConvertProgress::reading_done() {
  if (!shown_ || finished_) return;
  std::fprintf(stderr, "\r%-78s", ("agentreel: " + bytes_words(double(done_)) + " read; writing the index").c_str());
  std::fflush(stderr);
}

void ConvertProgress::finish() {
  if (finished_) return;
  finished_ = true;
  if (!shown_) return;
  std::fprintf(stderr, "\r%78s\r", "");  // the summary line follows on a clean line
  std::fflush(stderr);
}

}  // namespace agentreel::cli
