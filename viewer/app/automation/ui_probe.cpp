// Target lookup of UiProbe (see ui_probe.h): "name:index" to the rectangle the last frame recorded.
// Plain data only; no ImGui.
#include "app/automation/ui_probe.h"

#include <cstdlib>

namespace agentreel::viewer {

ProbeRect UiProbe::lookup(const std::string& target) const {
  const size_t colon = target.find(':');
  const std::string name = target.substr(0, colon);
  long index = -1;
  if (colon != std::string::npos) {
    char* end = nullptr;
    index = std::strtol(target.c_str() + colon + 1, &end, 10);
    if (!end || *end || index < 0) return {};
  }
  auto by_index = [&](const std::vector<ProbeRect>& rects) {
    return index >= 0 && static_cast<size_t>(index) < rects.size() ? rects[index] : ProbeRect{};
  };
  auto by_key = [&](const std::vector<std::pair<uint32_t, ProbeRect>>& rects) {
    for (const auto& [key, rect] : rects) {
      if (index >= 0 && key == static_cast<uint32_t>(index)) return rect;
    }
    return ProbeRect{};
  };
  if (name == "finding") return by_index(finding_rows);
  if (name == "marker") return by_index(finding_markers);
  if (name == "session") return by_key(session_rows);
  if (name == "disclosure") return by_key(disclosures);
  if (name == "overview") return overview;
  if (name == "find") return find_box;
  if (name == "copy") return copy_button;
  if (name == "record_tab") return record_tab;
  if (name == "row") return by_key(conversation_rows);
  return {};
}

}  // namespace agentreel::viewer
