// Heights of a long list of rows whose heights are only known once drawn (a conversation of a million spans):
// a Fenwick tree over whole pixels, so the y of a row, the row at a y and the total height each cost O(log n)
// and a row measured on screen updates in O(log n) — no pass over every row per frame. No ImGui here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace agentreel::viewer {

class RowHeights {
 public:
  // n rows, row i estimated at estimate(i) pixels.
  template <typename Estimate>
  void assign(size_t n, Estimate&& estimate) {
    heights_.resize(n);
    for (size_t i = 0; i < n; ++i) heights_[i] = uint32_t(estimate(i));
    rebuild();
  }
  size_t size() const { return heights_.size(); }
  uint32_t height(size_t row) const { return heights_[row]; }
  void set(size_t row, uint32_t height);
  // The y of row `row`'s top (the sum of the heights before it); y_of(size()) is the total.
  uint64_t y_of(size_t row) const;
  uint64_t total() const { return y_of(heights_.size()); }
  // The row whose extent holds `y` (the last row for y past the end; 0 when empty).
  size_t row_at(uint64_t y) const;

 private:
  void rebuild();
  std::vector<uint32_t> heights_;
  std::vector<uint64_t> tree_;  // 1-based Fenwick tree of heights_
};

}  // namespace agentreel::viewer
