// Buffered byte output to stdout or a file: lines are copied into a large buffer and written with fwrite in
// multi-megabyte blocks. The only file I/O of the generator; reports write failures (disk full, closed pipe).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace agentreel::gen {

class OutputSink {
 public:
  // Empty path or "-" means stdout. Check ok() after construction.
  explicit OutputSink(const std::string& path);
  ~OutputSink();
  OutputSink(const OutputSink&) = delete;
  OutputSink& operator=(const OutputSink&) = delete;

  void write(std::string_view bytes) {
    if (used_ + bytes.size() > buffer_.size()) flush_buffer();
    if (bytes.size() > buffer_.size()) {
      write_through(bytes);
      return;
    }
    std::copy(bytes.begin(), bytes.end(), buffer_.begin() + static_cast<std::ptrdiff_t>(used_));
    used_ += bytes.size();
  }
  bool finish();  // flushes and closes; false if any write failed

  bool ok() const { return file_ != nullptr && !failed_; }
  const std::string& error() const { return error_; }
  uint64_t bytes_written() const { return bytes_written_ + used_; }

 private:
  void flush_buffer();
  void write_through(std::string_view bytes);

  std::FILE* file_ = nullptr;
  bool owns_file_ = false;
  bool failed_ = false;
  std::string error_;
  std::vector<char> buffer_;
  size_t used_ = 0;
  uint64_t bytes_written_ = 0;
};

}  // namespace agentreel::gen
