// What `find` shows beside a matching span: the text around the match, or what the span did. Shared by
// `agentreel find` and the MCP server's find tool, so both show the same snippet for the same span.
#pragma once

#include <cstdint>
#include <string>

#include "find/find_query.h"
#include "model/record_reader.h"
#include "model/trace.h"

namespace agentreel::cli {

// The text around the first needle found in the span's text facts (up to 60 bytes either side, whole UTF-8
// characters, on one line) as "ROLE: …text…"; "" when no text fact holds one.
std::string find_text_snippet(const Trace& trace, const RecordReader& read, uint32_t span, const FindQuery& query);

// What the span is, in one line: a call's summary, a prompt's or reply's first line, else its name.
std::string find_span_snippet(const Trace& trace, const RecordReader& read, uint32_t span);

// The text snippet when there is one, else the span's one-line summary (find --json's `snippet`).
std::string find_snippet(const Trace& trace, const RecordReader& read, uint32_t span, const FindQuery& query);

}  // namespace agentreel::cli
