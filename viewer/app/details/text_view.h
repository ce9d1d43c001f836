// A read-only block of monospaced text drawn line by line with ImGuiListClipper, so a multi-megabyte payload
// scrolls without stalling. Lines are indexed once per text and per wrap width: long lines wrap into rows,
// at a space where possible, continuation rows indented under the line's own indentation.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "imgui.h"

namespace agentreel::viewer {

class TextView {
 public:
  void set_text(std::string text);
  const std::string& text() const { return text_; }
  // Fills the available region with a scrolling child; `wrap` cuts rows at the visible width.
  void draw(const char* id, ImFont* mono, bool wrap);

 private:
  void index_rows(size_t max_columns);

  std::string text_;
  std::vector<uint32_t> row_starts_;   // byte offset of each displayed row; a row ends at the next start or '\n'
  std::vector<uint16_t> row_indents_;  // columns a wrapped continuation row is shifted right (0 = a line's first row)
  size_t indexed_columns_ = 0;         // wrap width the index was built for (0 = not built)
  size_t longest_row_ = 0;             // in columns, for the horizontal scroll extent
};

}  // namespace agentreel::viewer
