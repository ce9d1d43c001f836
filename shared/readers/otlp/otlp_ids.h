// OTLP trace and span ids in one form: OTLP/JSON writes them as hex (the spec) or as base64 (the
// protobuf JSON mapping, e.g. OpenInference exports); both become lowercase hex here, so a trace
// read from either encoding links the same way. Pure functions, no dependencies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace agentreel {

// Lowercase hex of the id's bytes, or "" when `text` is not an id. Hex of exactly 2 * expected_bytes
// digits is read as hex; otherwise base64 (standard or URL-safe, padding optional) that decodes to
// expected_bytes; otherwise hex of another even width up to 32 bytes (e.g. a 64-bit trace id).
std::string normalize_otlp_id(std::string_view text, size_t expected_bytes);

// True for an id whose bytes are all zero (OTLP's "no parent").
bool is_zero_otlp_id(std::string_view hex);

}  // namespace agentreel
