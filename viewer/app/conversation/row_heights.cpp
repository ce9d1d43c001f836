// Fenwick tree of row heights (see row_heights.h).
#include "app/conversation/row_heights.h"

namespace agentreel::viewer {

void RowHeights::rebuild() {
  const size_t n = heights_.size();
  tree_.assign(n + 1, 0);
  for (size_t i = 1; i <= n; ++i) {
    tree_[i] += heights_[i - 1];
    const size_t parent = i + (i & (~i + 1));
    if (parent <= n) tree_[parent] += tree_[i];
  }
}

void RowHeights::set(size_t row, uint32_t height) {
  if (row >= heights_.size() || heights_[row] == height) return;
  const int64_t delta = int64_t(height) - int64_t(heights_[row]);
  heights_[row] = height;
  for (size_t i = row + 1; i < tree_.size(); i += i & (~i + 1)) tree_[i] = uint64_t(int64_t(tree_[i]) + delta);
}

uint64_t RowHeights::y_of(size_t row) const {
  uint64_t sum = 0;
  for (size_t i = row < heights_.size() ? row : heights_.size(); i > 0; i -= i & (~i + 1)) sum += tree_[i];
  return sum;
}

size_t RowHeights::row_at(uint64_t y) const {
  const size_t n = heights_.size();
  if (n == 0) return 0;
  // Descend the tree: the largest prefix whose sum is <= y gives the rows entirely above y.
  size_t position = 0;
  size_t step = 1;
  while (step * 2 <= n) step *= 2;
  uint64_t remaining = y;
  for (; step > 0; step /= 2) {
    const size_t next = position + step;
    if (next <= n && tree_[next] <= remaining) {
      position = next;
      remaining -= tree_[next];
    }
  }
  return position < n ? position : n - 1;
}

}  // namespace agentreel::viewer
