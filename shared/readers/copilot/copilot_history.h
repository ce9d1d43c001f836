// The older Copilot CLI session document (history-session-state/*.json, 2025): {sessionId, startTime,
// chatMessages, timeline[{id, timestamp, type user|copilot|info|error|tool_call_requested|tool_call_completed,
// text?, callId?, name?, toolTitle?, arguments?, result {type, log}}]}, read into spans. Called by the Copilot
// reader once it has parsed the whole document. No I/O.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "model/trace_sink.h"

namespace agentreel::copilot {

struct HistoryDocument {
  simdjson::dom::object root;
  std::string_view text;       // the whole document
  size_t root_begin = 0;       // where its object begins in `text`
  uint64_t stream_offset = 0;  // where `text` begins in the raw stream
  std::string_view path;       // the input's path: a session id when the document has none
};

// Reads the document into `sink`. `skip(offset, reason, detail)` reports a bad element (false: stop);
// `count()` counts a record read. Returns false when reading stopped.
bool read_history(TraceSink& sink, const HistoryDocument& document,
                  const std::function<bool(size_t, SkipReason, std::string)>& skip, const std::function<void()>& count);

}  // namespace agentreel::copilot
