// One reader per input format, all behind this interface. A reader receives one input's bytes in
// chunks of any size (edges need not match record edges), knows the absolute byte offset and line
// of every record, and reports into a TraceSink.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"
#include "model/trace_sink.h"

namespace agentreel {

struct ReaderContext {
  TraceSink* sink = nullptr;
  uint32_t input = 0;          // index of the input in the Trace
  uint64_t stream_offset = 0;  // where this input's byte 0 sits in the bundle's raw stream
  std::string path;            // for messages
  bool strict = false;         // a skipped record becomes a fatal error
  uint64_t max_record_bytes = 1ull << 30;
};

// A record a reader cannot use: skipped and counted in the sink, or, in strict mode, the fatal
// malformed_record Status naming "path:line: byte N: reason: detail". Returns ok when reading goes on.
Status report_bad_record(const ReaderContext& context, uint64_t line, uint64_t byte_offset, SkipReason reason,
                         std::string detail);

class FormatReader {
 public:
  virtual ~FormatReader() = default;
  virtual Status feed(std::string_view chunk) = 0;
  // End of input: a final record without a newline is handled here.
  virtual Status finish() = 0;
  virtual uint64_t records() const = 0;
};

}  // namespace agentreel
