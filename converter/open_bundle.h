// Opens a bundle file for the subcommands, with the path prefixed to any error.
#pragma once

#include <memory>
#include <string>

#include "bundle/bundle_reader.h"

namespace agentreel::cli {

Result<std::unique_ptr<Bundle>> open_bundle_file(const std::string& path);

}  // namespace agentreel::cli
