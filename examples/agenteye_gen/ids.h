// Identifier shapes used in AgentEye logs: UUIDs (session, hook, pause, input ids), "agent-7f3a" agent ids and
// "toolu_01…" tool-call ids. Ids live in a fixed inline buffer so generating millions of them never allocates.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "agenteye_gen/random.h"

namespace agentreel::gen {

struct Id {
  std::array<char, 40> text{};
  uint8_t length = 0;

  std::string_view view() const { return {text.data(), length}; }
  bool empty() const { return length == 0; }
};

Id make_uuid(Rng& rng);          // RFC 4122 version-4 layout, lowercase: 8-4-4-4-12 hex digits
Id make_agent_id(Rng& rng);      // "agent-" + 4 lowercase hex digits; unique only within one session
Id make_tool_call_id(Rng& rng);  // "toolu_01" + 22 base62 characters, as the Anthropic API issues them

}  // namespace agentreel::gen
