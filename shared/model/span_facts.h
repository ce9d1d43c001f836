// A span's facts as a person reads them, in plain text: for a tool call its command or file, how it ended
// (exit code, status), its output, stdout and stderr, an edit's diff; for a model turn the model, why it stopped,
// every token class and its cost, its thinking and reply; for a prompt its text. The details panel shows it above the
// raw records, and the CLI and MCP tools print it. Whole texts, nothing cut but what `max_bytes_per_text` asks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "model/span_text.h"
#include "model/trace.h"

namespace agentreel {

std::string describe_span_facts(const Trace& trace, const RecordReader& read, uint32_t span,
                                size_t max_bytes_per_text = SIZE_MAX);

}  // namespace agentreel
