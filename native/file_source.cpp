// pread-backed bundle file for the native programs (see file_source.h).
#include "file_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace agentreel::native {

Result<std::unique_ptr<FileSource>> FileSource::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status{ErrorCode::io, "cannot open '" + path + "': " + std::strerror(errno)};
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    const bool directory = S_ISDIR(info.st_mode);
    ::close(fd);
    return Status{ErrorCode::io,
                  "cannot read '" + path + "': " + (directory ? "it is a directory" : "not a regular file")};
  }
  return std::unique_ptr<FileSource>(new FileSource(fd, uint64_t(info.st_size), path));
}

FileSource::~FileSource() { ::close(fd_); }

Status FileSource::read(uint64_t offset, size_t size, void* out) const {
  if (offset > size_ || size > size_ - offset) {
    return {ErrorCode::truncated, "read of " + std::to_string(size) + " bytes at byte " + std::to_string(offset) +
                                      " runs past the end of '" + path_ + "' (" + std::to_string(size_) + " bytes)"};
  }
  auto* to = static_cast<char*>(out);
  while (size > 0) {
    const ssize_t got = ::pread(fd_, to, size, off_t(offset));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      return {ErrorCode::io, "cannot read '" + path_ + "' at byte " + std::to_string(offset) + ": " +
                                 (got == 0 ? std::string("the file is shorter than when it was opened")
                                           : std::string(std::strerror(errno)))};
    }
    to += got, offset += uint64_t(got), size -= size_t(got);
  }
  return Status::ok();
}

}  // namespace agentreel::native
