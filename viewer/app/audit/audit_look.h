// How the viewer marks a call a failproofai policy would have stopped (audit_store.h): a colour per decision, a
// shield on the bottom-left corner of rail bars (recorded denials keep their orange outline, secrets their magenta
// top-right corner), a shield item on conversation rows, and the hover text naming each policy, its decision and
// its reason. ImGui only.
#pragma once

#include <cstdint>
#include <string>

#include "app/audit/audit_store.h"
#include "imgui.h"

namespace agentreel::viewer {

// Yellow for a deny, light blue for an instruction: apart from the status colours (red errors, orange recorded
// denials), the secrets' magenta and the findings' red, amber and blue.
constexpr ImU32 kWouldDenyColor = IM_COL32(255, 222, 40, 255);
constexpr ImU32 kWouldInstructColor = IM_COL32(130, 205, 255, 255);

// "block-force-push, warn-git-amend": the policies in a bit set, in evaluation order.
std::string policy_names_text(uint64_t bits);
// The flag on a rail bar: a shield in its bottom-left corner, `size` high, yellow when some policy would deny.
void paint_policy_corner(ImDrawList* draw, ImVec2 bottom_left, float size, PolicyBits bits);
// A shield as an ImGui item (one text line high), with the call's policies as its tooltip when hovered.
void policy_shield_item(const SessionPolicies& audit, uint32_t span);
// Tooltip lines for `span`: each policy, its decision and reason, and the recorded denial's agreement. Inside a
// BeginTooltip/EndTooltip pair.
void policy_tooltip_lines(const SessionPolicies& audit, uint32_t span);

}  // namespace agentreel::viewer
