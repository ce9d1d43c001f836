// Trace::attributes_of with and without the attribute index: the same rows for every span (none, one, many,
// at block edges), and a stale or missing index falls back to searching every attribute.
#include <catch2/catch.hpp>

#include "model/trace.h"
#include "test_support.h"

using namespace agentreel;

namespace {

// The reference: a linear scan.
std::vector<const Attribute*> rows_of(const Trace& trace, uint32_t span) {
  std::vector<const Attribute*> out;
  for (const Attribute& a : trace.attributes) {
    if (a.span == span) out.push_back(&a);
  }
  return out;
}

void require_rows(const Trace& trace) {
  for (uint32_t span = 0; span < trace.spans.size(); ++span) {
    const auto [first, last] = trace.attributes_of(span);
    std::vector<const Attribute*> got;
    for (const Attribute* a = first; a != last; ++a) got.push_back(a);
    REQUIRE(got == rows_of(trace, span));
  }
}

}  // namespace

TEST_CASE("attributes_of finds each span's rows through the index, and without it") {
  Trace trace;
  const uint32_t spans = Trace::kAttributeIndexStride * 5 + 7;
  trace.spans.resize(spans);
  // Rows for a pattern of spans: none for long runs (whole index blocks empty), several for some, and the
  // first and last span of blocks.
  for (uint32_t span = 0; span < spans; ++span) {
    const uint32_t rows = span % Trace::kAttributeIndexStride == 0 ? 3
                          : span % Trace::kAttributeIndexStride == Trace::kAttributeIndexStride - 1 ? 2
                          : (span / Trace::kAttributeIndexStride == 2) ? 0
                          : span % 7 == 0 ? 1 : 0;
    for (uint32_t r = 0; r < rows; ++r) trace.attributes.push_back(Attribute::make(span, r, AttrType::integer, span));
  }
  require_rows(trace);  // no index yet
  trace.index_attributes();
  REQUIRE(trace.attribute_index.size() == spans / Trace::kAttributeIndexStride + 2);
  require_rows(trace);
  CHECK(trace.find_attribute(spans, "x") == nullptr);  // past the last span: no rows, no crash

  // Rows added after indexing make the index stale: it must not be used.
  trace.attributes.push_back(Attribute::make(spans - 1, 9, AttrType::integer, 1));
  require_rows(trace);
  trace.index_attributes();
  require_rows(trace);
}

TEST_CASE("a converted trace and its reopened bundle come with the index built") {
  const std::string log = test::read_file(test::data_path("agenteye/interleaved.jsonl"));
  test::Converted converted = test::convert_in_memory({{"a.jsonl", log}});
  REQUIRE(converted.status.is_ok());
  auto bundle = test::open_bytes(converted.bundle);
  REQUIRE(bundle.is_ok());
  const Trace& trace = bundle.value()->trace();
  REQUIRE(!trace.attributes.empty());
  CHECK(trace.attribute_index.size() == trace.spans.size() / Trace::kAttributeIndexStride + 2);
  CHECK(trace.attribute_index.back() == trace.attributes.size());
  require_rows(trace);
}
