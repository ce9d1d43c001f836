// How the core reads a record's bytes without knowing where they live: a bundle's block cache, or a raw stream
// in memory. One name for one concept: a record is the byte range a span's RecordRef names (docs/bundle-format.md).
#pragma once

#include <functional>
#include <string>

#include "model/record_ref_column.h"

namespace agentreel {

// The bytes of a record of the raw stream, or "" when they cannot be read. For a bundle:
// [&](RecordRef r) { auto b = bundle.read_record(r); return b.is_ok() ? b.take() : std::string(); }
using RecordReader = std::function<std::string(RecordRef)>;

}  // namespace agentreel
