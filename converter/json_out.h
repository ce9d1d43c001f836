// The CLI's --json output uses the core JSON writer (shared/core/json_writer.h); these names keep the
// commands written against it compiling.
#pragma once

#include "core/json_writer.h"

namespace agentreel::cli {

using JsonOut = JsonWriter;
using agentreel::json_string;

}  // namespace agentreel::cli
