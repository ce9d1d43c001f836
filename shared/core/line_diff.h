// A line diff of two texts (an edit's old and new text) as the shortest edit script, after Myers' O(ND)
// algorithm: runs of equal, removed and added lines. Bounded: beyond max_edits differing lines it gives up on
// alignment and reports the old text removed and the new one added, so a huge rewrite costs linear time.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace agentreel {

struct DiffLine {
  enum class Op : uint8_t { same, removed, added } op = Op::same;
  std::string_view text;  // a line of the old (same, removed) or new (added) text, without its "\n"
};

std::vector<DiffLine> line_diff(std::string_view old_text, std::string_view new_text, size_t max_edits = 1000);

}  // namespace agentreel
