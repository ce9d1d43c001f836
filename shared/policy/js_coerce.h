// The JavaScript coercions failproofai's policies apply to configuration values without checking their type:
// ToNumber (thresholdKb * 1024) and for...of iteration (an array's elements, a string's characters). Keeping
// them lets a replay give the same answer as the live hook for odd configurations, not only for sane ones.
#pragma once

#include <optional>
#include <vector>

#include "policy/json_value.h"

namespace agentreel::policy {

// Number(value): booleans 0/1, strings parsed as JavaScript numeric literals (trimmed; "" is 0; decimal, 0x, 0o,
// 0b, Infinity; anything else NaN), arrays through their String() form, objects NaN, null 0.
double js_to_number(const JsonValue& value);

// The values `for (const x of value)` visits: an array's elements, a string's characters (by code point, as
// strings); nullopt where JavaScript throws "is not iterable" (numbers, booleans, objects, null).
std::optional<std::vector<JsonValue>> js_iterate(const JsonValue& value);

}  // namespace agentreel::policy
