// The rule for an input's stored path (docs/bundle-format.md, "INPT"): relative, `/`-separated, with no empty,
// `.` or `..` component, so that exporting it under a directory can never write outside that directory.
// Pure string check: no file system, no platform path rules.
#pragma once

#include <string>
#include <string_view>

namespace agentreel {

// Why `path` is not a safe stored path ("absolute", "has a '..' component", ...), or "" when it is one.
std::string unsafe_input_path_reason(std::string_view path);

}  // namespace agentreel
