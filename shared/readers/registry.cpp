// Registered input formats (see registry.h).
#include "readers/registry.h"

#include "readers/agenteye/agenteye_reader.h"
#include "readers/claude_code/claude_code_reader.h"
#include "readers/otlp/otlp_reader.h"
#include "readers/openhands/openhands_reader.h"
#include "readers/swe_agent/swe_agent_reader.h"
#include "readers/hooks/hooks_reader.h"

namespace agentreel {

const std::vector<FormatEntry>& input_formats() {
  static const std::vector<FormatEntry> formats = {
      {"agenteye", agenteye_sniff, make_agenteye_reader},
      {"claude_code", claude_code_sniff, make_claude_code_reader},
      {"otlp", otlp_sniff, make_otlp_reader},
      {"swe_agent", swe_agent_sniff, make_swe_agent_reader},
      {"openhands", openhands_sniff, make_openhands_reader},
      {"hooks", hooks_sniff, make_hooks_reader},
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
