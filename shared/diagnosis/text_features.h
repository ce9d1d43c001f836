// Internal helpers of the diagnosis: payload text features (arguments, tokens, paths). Byte-level string
// work only; no JSON library, no I/O.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace agentreel::diagnosis {

// The JSON text of a call's arguments inside its record ("input", "tool_input", "args"...), or the record.
std::string_view call_arguments_text(std::string_view record);
// Whitespace runs (also escaped \n \t) collapsed to one space; ids, hashes, timestamps replaced by '#'.
std::string normalize_text(std::string_view text);
// relevance_tokens() (diagnosis.h) without the sort: appends every token as found, duplicates included.
void append_relevance_tokens(std::string_view text, std::vector<std::string>& tokens);
// The same tokens, in the same order, handed to `emit` (valid during the call only): no string per token.
void for_each_relevance_token(std::string_view text, const std::function<void(std::string_view)>& emit);
// Tokens that look like paths or file names ("src/billing/tax.py", "README.md"), in order of appearance.
std::vector<std::string> path_like_tokens(std::string_view text);
// The unescaped value of the first string field `key` in a JSON text, or "".
std::string json_string_field(std::string_view text, std::string_view key);
// The JSON text with every object key blanked out, so only values are left to tokenise.
std::string json_values_only(std::string_view json);
// At most max_chars bytes (not splitting UTF-8), with an ellipsis when cut.
std::string shorten(std::string_view text, size_t max_chars);

}  // namespace agentreel::diagnosis
