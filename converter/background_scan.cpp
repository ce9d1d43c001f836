// Background secrets scan (see background_scan.h).
#include "background_scan.h"

#include <memory>

namespace agentreel::cli {

BackgroundScan::BackgroundScan(const secrets::Scanner& scanner) : scanner_(scanner), worker_([this] { work(); }) {}

BackgroundScan::~BackgroundScan() { finish(); }

void BackgroundScan::push(Piece piece) {
  std::unique_lock lock(mutex_);
  drained_.wait(lock, [&] { return queued_bytes_ < kMaxQueuedBytes; });
  queued_bytes_ += piece.bytes.size();
  queue_.push_back(std::move(piece));
  queued_.notify_one();
}

void BackgroundScan::feed(std::string_view chunk) {
  Piece piece;
  {
    std::lock_guard lock(mutex_);
    if (!spares_.empty()) {
      piece.bytes = std::move(spares_.back());
      spares_.pop_back();
    }
  }
  piece.bytes.assign(chunk);
  push(std::move(piece));
}

void BackgroundScan::end_input() {
  Piece piece;
  piece.end_of_input = true;
  push(std::move(piece));
}

const secrets::SecretSummary& BackgroundScan::finish() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    queued_.notify_one();
  }
  if (worker_.joinable()) worker_.join();
  return found_;
}

void BackgroundScan::work() {
  const auto count = [this](uint64_t, std::string_view, std::span<const secrets::Finding> findings) {
    for (const secrets::Finding& finding : findings) found_.add(finding);
  };
  auto stream = std::make_unique<secrets::SecretStream>(scanner_, count);
  while (true) {
    Piece piece;
    {
      std::unique_lock lock(mutex_);
      queued_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) break;  // stopping, and everything fed was scanned
      piece = std::move(queue_.front());
      queue_.pop_front();
      queued_bytes_ -= piece.bytes.size();
      drained_.notify_one();
    }
    if (piece.end_of_input) {
      stream->finish();
      stream = std::make_unique<secrets::SecretStream>(scanner_, count);
      continue;
    }
    stream->feed(piece.bytes);
    std::lock_guard lock(mutex_);
    if (spares_.size() < 2) spares_.push_back(std::move(piece.bytes));
  }
  stream->finish();  // an input not ended (convert stopped on an error): its findings are not needed, but settle
}

}  // namespace agentreel::cli
