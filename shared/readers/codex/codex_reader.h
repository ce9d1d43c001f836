// Reader for OpenAI Codex CLI rollouts ($CODEX_HOME/sessions/YYYY/MM/DD/rollout-<time>-<id>.jsonl): one file per
// session thread, JSON lines of {timestamp, type, payload} since Codex 0.30 (session_meta, turn_context,
// response_item, event_msg, compacted), and before that a bare session header line followed by bare response
// items without times. Span model: see the .cpp and docs/formats.md. Must not depend on files or platform code.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "readers/format_reader.h"

namespace agentreel {

std::unique_ptr<FormatReader> make_codex_reader(const ReaderContext& context);
// Why `head` (the first bytes of a file) is not a Codex rollout, or empty if it looks like one.
std::string codex_sniff(std::string_view head);

}  // namespace agentreel
