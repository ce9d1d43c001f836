// The sentence under "Could not open this file": what the user can do, chosen by why the file failed. A path
// that does not exist is not a damaged bundle, and a bundle from a newer agentreel is not damaged either.
#pragma once

#include <string_view>

#include "core/status.h"

namespace agentreel::viewer {

std::string_view error_hint(ErrorCode code);

}  // namespace agentreel::viewer
