// Logs converted into a bundle held in memory, from bytes already read: what the viewer does with the logs it is
// given (a path on the command line natively, files dropped on the page in the browser) so that nobody needs
// `agentreel convert` first. No file I/O here; the platform reads the files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "convert/converter.h"
#include "core/status.h"

namespace agentreel {

struct InputBytes {
  std::string path;                 // stored in the bundle: relative, '/'-separated (a folder's files keep theirs)
  std::string_view bytes;           // the whole file
  bool found_in_directory = false;  // a file in no known format is then kept unparsed instead of refused
};

// The bundle's bytes. Fails like `agentreel convert` (ConvertOptions::require_spans): a file named on its own must be
// in a known format; when nothing at all could be read it says why, file by file.
Result<std::vector<uint8_t>> convert_to_bundle_bytes(const std::vector<InputBytes>& inputs,
                                                     ConvertOptions options = {});

}  // namespace agentreel
