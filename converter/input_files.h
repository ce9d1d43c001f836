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

// A file argument is taken as it is. A directory is walked in sorted order, leaving out what a harness keeps beside
// its logs that is no log and must not travel in a bundle: hidden entries (`.DS_Store`, `.git/`, Claude Code's
// `.credentials.json`) quietly, and the settings and credential files harnesses keep (is_harness_state) named in
// `left_out` when given, so the caller can say so once. Every other file is an input (unknown ones are kept
// unparsed by the converter).
Status collect_inputs(const std::string& argument, std::vector<InputSpec>& out,
                      std::vector<std::string>* left_out = nullptr);

// A file name harnesses use for settings or credentials beside their logs: settings.json, settings.local.json
// (Claude Code, Gemini CLI, OpenHands), auth.json, config.toml (Codex), oauth_creds.json, google_accounts.json
// (Gemini CLI), secrets.json (OpenHands), config.json (Copilot CLI).
bool is_harness_state(std::string_view file_name);

// Calls `chunk` with consecutive pieces of the file of at most `chunk_bytes`: views of read-only mappings for a
// regular file, read() buffers otherwise (a pipe, an empty file).
Status feed_file(const std::string& path, size_t chunk_bytes, const std::function<Status(std::string_view)>& chunk);

}  // namespace agentreel::cli
