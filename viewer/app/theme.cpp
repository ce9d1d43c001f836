// Colours, style and fonts of the viewer (see theme.h). Kind colours are picked to stay apart from the
// status marks (error red, denied orange) so a thin bar still reads right.
#include "app/theme.h"

#include <algorithm>
#include <vector>

#include "app/embedded_fonts.h"
#include "app/fonts/fallback_fonts.h"

namespace agentreel::viewer::theme {

ImU32 kind_color(SpanKind kind) {
  switch (kind) {
    case SpanKind::agent: return IM_COL32(84, 135, 232, 255);
    case SpanKind::model: return IM_COL32(156, 110, 235, 255);
    case SpanKind::tool: return IM_COL32(46, 168, 122, 255);
    case SpanKind::hook: return IM_COL32(214, 182, 44, 255);
    case SpanKind::error: return IM_COL32(226, 72, 64, 255);
    case SpanKind::human: return IM_COL32(222, 100, 165, 255);
    case SpanKind::pause: return IM_COL32(112, 120, 132, 255);
    case SpanKind::event: return IM_COL32(58, 160, 184, 255);
  }
  return IM_COL32(128, 128, 128, 255);
}

const char* kind_label(SpanKind kind) {
  switch (kind) {
    case SpanKind::agent: return "Agent";
    case SpanKind::model: return "Model";
    case SpanKind::tool: return "Tool";
    case SpanKind::hook: return "Hook";
    case SpanKind::error: return "Error";
    case SpanKind::human: return "Human";
    case SpanKind::pause: return "Pause";
    case SpanKind::event: return "Event";
  }
  return "Unknown";
}

ImU32 status_color(SpanStatus status) {
  switch (status) {
    case SpanStatus::ok: return IM_COL32(0, 0, 0, 0);
    case SpanStatus::error: return IM_COL32(255, 84, 76, 255);
    case SpanStatus::denied: return IM_COL32(255, 128, 32, 255);
    case SpanStatus::unfinished: return IM_COL32(190, 198, 210, 255);
    case SpanStatus::cancelled: return IM_COL32(150, 158, 170, 255);
  }
  return IM_COL32(255, 0, 255, 255);
}

const char* status_label(SpanStatus status) {
  switch (status) {
    case SpanStatus::ok: return "OK";
    case SpanStatus::error: return "Error";
    case SpanStatus::denied: return "Denied";
    case SpanStatus::unfinished: return "Unfinished";
    case SpanStatus::cancelled: return "Cancelled";
  }
  return "Unknown";
}

float text_width(std::string_view text) { return ImGui::CalcTextSize(text.data(), text.data() + text.size()).x; }

ImU32 text_color_on(ImU32 background) {
  const float r = ((background >> IM_COL32_R_SHIFT) & 0xFF) / 255.0f;
  const float g = ((background >> IM_COL32_G_SHIFT) & 0xFF) / 255.0f;
  const float b = ((background >> IM_COL32_B_SHIFT) & 0xFF) / 255.0f;
  const float luminance = 0.2126f * r + 0.7152f * g + 0.0722f * b;
  return luminance > 0.55f ? IM_COL32(20, 22, 26, 255) : IM_COL32(250, 251, 253, 255);
}

ImU32 with_alpha(ImU32 color, float alpha) {
  const unsigned a = static_cast<unsigned>(((color >> IM_COL32_A_SHIFT) & 0xFF) * alpha + 0.5f);
  return (color & ~IM_COL32_A_MASK) | (ImU32(a > 255 ? 255 : a) << IM_COL32_A_SHIFT);
}

void apply_style(float ui_scale) {
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 0;
  style.ChildRounding = 4;
  style.FrameRounding = 4;
  style.PopupRounding = 4;
  style.GrabRounding = 3;
  style.TabRounding = 4;
  style.ScrollbarRounding = 6;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.FrameBorderSize = 0;
  style.WindowPadding = ImVec2(10, 10);
  style.FramePadding = ImVec2(8, 4);
  style.ItemSpacing = ImVec2(8, 6);
  style.CellPadding = ImVec2(6, 3);
  style.ScrollbarSize = 13;
  style.IndentSpacing = 16;

  ImVec4* c = style.Colors;
  const auto rgb = [](int r, int g, int b, float a = 1.0f) { return ImVec4(r / 255.f, g / 255.f, b / 255.f, a); };
  c[ImGuiCol_Text] = rgb(228, 232, 238);
  c[ImGuiCol_TextDisabled] = rgb(130, 138, 150);
  c[ImGuiCol_WindowBg] = rgb(22, 24, 29);
  c[ImGuiCol_ChildBg] = rgb(27, 30, 36);
  c[ImGuiCol_PopupBg] = rgb(32, 35, 42, 0.98f);
  c[ImGuiCol_Border] = rgb(52, 57, 66);
  c[ImGuiCol_FrameBg] = rgb(38, 42, 50);
  c[ImGuiCol_FrameBgHovered] = rgb(48, 54, 64);
  c[ImGuiCol_FrameBgActive] = rgb(56, 63, 75);
  c[ImGuiCol_TitleBg] = rgb(22, 24, 29);
  c[ImGuiCol_TitleBgActive] = rgb(22, 24, 29);
  c[ImGuiCol_MenuBarBg] = rgb(17, 19, 23);
  c[ImGuiCol_ScrollbarBg] = rgb(0, 0, 0, 0);
  c[ImGuiCol_ScrollbarGrab] = rgb(70, 76, 88);
  c[ImGuiCol_ScrollbarGrabHovered] = rgb(90, 97, 110);
  c[ImGuiCol_ScrollbarGrabActive] = rgb(105, 113, 128);
  c[ImGuiCol_CheckMark] = rgb(88, 166, 255);
  c[ImGuiCol_Button] = rgb(44, 49, 58);
  c[ImGuiCol_ButtonHovered] = rgb(56, 63, 75);
  c[ImGuiCol_ButtonActive] = rgb(40, 90, 160);
  c[ImGuiCol_Header] = rgb(40, 72, 120, 0.85f);
  c[ImGuiCol_HeaderHovered] = rgb(48, 84, 138, 0.75f);
  c[ImGuiCol_HeaderActive] = rgb(52, 94, 156);
  c[ImGuiCol_Separator] = rgb(52, 57, 66);
  c[ImGuiCol_SeparatorHovered] = rgb(88, 166, 255, 0.6f);
  c[ImGuiCol_SeparatorActive] = rgb(88, 166, 255);
  c[ImGuiCol_ResizeGrip] = rgb(0, 0, 0, 0);
  c[ImGuiCol_Tab] = rgb(34, 38, 45);
  c[ImGuiCol_TabHovered] = rgb(52, 94, 156);
  c[ImGuiCol_TabActive] = rgb(44, 78, 128);
  c[ImGuiCol_TableHeaderBg] = rgb(34, 38, 45);
  c[ImGuiCol_TableBorderStrong] = rgb(52, 57, 66);
  c[ImGuiCol_TableBorderLight] = rgb(42, 46, 54);
  c[ImGuiCol_TableRowBgAlt] = rgb(255, 255, 255, 0.025f);
  c[ImGuiCol_TextSelectedBg] = rgb(88, 166, 255, 0.35f);
  style.ScaleAllSizes(ui_scale);
  ImGui::GetStyle() = style;
}

Fonts load_fonts(float ui_scale, float pixel_ratio) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  const float raster = ui_scale * pixel_ratio;
  // Roboto covers Latin, punctuation and currency; arrows, box drawing, shapes and check marks come from
  // JetBrains Mono (scripts/deps.sh makes the subsets; fonts/fallback_fonts.cpp lists what they hold).
  static const ImWchar kTextRanges[] = {0x0020, 0x017F, 0x2010, 0x203A, 0x20A0, 0x20CF,
                                        0x2100, 0x214F, 0x2212, 0x2265, 0};
  static const ImWchar kSymbolRanges[] = {0x2190, 0x21FF, 0x2500, 0x257F, 0x25A0, 0x25FF, 0x2713, 0x2717, 0};
  static const ImWchar kMonoRanges[] = {0x0020, 0x017F, 0x2010, 0x203A, 0x20A0, 0x20CF, 0x2100, 0x214F, 0x2190, 0x21FF,
                                        0x2212, 0x2265, 0x2500, 0x257F, 0x25A0, 0x25FF, 0x2713, 0x2717, 0};

