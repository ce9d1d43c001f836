// Helpers for tests that need the trace exactly as readers report it, without a bundle: inputs run through
// their (detected) readers into a TraceBuilder, with the raw stream kept so records can be read back.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/trace_builder.h"
#include "readers/registry.h"
#include "test_support.h"

namespace agentreel::test {

struct ReadTrace {
  Trace trace;
  std::string stream;  // every input's bytes, concatenated in input order (the bundle's raw stream)
  std::string_view record(RecordRef ref) const { return std::string_view(stream).substr(ref.offset, ref.length); }
};

// Each input is fed in chunks of `chunk` bytes; its format is detected from its first 64 KiB.
inline ReadTrace read_trace(const std::vector<NamedInput>& inputs, size_t chunk = 1 << 20) {
  ReadTrace out;
  TraceBuilder builder;
  for (const NamedInput& input : inputs) {
    auto format = detect_format(input.path, std::string_view(input.bytes).substr(0, 65536));
    INFO(input.path << ": " << (format.is_ok() ? "" : format.status().to_string()));
    REQUIRE(format.is_ok());
    InputFile file;
    file.path = input.path;
    file.format = std::string(format.value()->name);
    file.stream_offset = out.stream.size();
    file.size = input.bytes.size();
    const uint32_t index = builder.begin_input(file);
    ReaderContext context;
    context.sink = &builder;
    context.input = index;
    context.stream_offset = out.stream.size();
    context.path = input.path;
    std::unique_ptr<FormatReader> reader = format.value()->make(context);
    for (size_t at = 0; at < input.bytes.size(); at += chunk) {
      const Status fed = reader->feed(std::string_view(input.bytes).substr(at, chunk));
      REQUIRE(fed.is_ok());
    }
    REQUIRE(reader->finish().is_ok());
    out.stream += input.bytes;
  }
  out.trace = builder.build();
  return out;
}

}  // namespace agentreel::test
