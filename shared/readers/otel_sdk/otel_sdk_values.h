// Values as the OpenTelemetry SDKs write them into span JSON: trace and span ids ("0x"-prefixed hex, plain hex, or
// decimal integers up to 128 bits), times (ISO 8601 text or integer nanoseconds), and the integers too large for a
// JSON parser's 64-bit numbers, quoted in a copy of the text so simdjson can read the rest. Pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace agentreel::otel_sdk {

// Lowercase hex of an id of `bytes` bytes (16 for a trace, 8 for a span) written as "0x…" or plain hex (at most
// that many bytes, zero-padded on the left), or as decimal digits; "" when `text` is none of them or overflows.
std::string id_hex(std::string_view text, size_t bytes);

// A copy of the JSON `text` in which every integer of more than 18 digits (outside strings) is quoted, so that a
// parser limited to 64-bit integers reads it as a string of its digits. Offsets shift; JSON pointers do not.
std::string quote_big_integers(std::string_view text);
// Whether `text` holds such an integer (the copy is only made when it does).
bool has_big_integers(std::string_view text);

// A time as ns since the epoch: ISO 8601 / RFC 3339 text (a zone-less time read as UTC), or an integer that is
// ns (>= 1e17), us (>= 1e14), ms (>= 1e11) or seconds.
std::optional<int64_t> time_text_ns(std::string_view text);
std::optional<int64_t> time_number_ns(int64_t value);

}  // namespace agentreel::otel_sdk
