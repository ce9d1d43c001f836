// Helpers for tests: reading test data, converting bytes to a bundle in memory, reopening it.
#pragma once

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bundle/bundle_reader.h"
#include "convert/converter.h"

namespace agentreel::test {

inline std::string data_path(const std::string& relative) { return std::string(AGENTREEL_TEST_DATA) + "/" + relative; }

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct NamedInput {
  std::string path;
  std::string bytes;
};

struct Converted {
  Status status;
  std::vector<uint8_t> bundle;
  ConvertSummary summary;
};

// Converts inputs fed in chunks of `chunk` bytes (to prove chunk edges do not matter).
inline Converted convert_in_memory(const std::vector<NamedInput>& inputs, size_t chunk = 1 << 20,
                                   ConvertOptions options = {}) {
  Converted out;
  VectorSink sink;
  {
    Converter converter(sink, options);
    for (const NamedInput& input : inputs) {
      out.status = converter.begin_input(input.path, std::string_view(input.bytes).substr(0, 65536));
      for (size_t at = 0; out.status.is_ok() && at < input.bytes.size(); at += chunk) {
        out.status = converter.feed(std::string_view(input.bytes).substr(at, chunk));
      }
      if (out.status.is_ok()) out.status = converter.end_input();
      if (!out.status.is_ok()) return out;
    }
    auto summary = converter.finish();
    if (!summary.is_ok()) {
      out.status = summary.status();
      return out;
    }
    out.summary = summary.value();
  }
  out.bundle = std::move(sink.buffer);
  return out;
}

inline Result<std::unique_ptr<Bundle>> open_bytes(const std::vector<uint8_t>& bytes) {
  return Bundle::open(std::make_unique<OwnedMemorySource>(bytes));
}

inline std::string export_bytes(const Bundle& bundle, size_t input) {
  VectorSink sink;
  Status status = bundle.export_input(input, sink);
  if (!status.is_ok()) return "<export failed: " + status.to_string() + ">";
  return std::string(sink.buffer.begin(), sink.buffer.end());
}

}  // namespace agentreel::test
