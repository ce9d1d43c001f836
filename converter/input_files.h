// The files a conversion reads: command-line arguments expanded (a directory walked in sorted order, keeping its
// tree under its own name) and each file fed in chunks through read-only mappings. Shared by `convert`, `secrets`
// (logs given directly) and the redaction paths.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace agentreel::cli {

struct InputSpec {
  std::string disk_path;    // where to read it
  std::string stored_path;  // name kept in the bundle (a directory input keeps its tree)
  bool from_directory = false;
};

Status collect_inputs(const std::string& argument, std::vector<InputSpec>& out);

// Calls `chunk` with consecutive pieces of the file of at most `chunk_bytes`: views of read-only mappings for a
// regular file, read() buffers otherwise (a pipe, an empty file).
Status feed_file(const std::string& path, size_t chunk_bytes, const std::function<Status(std::string_view)>& chunk);

}  // namespace agentreel::cli
