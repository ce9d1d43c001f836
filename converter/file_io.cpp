// stdio-backed files for the CLI (see file_io.h).
#include "file_io.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace agentreel::cli {
namespace {

Status io_error(const std::string& what, const std::string& path) {
  return {ErrorCode::io, what + " " + path + ": " + std::strerror(errno)};
}

}  // namespace

Result<std::unique_ptr<AtomicFileSink>> AtomicFileSink::create(const std::string& path) {
  const std::string temp = path + ".tmp-" + std::to_string(getpid());
  std::FILE* file = std::fopen(temp.c_str(), "w+b");  // read back: the find index is built from its RAW blocks
  if (!file) return io_error("cannot create", temp);
  return std::unique_ptr<AtomicFileSink>(new AtomicFileSink(file, path, temp));
}

AtomicFileSink::~AtomicFileSink() {
  if (file_) std::fclose(file_);
  if (!committed_) std::remove(temp_.c_str());
}

Status AtomicFileSink::write(const void* data, size_t size) {
  if (std::fwrite(data, 1, size, file_) != size) return io_error("cannot write", temp_);
  return Status::ok();
}

Status AtomicFileSink::read_back(uint64_t offset, size_t size, void* out) {
  if (std::fflush(file_) != 0) return io_error("cannot write", temp_);
  auto* bytes = static_cast<char*>(out);
  while (size) {
    const ssize_t got = pread(fileno(file_), bytes, size, off_t(offset));
    if (got <= 0) return io_error("cannot read back", temp_);
    bytes += got;
    offset += uint64_t(got);
    size -= size_t(got);
  }
  return Status::ok();
}

Status AtomicFileSink::rewrite(uint64_t offset, const void* data, size_t size) {
  if (std::fflush(file_) != 0) return io_error("cannot write", temp_);
  if (pwrite(fileno(file_), data, size, off_t(offset)) != ssize_t(size)) return io_error("cannot write", temp_);
  return Status::ok();
}

Status AtomicFileSink::commit() {
  const int closed = std::fclose(file_);
  file_ = nullptr;
  if (closed != 0) return io_error("cannot finish writing", temp_);
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) return io_error("cannot rename onto", path_);
  committed_ = true;
  return Status::ok();
}

Status read_file_chunks(const std::string& path, size_t chunk_bytes,
                        const std::function<Status(std::string_view)>& chunk) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return io_error("cannot open", path);
  std::vector<char> buffer(chunk_bytes);
  Status status;
  while (status.is_ok()) {
    const size_t got = std::fread(buffer.data(), 1, buffer.size(), file);
    if (got) status = chunk(std::string_view(buffer.data(), got));
    if (got < buffer.size()) {
      if (std::ferror(file)) status = io_error("cannot read", path);
      break;
    }
  }
  std::fclose(file);
  return status;
}

Result<std::string> read_file_head(const std::string& path, size_t max_bytes) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return io_error("cannot open", path);
  std::string head(max_bytes, '\0');
  head.resize(std::fread(head.data(), 1, max_bytes, file));
  std::fclose(file);
  return head;
}

}  // namespace agentreel::cli
