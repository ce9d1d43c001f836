// Myers' shortest edit script over lines (see line_diff.h).
#include "core/line_diff.h"

#include <algorithm>
#include <cstdint>

namespace agentreel {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

}  // namespace

std::vector<DiffLine> line_diff(std::string_view old_text, std::string_view new_text, size_t max_edits) {
  const std::vector<std::string_view> a = split_lines(old_text);
  const std::vector<std::string_view> b = split_lines(new_text);
  // Common prefix and suffix first: most edits change a few lines in the middle.
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  const int64_t n = int64_t(a.size() - prefix - suffix);
  const int64_t m = int64_t(b.size() - prefix - suffix);
  auto A = [&](int64_t i) { return a[prefix + size_t(i)]; };
  auto B = [&](int64_t j) { return b[prefix + size_t(j)]; };

  std::vector<DiffLine> out;
  for (size_t i = 0; i < prefix; ++i) out.push_back({DiffLine::Op::same, a[i]});

  // Forward Myers, keeping each round's V to walk the path back.
  const int64_t max_d = std::min<int64_t>(n + m, int64_t(max_edits));
  const int64_t offset = max_d + 1;
  std::vector<std::vector<int64_t>> trace;
  std::vector<int64_t> v(size_t(2 * offset + 1), 0);
  int64_t found_d = -1;
  for (int64_t d = 0; d <= max_d && found_d < 0; ++d) {
    for (int64_t k = -d; k <= d; k += 2) {
      int64_t x = (k == -d || (k != d && v[size_t(offset + k - 1)] < v[size_t(offset + k + 1)]))
                      ? v[size_t(offset + k + 1)]
                      : v[size_t(offset + k - 1)] + 1;
      int64_t y = x - k;
      while (x < n && y < m && A(x) == B(y)) ++x, ++y;
      v[size_t(offset + k)] = x;
      if (x >= n && y >= m) {
        found_d = d;
        break;
      }
    }
    // Keep only this round's diagonals [-d, d]: the walk back needs no more, and D rounds then cost D² words.
    trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
  }
  std::vector<DiffLine> middle;
  if (found_d < 0) {  // too different to align within the bound: all of one out, all of the other in
    for (int64_t i = 0; i < n; ++i) middle.push_back({DiffLine::Op::removed, A(i)});
    for (int64_t j = 0; j < m; ++j) middle.push_back({DiffLine::Op::added, B(j)});
  } else {
    int64_t x = n, y = m;
    for (int64_t d = found_d; d > 0; --d) {
      const std::vector<int64_t>& previous = trace[size_t(d - 1)];  // diagonals -(d-1) .. d-1
      auto at = [&](int64_t diagonal) { return previous[size_t(diagonal + d - 1)]; };
      const int64_t k = x - y;
      const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
      const int64_t previous_k = down ? k + 1 : k - 1;
      const int64_t previous_x = at(previous_k);
      const int64_t previous_y = previous_x - previous_k;
      while (x > previous_x && y > previous_y)
        middle.push_back({
            DiffLine::Op::same,
            A(--x),
        }),
            --y;
      if (down)
        middle.push_back({DiffLine::Op::added, B(--y)});
      else
        middle.push_back({DiffLine::Op::removed, A(--x)});
    }
    while (x > 0 && y > 0) middle.push_back({DiffLine::Op::same, A(--x)}), --y;
    std::reverse(middle.begin(), middle.end());
  }
  out.insert(out.end(), middle.begin(), middle.end());
  for (size_t i = a.size() - suffix; i < a.size(); ++i) out.push_back({DiffLine::Op::same, a[i]});
  return out;
}

}  // namespace agentreel
