// RecordRefColumn against a plain vector of the same refs: every index reads back what was pushed (by index and
// in ranges), across group edges, with empty refs, refs far apart or going backwards, offsets past 4 GiB and the
// largest length; resize both ways; and the packing actually saves memory on refs shaped like a real log's.
#include "model/record_ref_column.h"

#include <catch2/catch.hpp>
#include <random>
#include <utility>
#include <vector>

using namespace agentreel;

namespace {

// Through operator[] and through for_each over the whole column and over ranges starting and ending inside,
// at and across group edges.
void require_same(const RecordRefColumn& column, const std::vector<RecordRef>& expected) {
  REQUIRE(column.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    INFO("index " << i);
    REQUIRE(column[i] == expected[i]);
  }
  const size_t n = expected.size();
  for (const auto& [first, last] :
       {std::pair<size_t, size_t>{0, n}, {n / 3, n / 2}, {15, 33}, {16, 32}, {17, 17}, {1, n}}) {
    if (last > n || first > last) continue;
    std::vector<RecordRef> seen;
    size_t next = first;
    column.for_each(first, last, [&](size_t i, RecordRef ref) {
      REQUIRE(i == next++);
      seen.push_back(ref);
    });
    REQUIRE(seen == std::vector<RecordRef>(expected.begin() + first, expected.begin() + last));
  }
}

RecordRefColumn packed(const std::vector<RecordRef>& refs) {
  RecordRefColumn column;
  for (const RecordRef& ref : refs) column.push_back(ref);
  return column;
}

}  // namespace

TEST_CASE("record ref column: edge values read back exactly") {
  const std::vector<RecordRef> refs = {
      {0, 0},                          // empty
      {0, 1},                          // first byte of the stream
      {5, 0},                          // zero length at a nonzero offset is kept as it is
      {UINT64_MAX - 10, 10},           // offset near the top
      {3, UINT32_MAX},                 // largest length
      {(uint64_t(1) << 40) + 7, 300},  // past 4 GiB
      {100, 20},                       // backwards by a lot
      {120, 20},                       // right after the previous one
      {0, 0},
      {119, 1},
  };
  std::vector<RecordRef> expected;
  for (int repeat = 0; repeat < 5; ++repeat) expected.insert(expected.end(), refs.begin(), refs.end());
  require_same(packed(expected), expected);
}

TEST_CASE("record ref column: random refs across many groups, then resized") {
  std::mt19937_64 random(42);
  std::vector<RecordRef> expected;
  for (int i = 0; i < 1000; ++i) {
    const uint64_t kind = random() % 4;
    if (kind == 0)
      expected.push_back({});
    else if (kind == 1)
      expected.push_back({random(), uint32_t(random())});
    else
      expected.push_back({random() % 100000, uint32_t(random() % 5000)});
  }
  RecordRefColumn column = packed(expected);
  require_same(column, expected);

  column.resize(37);  // inside a group
  expected.resize(37);
  require_same(column, expected);
  column.push_back({77, 7});
  expected.push_back({77, 7});
  column.resize(70);  // grows with empty refs
  expected.resize(70);
  require_same(column, expected);
  column.clear();
  CHECK(column.empty());
  column.push_back({1, 2});
  CHECK(column[0] == RecordRef{1, 2});
}

TEST_CASE("record ref column: a log's refs pack to a fraction of 16 bytes each") {
  // Records of a log one after another, a few hundred bytes to a few KiB each, 1.8 GB in all: as the readers
  // give them for begin records (in file order) and end records (a little further on, some missing).
  std::mt19937_64 random(1);
  RecordRefColumn begins, ends;
  std::vector<RecordRef> begin_refs, end_refs;
  uint64_t at = uint64_t(1) << 30;
  for (int i = 0; i < 100000; ++i) {
    const RecordRef begin{at, uint32_t(200 + random() % 3000)};
    at += begin.length + 1;
    const RecordRef end =
        random() % 10 == 0 ? RecordRef{} : RecordRef{at + random() % 20000, uint32_t(200 + random() % 3000)};
    begins.push_back(begin);
    ends.push_back(end);
    begin_refs.push_back(begin);
    end_refs.push_back(end);
  }
  begins.shrink_to_fit();
  ends.shrink_to_fit();
  require_same(begins, begin_refs);
  require_same(ends, end_refs);
  const double bytes_per_ref = double(begins.memory_bytes() + ends.memory_bytes()) / (2 * 100000.0);
  INFO("bytes per ref: " << bytes_per_ref);
  CHECK(bytes_per_ref < 5.0);  // a plain RecordRef is 16
}
