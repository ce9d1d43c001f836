// fwrite-based implementation of OutputSink. The first failure is kept as a message with the errno text;
// later writes are dropped, and the interleaver stops generating once ok() turns false.
#include "agenteye_gen/output_sink.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace agentreel::gen {
namespace {

constexpr size_t kBufferBytes = 8 << 20;

}  // namespace

OutputSink::OutputSink(const std::string& path) : buffer_(kBufferBytes) {
  if (path.empty() || path == "-") {
    file_ = stdout;
    return;
  }
  file_ = std::fopen(path.c_str(), "wb");
  owns_file_ = file_ != nullptr;
  if (!file_) error_ = "cannot open '" + path + "' for writing: " + std::strerror(errno);
}

OutputSink::~OutputSink() {
  if (owns_file_) std::fclose(file_);
}

void OutputSink::write_through(std::string_view bytes) {
  if (failed_ || !file_) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size()) {
    failed_ = true;
    error_ = std::string("write failed: ") + std::strerror(errno);
    return;
  }
  bytes_written_ += bytes.size();
}

void OutputSink::flush_buffer() {
  write_through(std::string_view(buffer_.data(), used_));
  used_ = 0;
}

bool OutputSink::finish() {
  flush_buffer();
  if (file_ && std::fflush(file_) != 0 && !failed_) {
    failed_ = true;
    error_ = std::string("write failed: ") + std::strerror(errno);
  }
  if (owns_file_) {
    if (std::fclose(file_) != 0 && !failed_) {
      failed_ = true;
      error_ = std::string("close failed: ") + std::strerror(errno);
    }
    owns_file_ = false;
    file_ = nullptr;
  }
  return !failed_;
}

}  // namespace agentreel::gen
