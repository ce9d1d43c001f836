// How the viewer marks a secret (secret_store.h): one colour, a key icon for rows and chips, a corner flag for rail
// bars, and the hover text, which names kinds and masked previews only, never a value. ImGui only.
#pragma once

#include <cstdint>
#include <string>

#include "app/document.h"
#include "imgui.h"

namespace agentreel::viewer {

// Magenta: apart from the status colours (red, amber) and the findings' (red, amber, blue).
constexpr ImU32 kSecretColor = IM_COL32(232, 96, 220, 255);

// "API key, private key": the kinds in a SessionSecrets::kinds bit set, in kind order.
std::string secret_kinds_text(uint16_t kinds);
// A key icon in the square at `min` with side `size`.
void paint_secret_key(ImDrawList* draw, ImVec2 min, float size, ImU32 color);
// The flag on a rail bar whose span holds a secret: a triangle in its top-right corner, `size` on a side.
void paint_secret_corner(ImDrawList* draw, ImVec2 top_right, float size);
// A key icon as an ImGui item (one text line high), with the span's secrets as its tooltip when hovered.
void secret_key_item(const Document& doc, uint32_t span, uint16_t kinds);
// Tooltip lines for `span`: its kinds, each secret's label and masked preview (its records scanned again, the
// last span's kept), and the command that removes them. Inside a BeginTooltip/EndTooltip pair.
void secret_tooltip_lines(const Document& doc, uint32_t span, uint16_t kinds);
// "agentreel redact NAME -o NAME-redacted.reel" for the open bundle.
std::string redact_command(const Document& doc);

}  // namespace agentreel::viewer
