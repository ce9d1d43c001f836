// Is a candidate value random enough to be a key, or a word, a placeholder, a variable reference? The checks a
// keyword match needs before it is reported (a provider prefix needs none). Pure functions over bytes.
#pragma once

#include <string_view>

namespace agentreel::secrets {

// Shannon entropy of the byte distribution, in bits per byte (0 for an empty string).
double shannon_entropy(std::string_view value);

// A token-like value that looks generated: at least `min_length` bytes, no whitespace, entropy of at least
// 3 bits a byte and characters from at least two of upper case, lower case and digits (hex ids pass; words,
// snake_case names and version strings do not).
bool looks_random(std::string_view value, size_t min_length = 16);

// Values that stand for a secret instead of being one: "${TOKEN}", "$API_KEY", "<your-key>", "{{ secret }}",
// "your_api_key_here", "changeme", "xxxxxxxx", "****", "[REDACTED ...]", "null", code such as os.environ[...].
bool looks_like_placeholder(std::string_view value);

}  // namespace agentreel::secrets
