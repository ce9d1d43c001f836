// Policy marks (see audit_look.h).
#include "app/audit/audit_look.h"

#include <algorithm>

#include "policy/policy_catalog.h"

namespace agentreel::viewer {
namespace {

// A shield in the box at `min` of width `w`, height `h`: flat top, sides narrowing to a point.
void paint_shield(ImDrawList* draw, ImVec2 min, float w, float h, ImU32 fill) {
  const ImVec2 points[5] = {ImVec2(min.x, min.y), ImVec2(min.x + w, min.y), ImVec2(min.x + w, min.y + h * 0.55f),
                            ImVec2(min.x + w * 0.5f, min.y + h), ImVec2(min.x, min.y + h * 0.55f)};
  draw->AddConvexPolyFilled(points, 5, fill);
  draw->AddPolyline(points, 5, IM_COL32(20, 22, 26, 230), ImDrawFlags_Closed, std::max(1.0f, h * 0.1f));
}

}  // namespace

std::string policy_names_text(uint64_t bits) {
  std::string out;
  for (size_t p = 0; p < policy::kPolicyCount; ++p) {
    if (!((bits >> p) & 1)) continue;
    if (!out.empty()) out += ", ";
    out += policy::policy_catalog()[p].short_name;
  }
  return out;
}

void paint_policy_corner(ImDrawList* draw, ImVec2 bottom_left, float size, PolicyBits bits) {
  if (!bits.any()) return;
  const float w = size * 0.8f;
  paint_shield(draw, ImVec2(bottom_left.x, bottom_left.y - size), w, size,
               bits.deny ? kWouldDenyColor : kWouldInstructColor);
}

void policy_shield_item(const SessionPolicies& audit, uint32_t span) {
  const PolicyBits bits = audit.bits_of(span);
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(h * 0.75f, h));
  paint_shield(ImGui::GetWindowDrawList(), ImVec2(p.x + h * 0.05f, p.y + h * 0.1f), h * 0.65f, h * 0.8f,
               bits.deny ? kWouldDenyColor : kWouldInstructColor);
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    policy_tooltip_lines(audit, span);
    ImGui::EndTooltip();
  }
}

void policy_tooltip_lines(const SessionPolicies& audit, uint32_t span) {
  const auto [first, last] = audit.findings_of(span);
  for (size_t i = first; i < last; ++i) {
    const policy::AuditFinding& f = audit.audit.findings[i];
    const bool deny = f.kind == policy::VerdictKind::deny;
    ImGui::PushStyleColor(ImGuiCol_Text, deny ? kWouldDenyColor : kWouldInstructColor);
    ImGui::Text("%s would %s%s", std::string(policy::policy_info(f.policy).short_name).c_str(),
                deny ? (f.post_tool_use ? "withhold its output" : "deny") : "instruct",
                policy::policy_info(f.policy).default_enabled ? "" : "  (off by default)");
    ImGui::PopStyleColor();
    const std::string reason = f.reason.size() > 300 ? f.reason.substr(0, 300) + "\xE2\x80\xA6" : f.reason;
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
    ImGui::TextDisabled("%s", reason.c_str());
    ImGui::PopTextWrapPos();
  }
  const int recorded = audit.recorded_of(span);
  if (recorded >= 0) {
    const policy::RecordedDenial& d = audit.audit.recorded[size_t(recorded)];
    ImGui::Text("Recorded: denied by %s%s; %s", d.denied_by.empty() ? "?" : d.denied_by.c_str(),
                d.recorded_policy.empty() ? "" : (" (" + d.recorded_policy + ")").c_str(),
                std::string(agreement_text(audit.agreement[size_t(recorded)])).c_str());
  }
  if (first < last) ImGui::TextDisabled("Replayed through failproofai's policies, each on its own.");
}

}  // namespace agentreel::viewer