  auto add = [&](const unsigned char* data, size_t size, float px, const ImWchar* ranges, bool merge) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // static data
    config.MergeMode = merge;
    config.OversampleH = 2;
    config.OversampleV = 1;
    config.PixelSnapH = false;
    return io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size), px * raster,
                                          &config, ranges);
  };
  auto add_with_symbols = [&](const unsigned char* data, size_t size, float px) {
    ImFont* font = add(data, size, px, kTextRanges, false);
    add(embedded::jetbrains_mono_regular, embedded::jetbrains_mono_regular_size, px * 0.95f, kSymbolRanges, true);
    return font;
  };

  // Glyphs beyond the embedded subsets: the codepoints the bundle's text used so far, from the fallback fonts
  // (fonts/fallback_fonts.h), merged into every font after its own glyphs. A codepoint no font holds draws as
  // the fallback glyph ('?'). ImWchar is 32-bit (IMGUI_USE_WCHAR32), so emoji beyond U+FFFF are taken too.
  const fonts::AtlasPlan plan = fonts::FallbackFonts::instance().take_plan();
  // The atlas reads the ranges when it builds (after this returns) and on every rebuild until the next Clear().
  static std::vector<ImWchar> fallback_ranges;
  fallback_ranges.clear();
  for (size_t i = 0; i + 1 < plan.ranges.size(); i += 2) {
    if (plan.ranges[i] > IM_UNICODE_CODEPOINT_MAX) break;
    fallback_ranges.push_back(static_cast<ImWchar>(plan.ranges[i]));
    fallback_ranges.push_back(static_cast<ImWchar>(std::min<uint32_t>(plan.ranges[i + 1], IM_UNICODE_CODEPOINT_MAX)));
  }
  fallback_ranges.push_back(0);
  auto add_fallbacks = [&](float px) {
    if (fallback_ranges.size() < 2) return;
    for (const fonts::FallbackFont* font : plan.fonts) {
      ImFontConfig config;
      config.FontDataOwnedByAtlas = false;  // FallbackFonts keeps the bytes
      config.FontNo = font->face_index;
      config.MergeMode = true;
      config.OversampleH = 1;  // CJK glyphs are wide and many: half the atlas space of Latin's 2x
      config.OversampleV = 1;
      config.PixelSnapH = true;
      io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(font->bytes.data()), static_cast<int>(font->bytes.size()),
                                     px * raster, &config, fallback_ranges.data());
    }
  };

  Fonts fonts;
  fonts.ui = add_with_symbols(embedded::roboto_regular, embedded::roboto_regular_size, kBaseFontPx);
  add_fallbacks(kBaseFontPx);
  fonts.bold = add_with_symbols(embedded::roboto_bold, embedded::roboto_bold_size, kBaseFontPx);
  add_fallbacks(kBaseFontPx);
  fonts.mono = add(embedded::jetbrains_mono_regular, embedded::jetbrains_mono_regular_size, kBaseFontPx - 1.5f,
                   kMonoRanges, false);
  add_fallbacks(kBaseFontPx - 1.5f);
  fonts.heading = add_with_symbols(embedded::roboto_bold, embedded::roboto_bold_size, kBaseFontPx * 1.6f);
  add_fallbacks(kBaseFontPx * 1.6f);
  io.FontDefault = fonts.ui;
  io.FontGlobalScale = 1.0f / pixel_ratio;
  return fonts;
}

}  // namespace agentreel::viewer::theme
