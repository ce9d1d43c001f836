// Files for the CLI: ByteSink/ByteSource over stdio, atomic output (write to a temp name, then
// rename), and chunked reading. The only place in the converter that touches the file system.
#pragma once

#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/byte_io.h"
#include "core/status.h"

namespace agentreel::cli {

class FileSource final : public ByteSource {
 public:
  static Result<std::unique_ptr<FileSource>> open(const std::string& path);
  ~FileSource() override;
  uint64_t size() const override { return size_; }
  Status read(uint64_t offset, size_t size, void* out) const override;

 private:
  FileSource(std::FILE* file, uint64_t size, std::string path) : file_(file), size_(size), path_(std::move(path)) {}
  std::FILE* file_;
  uint64_t size_;
  std::string path_;
};

// Writes to "<path>.tmp-<pid>" and renames onto `path` on commit(); removes the temp file otherwise.
class AtomicFileSink final : public ByteSink {
 public:
  static Result<std::unique_ptr<AtomicFileSink>> create(const std::string& path);
  ~AtomicFileSink() override;
  Status write(const void* data, size_t size) override;
  Status commit();

 private:
  AtomicFileSink(std::FILE* file, std::string path, std::string temp)
      : file_(file), path_(std::move(path)), temp_(std::move(temp)) {}
  std::FILE* file_;
  std::string path_;
  std::string temp_;
  bool committed_ = false;
};

// Calls `chunk` with consecutive pieces of the file (at most `chunk_bytes` each).
Status read_file_chunks(const std::string& path, size_t chunk_bytes,
                        const std::function<Status(std::string_view)>& chunk);
Result<std::string> read_file_head(const std::string& path, size_t max_bytes);

}  // namespace agentreel::cli
