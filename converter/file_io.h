// Files for the CLI: atomic output over stdio (write to a temp name, then rename) and chunked reading.
// With native/file_source.h (bundles read with pread), the only place in the converter that touches files.
#pragma once

#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/byte_io.h"
#include "core/status.h"

namespace agentreel::cli {

// Writes to "<path>.tmp-<pid>" and renames onto `path` on commit(); removes the temp file otherwise.
class AtomicFileSink final : public ByteSink {
 public:
  static Result<std::unique_ptr<AtomicFileSink>> create(const std::string& path);
  ~AtomicFileSink() override;
  Status write(const void* data, size_t size) override;
  Status read_back(uint64_t offset, size_t size, void* out) override;
  Status rewrite(uint64_t offset, const void* data, size_t size) override;
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
