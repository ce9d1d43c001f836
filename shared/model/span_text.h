// A span's text facts read as text, through the caller's record reader (a bundle's block cache, or a raw stream
// in memory), and the one line that says what a tool call did ("$ git commit --no-verify", "Edit src/tax.py",
// "Grep TODO in src/") for the conversation view, the details panel, `agentreel why` and `find`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "model/record_reader.h"
#include "model/trace.h"

namespace agentreel {

// The `nth` fact of `role` on `span` as text (record_text.h), at most `max_bytes`; nullopt when the span has no
// such fact or its record cannot be read.
std::optional<std::string> span_text(const Trace& trace, const RecordReader& read, uint32_t span, TextRole role,
                                     size_t nth = 0, size_t max_bytes = SIZE_MAX);

// What a tool call did, in one line of at most `max_bytes`: its action and main argument. Falls back to the
// tool's name and its arguments' JSON.
std::string call_summary(const Trace& trace, const RecordReader& read, uint32_t span, size_t max_bytes = 160);

// The canonical action attribute of a tool span ("shell", "edit", ...), "" when none.
std::string_view span_action(const Trace& trace, uint32_t span);

}  // namespace agentreel
