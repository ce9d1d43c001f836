// Registered input formats (see registry.h).
#include "readers/registry.h"

#include "readers/agenteye/agenteye_reader.h"
#include "readers/claude_code/claude_code_reader.h"
#include "readers/codex/codex_reader.h"
#include "readers/copilot/copilot_reader.h"
#include "readers/gemini/gemini_reader.h"
#include "readers/hooks/hooks_reader.h"
#include "readers/mini_swe_agent/mini_swe_agent_reader.h"
#include "readers/openhands/openhands_reader.h"
#include "readers/otel_sdk/otel_sdk_reader.h"
#include "readers/otlp/otlp_reader.h"
#include "readers/swe_agent/swe_agent_reader.h"

namespace agentreel {

const std::vector<FormatEntry>& input_formats() {
  static const std::vector<FormatEntry> formats = {
      {"agenteye", agenteye_sniff, make_agenteye_reader},
      {"claude_code", claude_code_sniff, make_claude_code_reader},
      {"otlp", otlp_sniff, make_otlp_reader},
      {"otel_sdk", otel_sdk_sniff, make_otel_sdk_reader},
      {"swe_agent", swe_agent_sniff, make_swe_agent_reader},
      {"openhands", openhands_sniff, make_openhands_reader},
      {"mini_swe_agent", mini_swe_agent_sniff, make_mini_swe_agent_reader},
      {"hooks", hooks_sniff, make_hooks_reader},
      {"codex", codex_sniff, make_codex_reader},
      {"gemini", gemini_sniff, make_gemini_reader},
      {"copilot", copilot_sniff, make_copilot_reader},
  };
  return formats;
}

Result<const FormatEntry*> detect_format(std::string_view path, std::string_view head) {
  std::string reasons;
  for (const FormatEntry& format : input_formats()) {
    const std::string why_not = format.sniff(head);
    if (why_not.empty()) return &format;
    reasons += "\n  " + std::string(format.name) + ": " + why_not;
  }
  return Status(ErrorCode::unknown_format,
                std::string(path) + ": not in any known format (line 1, byte 0); tried:" + reasons);
}

const FormatEntry* find_format(std::string_view name) {
  for (const FormatEntry& format : input_formats()) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

}  // namespace agentreel
