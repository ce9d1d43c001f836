// AttributeColumn against a plain vector of the same rows: each span's rows (none, one, many, at index-group
// edges, whole groups empty) in the order they were added, the rows of a span range in one pass, every value type at
// its extremes, rows out of span order refused, and find_attribute on a reopened bundle.
#include <bit>
#include <catch2/catch.hpp>
#include <limits>

#include "model/trace.h"
#include "test_support.h"

using namespace agentreel;

namespace {

// The reference: a linear scan.
std::vector<Attribute> rows_of(const std::vector<Attribute>& rows, uint32_t span) {
  std::vector<Attribute> out;
  for (const Attribute& a : rows) {
    if (a.span == span) out.push_back(a);
  }
  return out;
}

void require_rows(const AttributeColumn& column, const std::vector<Attribute>& rows, uint32_t spans) {
  REQUIRE(column.size() == rows.size());
  REQUIRE(column.rows() == rows);
  for (uint32_t span = 0; span < spans + AttributeColumn::kGroup * 2; ++span) {
    INFO("span " << span);
    REQUIRE(column.rows_of(span) == rows_of(rows, span));
  }
  // A range's rows in one pass: ranges starting and ending inside, at and past group edges.
  for (const uint32_t first :
       {0u, 1u, AttributeColumn::kGroup - 1, AttributeColumn::kGroup, 3 * AttributeColumn::kGroup + 5}) {
    for (const uint32_t end : {first, first + 1, first + AttributeColumn::kGroup, spans, spans + 40}) {
      INFO("spans " << first << " to " << end);
      std::vector<Attribute> got, want;
      column.for_each_in(first, end, [&](const Attribute& a) { got.push_back(a); });
      for (const Attribute& a : rows)
        if (a.span >= first && a.span < end) want.push_back(a);
      REQUIRE(got == want);
    }
  }
}

}  // namespace

TEST_CASE("attribute column: each span's rows, across group edges and empty groups") {
  constexpr uint32_t kGroup = AttributeColumn::kGroup;
  const uint32_t spans = kGroup * 9 + 7;
  std::vector<Attribute> rows;
  for (uint32_t span = 0; span < spans; ++span) {
    const uint32_t count = span % kGroup == 0                           ? 3
                           : span % kGroup == kGroup - 1                ? 2
                           : (span / kGroup == 2 || span / kGroup == 5) ? 0  // whole groups without rows
                           : span % 7 == 0                              ? 1
                                                                        : 0;
    for (uint32_t r = 0; r < count; ++r) {
      rows.push_back(Attribute::make(span, r * 1000, AttrType(r % 3), int64_t(span) * (r % 2 ? -1 : 1)));
    }
  }
  AttributeColumn column;
  for (const Attribute& a : rows) REQUIRE(column.push_back(a));
  require_rows(column, rows, spans);
  column.shrink_to_fit();
  require_rows(column, rows, spans);
}

TEST_CASE("attribute column: values at their extremes read back bit for bit") {
  const int64_t real_bits = std::bit_cast<int64_t>(-1.5e300);
  const std::vector<Attribute> rows = {
      Attribute::make(0, 0, AttrType::integer, std::numeric_limits<int64_t>::min()),
      Attribute::make(0, Attribute::kMaxKey, AttrType::integer, std::numeric_limits<int64_t>::max()),
      Attribute::make(0, 5, AttrType::integer, -1),
      Attribute::make(1, 1, AttrType::string, std::numeric_limits<int64_t>::max()),
      Attribute::make(1, 1, AttrType::string, -1),  // a corrupt id is kept as it is, for validation to refuse
      Attribute::make(1, 2, AttrType::real, real_bits),
      Attribute::make(1, 2, AttrType::real, std::bit_cast<int64_t>(std::numeric_limits<double>::quiet_NaN())),
      Attribute::make(4'000'000'000u, 3, AttrType::integer, 0),  // a span far past the previous one
  };
  AttributeColumn column;
  for (const Attribute& a : rows) REQUIRE(column.push_back(a));
  REQUIRE(column.rows() == rows);
  CHECK(column.rows_of(1).size() == 4);
  CHECK(column.rows_of(4'000'000'000u) == std::vector<Attribute>{rows.back()});
  CHECK(column.rows_of(3'999'999'999u).empty());
}

TEST_CASE("attribute column: a row below the previous span is refused and nothing is added") {
  AttributeColumn column;
  REQUIRE(column.push_back(Attribute::make(40, 1, AttrType::integer, 1)));
  CHECK_FALSE(column.push_back(Attribute::make(39, 1, AttrType::integer, 2)));
  CHECK(column.size() == 1);
  REQUIRE(column.push_back(Attribute::make(40, 2, AttrType::integer, 3)));  // the same span again is fine
  CHECK(column.rows_of(40).size() == 2);
  column.clear();
  CHECK(column.empty());
  CHECK(column.push_back(Attribute::make(0, 1, AttrType::integer, 1)));
}

TEST_CASE("attribute column: packs token counts and string ids to a fraction of 16 bytes a row") {
  AttributeColumn column;
  for (uint32_t span = 0; span < 100000; ++span) {
    column.push_back(Attribute::make(span, 7, AttrType::integer, 1000 + span % 90000));  // tokens
    column.push_back(Attribute::make(span, 8, AttrType::string, 200000 + span));         // an id
  }
  column.shrink_to_fit();
  const double bytes_per_row = double(column.memory_bytes()) / double(column.size());
  INFO("bytes per row: " << bytes_per_row);
  CHECK(bytes_per_row < 6.0);
}

TEST_CASE("find_attribute finds each row's key on a reopened bundle") {
  const std::string log = test::read_file(test::data_path("agenteye/interleaved.jsonl"));
  test::Converted converted = test::convert_in_memory({{"a.jsonl", log}});
  REQUIRE(converted.status.is_ok());
  auto bundle = test::open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  const Trace& trace = bundle.value()->trace();
  REQUIRE(!trace.attributes.empty());
  bool found_any = false;
  for (uint32_t span = 0; span < trace.spans.size(); ++span) {
    for (const Attribute& a : trace.attributes.rows_of(span)) {
      const std::optional<Attribute> first = trace.find_attribute(span, trace.strings.get(a.key));
      REQUIRE(first);
      CHECK(first->span == span);
      CHECK(trace.strings.get(first->key) == trace.strings.get(a.key));
      found_any = true;
    }
  }
  CHECK(found_any);
  CHECK_FALSE(trace.find_attribute(uint32_t(trace.spans.size()), "input_tokens"));  // past the last span
}
