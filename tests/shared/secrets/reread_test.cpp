// Redaction converts every input again; it must be read by the reader that first read it (a log converted with
// --format, a file kept unparsed), not by whatever detection says about the redacted bytes.
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace agentreel;

TEST_CASE("Converter::begin_input reads an input with the reader it is told to", "[secrets]") {
  const std::string log = test::read_file(test::data_path("agenteye/interleaved.jsonl"));
  VectorSink sink;
  Converter converter(sink, {});
  REQUIRE(converter.begin_input("a.jsonl", log, Converter::Origin::found_in_directory, "unparsed").is_ok());
  REQUIRE(converter.feed(log).is_ok());
  REQUIRE(converter.end_input().is_ok());
  REQUIRE(converter.begin_input("b.jsonl", log, Converter::Origin::named, "agenteye").is_ok());
  REQUIRE(converter.feed(log).is_ok());
  REQUIRE(converter.end_input().is_ok());
  CHECK(converter.begin_input("c.jsonl", log, Converter::Origin::named, "no-such-reader").message() ==
        "unknown input format \"no-such-reader\"");
  REQUIRE(converter.finish().is_ok());
  const Trace& trace = *converter.built();
  REQUIRE(trace.inputs.size() == 2);            // the unknown reader added no input
  CHECK(trace.inputs[0].format == "unparsed");  // detection would have said agenteye
  CHECK(trace.inputs[0].records == 0);
  CHECK(trace.inputs[1].format == "agenteye");
  CHECK(trace.inputs[1].records == 18);
}
