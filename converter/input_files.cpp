// Input expansion and chunked file reading (see input_files.h).
#include "input_files.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "file_io.h"

namespace agentreel::cli {
namespace {

namespace fs = std::filesystem;

// Feeds a regular file in `chunk_bytes` views of read-only mappings: no copy from the page cache into a
// read buffer (that copy was 14% of a conversion's CPU with cheap compression). The file is mapped one
// kWindow at a time, so its pages count against this process's RSS for at most one window. Returns false,
// having fed nothing, when the file cannot be mapped (a pipe, an empty file): the caller then reads it.
bool feed_mapped(const std::string& path, size_t chunk_bytes, const std::function<Status(std::string_view)>& chunk,
                 Status& status) {
  constexpr size_t kWindow = 16u << 20;  // a multiple of the page size and of chunk_bytes
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size <= 0) {
    ::close(fd);
    return false;
  }
  const uint64_t size = uint64_t(info.st_size);
  status = Status::ok();
  for (uint64_t window = 0; window < size && status.is_ok(); window += kWindow) {
    const size_t length = size_t(std::min<uint64_t>(kWindow, size - window));
    void* map = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd, off_t(window));
    if (map == MAP_FAILED) {
      ::close(fd);
      if (window == 0) return false;
      status = {ErrorCode::io, "cannot map " + path + " at byte " + std::to_string(window)};
      return true;
    }
    ::madvise(map, length, MADV_SEQUENTIAL);
    const char* bytes = static_cast<const char*>(map);
    for (size_t at = 0; at < length && status.is_ok(); at += chunk_bytes) {
      status = chunk(std::string_view(bytes + at, std::min(chunk_bytes, length - at)));
    }
    ::munmap(map, length);
  }
  ::close(fd);
  return true;
}

}  // namespace

bool is_harness_state(std::string_view file_name) {
  static constexpr std::string_view kNames[] = {
      "settings.json",    "settings.local.json",  "auth.json",    "config.toml",
      "oauth_creds.json", "google_accounts.json", "secrets.json", "config.json",
  };
  return std::find(std::begin(kNames), std::end(kNames), file_name) != std::end(kNames);
}

Status collect_inputs(const std::string& argument, std::vector<InputSpec>& out, std::vector<std::string>* left_out) {
  std::error_code error;
  const fs::path path(argument);
  if (fs::is_directory(path, error)) {
    const fs::path base = path.filename().empty() ? path.parent_path().filename() : path.filename();
    std::vector<InputSpec> found;
    std::vector<std::string> state;
    for (auto it = fs::recursive_directory_iterator(path, error); !error && it != fs::recursive_directory_iterator();
         it.increment(error)) {
      const std::string name = it->path().filename().string();
      if (name.starts_with(".")) {  // .DS_Store, .git/, editor swap files, .credentials.json
        if (it->is_directory(error)) it.disable_recursion_pending();
        continue;
      }
      if (!it->is_regular_file(error)) continue;
      const std::string stored = (base / fs::relative(it->path(), path)).generic_string();
      if (is_harness_state(name)) {
        state.push_back(stored);
        continue;
      }
      found.push_back({it->path().string(), stored, true});
    }
    if (error) return {ErrorCode::io, "cannot walk " + argument + ": " + error.message()};
    std::sort(found.begin(), found.end(), [](auto& a, auto& b) { return a.stored_path < b.stored_path; });
    std::sort(state.begin(), state.end());
    if (left_out) left_out->insert(left_out->end(), state.begin(), state.end());
    out.insert(out.end(), found.begin(), found.end());
    return Status::ok();
  }
  if (!fs::exists(path, error)) return {ErrorCode::io, "cannot open " + argument + ": no such file or directory"};
  out.push_back({argument, path.filename().generic_string()});
  return Status::ok();
}

Status feed_file(const std::string& path, size_t chunk_bytes, const std::function<Status(std::string_view)>& chunk) {
  Status status;
  if (!feed_mapped(path, chunk_bytes, chunk, status)) status = read_file_chunks(path, chunk_bytes, chunk);
  return status;
}

}  // namespace agentreel::cli
