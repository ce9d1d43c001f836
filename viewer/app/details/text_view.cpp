// Clipped, line-indexed text display (see text_view.h). Columns are counted in UTF-8 code points, so
// wrapping never splits a character.
#include "app/details/text_view.h"

#include <algorithm>

namespace agentreel::viewer {
namespace {

constexpr size_t kNoWrapColumns = 4096;  // even unwrapped, rows are cut here to bound per-row draw cost

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

void TextView::set_text(std::string text) {
  text_ = std::move(text);
  row_starts_.clear();
  row_indents_.clear();
  indexed_columns_ = 0;
  longest_row_ = 0;
}

void TextView::index_rows(size_t max_columns) {
  row_starts_.clear();
  row_indents_.clear();
  longest_row_ = 0;
  indexed_columns_ = max_columns;
  const size_t n = std::min<size_t>(text_.size(), UINT32_MAX);
  size_t columns = 0;          // code points in the current row so far
  size_t limit = max_columns;  // row width: continuation rows are narrower by their indent
  size_t lead = 0;             // leading spaces of the current line
  bool in_lead = true;
  size_t break_at = 0;          // byte after the last space in the current row (0: none)
  size_t columns_at_break = 0;  // `columns` at that point
  auto start_row = [&](size_t at, bool continuation) {
    row_starts_.push_back(static_cast<uint32_t>(at));
    // Continuation rows hang two columns right of the line's own indentation (JSON nesting stays readable).
    const size_t indent = continuation ? std::min(lead + 2, max_columns / 2) : 0;
    row_indents_.push_back(static_cast<uint16_t>(indent));
    limit = max_columns - indent;
    break_at = 0;
  };
  start_row(0, false);
  for (size_t i = 0; i < n; ++i) {
    const unsigned char c = static_cast<unsigned char>(text_[i]);
    if (c == '\n') {
      longest_row_ = std::max(longest_row_, columns + row_indents_.back());
      columns = 0;
      lead = 0;
      in_lead = true;
      if (i + 1 < n) start_row(i + 1, false);
      continue;
    }
    if (is_continuation(c)) continue;
    if (columns == limit) {
      // Wrap after the last space when it is in the last third of the row, else mid-word.
      if (break_at > row_starts_.back() && columns - columns_at_break < limit / 3) {
        longest_row_ = std::max(longest_row_, columns_at_break + row_indents_.back());
        columns -= columns_at_break;
        start_row(break_at, true);
      } else {
        longest_row_ = std::max(longest_row_, columns + row_indents_.back());
        columns = 0;
        start_row(i, true);
      }
    }
    ++columns;
    if (c == ' ') {
      if (in_lead) ++lead;
      break_at = i + 1;
      columns_at_break = columns;
    } else {
      in_lead = false;
    }
  }
  longest_row_ = std::max(longest_row_, columns + row_indents_.back());
}

void TextView::draw(const char* id, ImFont* mono, bool wrap) {
  ImGui::PushFont(mono);
  const float char_width = ImGui::CalcTextSize("M").x;
  const float row_height = ImGui::GetTextLineHeight();
  // Child width minus padding and scrollbar decides the wrap column.
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float text_width = avail.x - 2 * style.WindowPadding.x - style.ScrollbarSize;
  const size_t columns =
      wrap ? std::max<size_t>(20, static_cast<size_t>(std::max(text_width, 0.0f) / std::max(char_width, 1.0f)))
           : kNoWrapColumns;
  if (columns != indexed_columns_) index_rows(columns);

  ImGui::SetNextWindowContentSize(ImVec2(wrap ? 0.0f : longest_row_ * char_width + style.WindowPadding.x, 0.0f));
  ImGui::BeginChild(id, ImVec2(0, 0), ImGuiChildFlags_Border,
                    wrap ? ImGuiWindowFlags_None : ImGuiWindowFlags_HorizontalScrollbar);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(row_starts_.size()), row_height);
  const char* base = text_.data();
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const size_t begin = row_starts_[row];
      size_t end = row + 1 < static_cast<int>(row_starts_.size()) ? row_starts_[row + 1] : text_.size();
      if (end > begin && base[end - 1] == '\n') --end;
      if (row_indents_[row] > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + row_indents_[row] * char_width);
      ImGui::TextUnformatted(base + begin, base + end);
    }
  }
  clipper.End();
  ImGui::EndChild();
  ImGui::PopFont();
}

}  // namespace agentreel::viewer
