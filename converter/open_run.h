// What the reading commands (info, why, find, …) open: one bundle file, or logs — files and directories of any
// readable format — converted into a bundle held in memory, so a user can ask about a run without a convert step.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "bundle/bundle_reader.h"

namespace agentreel::cli {

// True when the file at `path` starts with the bundle magic.
bool is_bundle_file(const std::string& path);

// One argument naming a bundle opens it; anything else is converted in memory (`format` forces a reader, as
// `convert --format` does). `producer` names the command in the in-memory bundle's META.
Result<std::unique_ptr<Bundle>> open_run(const std::vector<std::string>& arguments, const std::string& format,
                                         const std::string& producer);

// Log files and directories (walked as `convert` walks them) converted into a bundle's bytes in memory: what
// open_run does with logs, and what the native viewer does with the paths it is given.
Result<std::vector<uint8_t>> convert_paths_in_memory(const std::vector<std::string>& arguments,
                                                     const std::string& format, const std::string& producer);

}  // namespace agentreel::cli
