// Timestamps: RFC 3339 text <-> nanoseconds since the Unix epoch (UTC), without the C library's
// time zone machinery (identical on native and wasm). A missing zone is read as UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace agentreel {

// "2026-03-04T10:15:02.123456Z", "2026-03-04 10:15:02+02:00", up to 9 fractional digits.
std::optional<int64_t> parse_rfc3339_ns(std::string_view text);
// "2026-03-04T10:15:02.123456789Z" (always 9 digits).
std::string format_rfc3339_ns(int64_t ns);

}  // namespace agentreel
