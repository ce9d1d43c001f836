// Reader for Gemini CLI chat sessions (~/.gemini/tmp/<project hash>/chats/session-*.json[l], a subagent's in
// <parent session id>/<agent id>.jsonl): the older one-document session, and JSON lines whose later lines rewrite
// earlier messages ($set, a message written again, $rewindTo). Span model: the .cpp and docs/formats.md. Must not
// depend on files or platform code.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "readers/format_reader.h"

namespace agentreel {

std::unique_ptr<FormatReader> make_gemini_reader(const ReaderContext& context);
// Why `head` (the first bytes of a file) is not a Gemini CLI session, or empty if it looks like one.
std::string gemini_sniff(std::string_view head);

}  // namespace agentreel
