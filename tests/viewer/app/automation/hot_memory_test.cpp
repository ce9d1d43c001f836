// hot_memory on the demo bundle (converted at test time): every array is counted, the span columns at no less
// than their 28 bytes a span, and the packed record refs and attributes well under the 16-byte rows they replace.
#include "app/automation/hot_memory.h"

#include <catch2/catch.hpp>

#include "app/automation/bench_script.h"
#include "app/document.h"
#include "test_support.h"

namespace agentreel::viewer {

TEST_CASE("hot memory counts every array of an opened bundle, the packed ones packed", "[viewer]") {
  const std::string log = test::read_file(std::string(AGENTREEL_EXAMPLES) + "/demo/demo.agenteye.jsonl");
  test::Converted converted = test::convert_in_memory({{"demo.agenteye.jsonl", log}});
  REQUIRE(converted.status.is_ok());
  auto opened = Document::open(std::make_unique<agentreel::OwnedMemorySource>(converted.bundle), "demo.reel");
  REQUIRE(opened.is_ok());
  const Document& doc = *opened.value();
  const uint64_t spans = doc.trace().spans.size();
  const uint64_t rows = doc.trace().attributes.size();
  REQUIRE(spans > 100);
  REQUIRE(rows > 100);

  const HotMemory hot = hot_memory(doc);
  CHECK(hot.span_columns >= 28 * spans);
  CHECK(hot.record_refs > 0);
  CHECK(hot.record_refs < 2 * 16 * spans / 2);  // under half of two 16-byte refs a span
  CHECK(hot.attributes > 0);
  CHECK(hot.attributes < 16 * rows / 2);  // under half of 16-byte rows
  CHECK(hot.strings > 0);
  CHECK(hot.layout >= (2 + 2 + 1 + 4) * spans);  // depth, lane, has_children, the lanes' span index
  CHECK(hot.total() == hot.span_columns + hot.record_refs + hot.attributes + hot.strings + hot.layout);

  BenchTimings timings;
  timings.spans = spans;
  timings.frame_ms = {1.0, 2.0};
  timings.hot = hot;
  const std::string report = bench_report_json(timings);
  CHECK_THAT(report, Catch::Contains("\"hot_bytes\":{\"span_columns\":" + std::to_string(hot.span_columns)));
  CHECK_THAT(report, Catch::EndsWith("}"));
}

}  // namespace agentreel::viewer
