// The list of input formats, in detection order. Adding a format = one entry here.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "readers/format_reader.h"

namespace agentreel {

struct FormatEntry {
  std::string_view name;
  // Empty string: `head` looks like this format; otherwise why not.
  std::string (*sniff)(std::string_view head);
  std::unique_ptr<FormatReader> (*make)(const ReaderContext& context);
};

const std::vector<FormatEntry>& input_formats();
// Detects the format from the first bytes; the error lists every format tried and why it failed.
Result<const FormatEntry*> detect_format(std::string_view path, std::string_view head);
const FormatEntry* find_format(std::string_view name);

}  // namespace agentreel
