// JSON.parse for the policy engine: strict JSON (RFC 8259, as Node's JSON.parse accepts it) into an
// order-preserving JsonValue, numbers as doubles, invalid UTF-8 inside strings replaced by U+FFFD the way Node
// decodes stdin and config files, lone "\ud800" escapes kept as WTF-8. Errors name the source, line, byte offset
// and what was expected. No I/O.
#pragma once

#include <string_view>

#include "core/status.h"
#include "policy/json_value.h"

namespace agentreel::policy {

// Containers nested deeper than this are refused (Node would go on; no hook payload comes close).
inline constexpr int kMaxJsonDepth = 512;

// Parses one JSON text. On failure the Status is malformed_record with a message such as
// "policies-config.json:3: byte 41: expected ',' or '}' after an object member, found '\"'".
Result<JsonValue> parse_json(std::string_view text, std::string_view source_name);

}  // namespace agentreel::policy
