// Reader for AgentEye event logs (JSONL, docs/event-schema.md): demultiplexes interleaved runs by
// session_id and pairs start/end records (tool_call_id, hook_id, pause_id, input_id, per-agent
// model request order, agent_id), nesting subagents under the call that spawned them.
#pragma once

#include <memory>

#include "readers/format_reader.h"

namespace agentreel {

std::unique_ptr<FormatReader> make_agenteye_reader(const ReaderContext& context);
// Why `head` (the first bytes of a file) is not AgentEye, or empty if it looks like it.
std::string agenteye_sniff(std::string_view head);

}  // namespace agentreel
