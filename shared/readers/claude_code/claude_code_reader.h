// Reader for Claude Code session transcripts (~/.claude/projects/<project>/<session>.jsonl and its
// <session>/subagents/agent-*.jsonl, or the older flat agent-*.jsonl): one reader per file; subagent files
// join their Task call in the parent file through the sink's deferred links. Span model: see the .cpp.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "readers/format_reader.h"

namespace agentreel {

std::unique_ptr<FormatReader> make_claude_code_reader(const ReaderContext& context);
// Why `head` (the first bytes of a file) is not a Claude Code transcript, or empty if it looks like one.
std::string claude_code_sniff(std::string_view head);

}  // namespace agentreel
