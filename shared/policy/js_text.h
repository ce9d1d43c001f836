// JavaScript string semantics on UTF-8 text: what String.prototype.trim, split(/\s+/) and .length do, so the
// policies see commands exactly as failproofai's TypeScript does. Strings may be WTF-8 (a lone surrogate from a
// JSON "\ud800" escape is kept as its 3-byte form). Pure functions; depends on nothing but the standard library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace agentreel::policy {

// Bytes taken by the JavaScript whitespace character (\s: WhiteSpace and LineTerminator) starting at `at`, or 0
// when there is none: U+0009-000D, U+0020, U+00A0, U+1680, U+2000-200A, U+2028, U+2029, U+202F, U+205F, U+3000,
// U+FEFF.
size_t js_whitespace_length_at(std::string_view text, size_t at);

// String.prototype.trim / trimStart.
std::string_view js_trim(std::string_view text);
std::string_view js_trim_start(std::string_view text);

// text.split(/\s+/): pieces between runs of whitespace; "" gives one empty piece, and leading or trailing
// whitespace gives an empty first or last piece, exactly as JavaScript does.
std::vector<std::string_view> js_split_whitespace(std::string_view text);

// String.prototype.length: UTF-16 code units (a character outside the BMP counts 2, a lone surrogate 1).
size_t utf16_length(std::string_view text);

// Appends code point `cp` as UTF-8; a surrogate (U+D800-DFFF) is written in its 3-byte WTF-8 form.
void append_utf8(std::string& out, uint32_t cp);

// Decodes the code point at `at` (advancing `at`); an invalid byte decodes as itself, one byte long. WTF-8
// surrogates decode to their surrogate value.
uint32_t decode_utf8(std::string_view text, size_t& at);

// ASCII-only lowercase (String.prototype.toLowerCase for the ASCII letters; other characters are kept).
std::string ascii_lower(std::string_view text);

// Copies `text` with every lone surrogate replaced by U+FFFD (also 3 bytes, so offsets are kept), for PCRE2,
// which matches well-formed UTF-8 only. Returns false and leaves `out` untouched when there is none.
bool replace_lone_surrogates(std::string_view text, std::string& out);

}  // namespace agentreel::policy
