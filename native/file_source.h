// A bundle file read on demand with pread(2), for the CLI and the native viewer: opening touches only the
// header, the table of contents and the index sections; a RAW block is read when a span's payload is first
// needed. Memory stays near the index's size instead of the file's, and a 700 MB bundle opens without
// reading 700 MB first. pread takes no file position, so concurrent reads (Bundle::open's parallel index
// decoding, the viewer's diagnosis worker and UI) need no lock here.
#pragma once

#include <memory>
#include <string>

#include "core/byte_io.h"
#include "core/status.h"

namespace agentreel::native {

class FileSource final : public ByteSource {
 public:
  // An io error naming the path and the reason when the file cannot be opened as a regular file.
  static Result<std::unique_ptr<FileSource>> open(const std::string& path);
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  uint64_t size() const override { return size_; }
  // A file changed or cut short since it was opened reads as an error (or fails a section's checksum), never
  // as a crash: unlike a memory map, a short read has no SIGBUS.
  Status read(uint64_t offset, size_t size, void* out) const override;

 private:
  FileSource(int fd, uint64_t size, std::string path) : fd_(fd), size_(size), path_(std::move(path)) {}
  int fd_;
  uint64_t size_;
  std::string path_;
};

}  // namespace agentreel::native
