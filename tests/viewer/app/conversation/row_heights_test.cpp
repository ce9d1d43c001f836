// RowHeights against a plain prefix sum: every y, row lookup and update agree.
#include "app/conversation/row_heights.h"

#include <catch2/catch.hpp>
#include <random>

using agentreel::viewer::RowHeights;

TEST_CASE("row heights: y of a row, row at a y, updates, against a plain prefix sum") {
  std::mt19937 random(7);
  for (size_t n : {size_t(0), size_t(1), size_t(2), size_t(7), size_t(64), size_t(1000)}) {
    std::vector<uint32_t> plain(n);
    for (auto& h : plain) h = random() % 50;  // zero-height rows included
    RowHeights heights;
    heights.assign(n, [&](size_t i) { return plain[i]; });
    for (int round = 0; round < 3; ++round) {
      uint64_t y = 0;
      for (size_t i = 0; i < n; ++i) {
        CHECK(heights.y_of(i) == y);
        if (plain[i] > 0) {
          CHECK(heights.row_at(y) == i);
          CHECK(heights.row_at(y + plain[i] - 1) == i);
        }
        y += plain[i];
      }
      CHECK(heights.total() == y);
      if (n > 0) CHECK(heights.row_at(y + 100) == n - 1);
      for (size_t k = 0; k < n / 3 + 1 && n > 0; ++k) {  // some rows measured on screen
        const size_t row = random() % n;
        plain[row] = random() % 80;
        heights.set(row, plain[row]);
      }
    }
  }
}
