// Shared bodies of the fuzz targets: convert bytes with one reader (or detection), reopen the bundle,
// read every span's records, verify, export. Any broken invariant calls __builtin_trap() so libFuzzer
// (and the replay driver, via SIGILL) reports it. Depends only on shared/ (no file I/O).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "bundle/bundle_reader.h"
#include "convert/converter.h"
#include "model/trace_builder.h"
#include "readers/registry.h"

namespace agentreel::fuzz {

inline void require(bool condition) {
  if (!condition) __builtin_trap();
}

// Opens `bytes` as a bundle and touches everything a viewer or `export` would. A bundle that opens must
// be internally consistent; one that does not must fail with a code, never crash.
inline void exercise_bundle(std::string_view bytes) {
  auto opened = Bundle::open(std::make_unique<MemorySource>(bytes.data(), bytes.size()));
  if (!opened.is_ok()) {
    require(opened.status().code() != ErrorCode::ok && !opened.status().message().empty());
    return;
  }
  const Bundle& bundle = *opened.value();
  const Trace& trace = bundle.trace();
  for (size_t i = 0; i < trace.spans.size(); ++i) {
    (void)trace.name_of(uint32_t(i));
    (void)trace.session_of(uint32_t(i));
    (void)trace.attributes.rows_of(uint32_t(i));
    (void)bundle.read_record(trace.spans.begin_record[i]);
    (void)bundle.read_record(trace.spans.end_record[i]);
  }
  (void)bundle.verify();
  for (size_t i = 0; i < trace.inputs.size(); ++i) {
    VectorSink sink;
    (void)bundle.export_input(i, sink);
  }
}

// Converts `input` (fed in chunks of `chunk` bytes) with the reader `format` ("" = detect) and returns the
// bundle bytes, or nothing when conversion was refused (unknown format, fatal structural error: reported with
// a code, not a crash).
inline std::string convert_only(std::string_view input, std::string_view format, size_t chunk) {
  ConvertOptions options;
  options.format = std::string(format);
  options.max_record_bytes = 1 << 20;  // fuzz inputs are small; keeps the too_large path reachable
  // Compression is zstd's to fuzz, not ours: the fastest level and small blocks keep each execution cheap
  // and put block edges inside the inputs (records that span two blocks).
  options.writer.raw_level = 1;
  options.writer.index_level = 1;
  options.writer.raw_long_distance = false;
  options.writer.raw_block_bytes = 4096;
  VectorSink sink;
  Converter converter(sink, options);
  Status status = converter.begin_input("fuzz.input", input.substr(0, 65536));
  for (size_t at = 0; status.is_ok() && at < input.size(); at += chunk) {
    status = converter.feed(input.substr(at, chunk));
  }
  if (status.is_ok()) status = converter.end_input();
  if (!status.is_ok()) {
    require(status.code() != ErrorCode::ok);
    return {};
  }
  auto summary = converter.finish();
  require(summary.is_ok());
  return std::string(sink.buffer.begin(), sink.buffer.end());
}

// Checks a bundle converted from `input`: it opens, verifies clean, every record ref reads back at its
// length, no span is its own ancestor, durations are not negative, and export returns the input byte for byte.
inline void check_bundle(std::string_view input, const std::string& bytes) {
  auto opened = Bundle::open(std::make_unique<MemorySource>(bytes.data(), bytes.size()));
  require(opened.is_ok());
  const Bundle& bundle = *opened.value();
  const Trace& trace = bundle.trace();
  for (size_t i = 0; i < trace.spans.size(); ++i) {
    // No span is its own ancestor (a walk longer than the table means a cycle).
    uint32_t ancestor = trace.spans.parent[i];
    for (size_t steps = 0; ancestor != kNoSpan; ++steps, ancestor = trace.spans.parent[ancestor]) {
      require(steps < trace.spans.size() && ancestor != i);
    }
    require(trace.spans.duration_ns[i] >= 0);
    for (const RecordRef& ref : {trace.spans.begin_record[i], trace.spans.end_record[i]}) {
      auto record = bundle.read_record(ref);
      require(record.is_ok() && record.value().size() == ref.length);
    }
  }
  require(bundle.verify().problems.empty());
  require(trace.inputs.size() == 1);
  VectorSink exported;
  require(bundle.export_input(0, exported).is_ok());
  require(std::string_view(reinterpret_cast<const char*>(exported.buffer.data()), exported.buffer.size()) == input);
}

// convert_only, then check_bundle on what it wrote. Returns the bundle bytes (empty when conversion was refused).
inline std::string convert_and_check(std::string_view input, std::string_view format, size_t chunk) {
  std::string bundle = convert_only(input, format, chunk);
  if (!bundle.empty()) check_bundle(input, bundle);
  return bundle;
}

// Runs one reader (forced, like `agentreel convert --format NAME`) over `input` in chunks of `chunk` bytes into
// the trace builder, then checks the trace it builds: no span is its own ancestor, durations are not
// negative, sessions and names resolve, and every record ref lies inside the input. No bundle is written:
// the round trip target covers that, and leaving it out makes an execution several times cheaper.
inline void read_and_check(std::string_view input, std::string_view format, size_t chunk) {
  const FormatEntry* entry = find_format(format);
  require(entry != nullptr);
  TraceBuilder builder;
  InputFile file;
  file.path = "fuzz.input";
  file.format = std::string(format);
  ReaderContext context;
  context.sink = &builder;
  context.input = builder.begin_input(file);
  context.path = file.path;
  context.max_record_bytes = 1 << 20;  // fuzz inputs are small; keeps the too_large path reachable
  std::unique_ptr<FormatReader> reader = entry->make(context);
  Status status = Status::ok();
  for (size_t at = 0; status.is_ok() && at < input.size(); at += chunk) status = reader->feed(input.substr(at, chunk));
  if (status.is_ok()) status = reader->finish();
  if (!status.is_ok()) {
    require(status.code() != ErrorCode::ok && !status.message().empty());
    return;  // a fatal structural error: reported, not a crash
  }
  builder.current_input().size = input.size();
  builder.current_input().records = reader->records();
  const Trace trace = builder.build();
  const size_t spans = trace.spans.size();
  for (size_t i = 0; i < spans; ++i) {
    uint32_t ancestor = trace.spans.parent[i];
    for (size_t steps = 0; ancestor != kNoSpan; ++steps, ancestor = trace.spans.parent[ancestor]) {
      require(ancestor < spans && steps < spans && ancestor != i);
    }
    require(trace.spans.duration_ns[i] >= 0);
    (void)trace.name_of(uint32_t(i));
    (void)trace.session_of(uint32_t(i));
    (void)trace.attributes.rows_of(uint32_t(i));
    for (const RecordRef& ref : {trace.spans.begin_record[i], trace.spans.end_record[i]}) {
      require(ref.offset <= input.size() && ref.length <= input.size() - ref.offset);
    }
  }
}

// Chunk size derived from the input so chunk edges move around without spending input bytes on it.
inline size_t chunk_for(std::string_view input) {
  if (input.empty()) return 1;
  const size_t pick = (size_t(uint8_t(input.back())) * 31 + input.size()) % 5;
  constexpr size_t kChunks[] = {5, 64, 4096, size_t(1) << 20, size_t(1) << 20};
  return kChunks[pick];
}

}  // namespace agentreel::fuzz
