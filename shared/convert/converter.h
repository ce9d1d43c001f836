// The conversion pipeline, independent of where bytes come from: inputs are fed in chunks; each
// chunk goes both to the bundle's raw stream (kept byte for byte) and to the input's reader.
// Used by the CLI and usable from the web build (a log dropped into the browser).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bundle/bundle_writer.h"
#include "core/hash.h"
#include "find/find_index_build.h"
#include "model/trace_builder.h"
#include "readers/registry.h"

namespace agentreel {

struct ConvertOptions {
  bool strict = false;
  std::string format;  // empty = detect per input
  BundleWriterOptions writer;
  uint64_t max_record_bytes = 1ull << 30;
  // Which sessions get a find index (FIDX sections), built from the RAW blocks read back through the sink.
  FindIndexMode find_index = FindIndexMode::never;
  // finish() fails (unknown_format) when the inputs gave no span at all: every file in no known format, empty,
  // or every record of the forced or detected format skipped. The message names each input and why it gave
  // nothing (for a file in no known format, every format tried and why it said no). The CLI sets it; the
  // library's other callers (tests, fuzzers) may convert nothing.
  bool require_spans = false;
};

struct ConvertSummary {
  uint64_t spans = 0;
  uint64_t sessions = 0;
  uint64_t records = 0;
  uint64_t skipped = 0;
  uint64_t bundle_bytes = 0;
  uint64_t indexed_sessions = 0;  // sessions given a find index
  uint64_t find_index_bytes = 0;  // bytes of their FIDX sections, headers included
  BuildStats build;
};

class Converter {
 public:
  Converter(ByteSink& out, ConvertOptions options);
  ~Converter();
  // `head` is the input's first bytes (up to ~64 KiB), used to detect its format; feed them again.
  // A file named by the user must be in a known format; one found while walking a directory is
  // kept byte for byte but not parsed when no reader knows it (format "unparsed"). Empty files
  // are kept with format "empty".
  enum class Origin { named, found_in_directory };
  // `reader`, when given, names the reader for this input instead of options.format and detection ("unparsed"
  // keeps it unread): redaction reads an input again with the reader that first read it.
  Status begin_input(std::string path, std::string_view head, Origin origin = Origin::named,
                     std::string_view reader = {});
  Status feed(std::string_view chunk);
  Status end_input();
  Result<ConvertSummary> finish();
  // A non-critical section written after the index (BundleWriter::add_section); call before finish().
  void add_section(SectionTag tag, std::string content) { writer_.add_section(tag, std::move(content)); }
  const Trace* built() const { return built_.get(); }  // after finish()

 private:
  ConvertOptions options_;
  BundleWriter writer_;
  std::unique_ptr<TraceBuilder> builder_ = std::make_unique<TraceBuilder>();  // freed once the Trace is built
  std::unique_ptr<FormatReader> reader_;
  std::unique_ptr<StreamingHash> hash_;
  std::unique_ptr<Trace> built_;
  // Per input, why no reader read it (the detection's "tried:" list), "" for an input a reader read.
  std::vector<std::string> not_read_;
};

}  // namespace agentreel
