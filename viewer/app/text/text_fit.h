// Shortening a label to a width. Pure (the width of a piece of text comes from the caller: ImGui's font in
// the viewer, a fixed width in tests).
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace agentreel::viewer {

using TextWidth = std::function<float(std::string_view)>;

// `text` if it fits in `width`, else its start and its end around an ellipsis ("ponyl…4595"), cut at
// UTF-8 character boundaries. Session ids that share a prefix ("ponylang__ponyc-4595", "…-4593") differ at
// the end, and random ids at the start, so keeping both ends tells rows apart where a cut end would not.
// The end gets half of the room; what it leaves goes to the start. Returns "…" alone when nothing more fits.
std::string elide_middle(std::string_view text, float width, const TextWidth& text_width);
// `text` if it fits, else its start and an ellipsis (a title reads from its first words).
std::string fit_end(std::string_view text, float width, const TextWidth& text_width);

}  // namespace agentreel::viewer
