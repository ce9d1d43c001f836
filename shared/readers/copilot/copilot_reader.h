// Reader for GitHub Copilot CLI sessions: the event log (~/.copilot/session-state/<id>/events.jsonl, or <id>.jsonl
// in early releases; JSON lines {id, parentId, timestamp, type, data}) and the older one-document session
// (history-session-state/*.json {sessionId, startTime, chatMessages, timeline}). Span model: the .cpp files and
// docs/formats.md. Must not depend on files or platform code.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "readers/format_reader.h"

namespace agentreel {

std::unique_ptr<FormatReader> make_copilot_reader(const ReaderContext& context);
// Why `head` (the first bytes of a file) is not a Copilot CLI session, or empty if it looks like one.
std::string copilot_sniff(std::string_view head);

}  // namespace agentreel
