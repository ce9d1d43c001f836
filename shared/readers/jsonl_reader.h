// The skeleton every JSON-lines reader shares (like Perfetto's streaming line reader): bytes in chunks of any
// size split into lines, blank lines passed over, each line parsed as one JSON object (simdjson, UTF-8
// validated), and the bad-record tail — too large, not JSON, a last line cut mid-write, not an object — skipped,
// counted and reported with its line and byte offset. A format subclasses it and reads objects in on_record().
// Also first_record_line(), what every JSON-lines sniffer looks at. No I/O; compiles with emcc.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "readers/format_reader.h"
#include "readers/json_line.h"
#include "readers/line_splitter.h"

namespace agentreel {

class JsonlReader : public FormatReader {
 public:
  explicit JsonlReader(const ReaderContext& context) : context_(context), lines_(context.max_record_bytes) {}
  Status feed(std::string_view chunk) final;
  Status finish() final;
  uint64_t records() const final { return records_; }

 protected:
  // One line that parsed as a JSON object; `ref` is its record in the raw stream (the line without its "\n").
  // Returns false only when reading must stop (a skip in strict mode: skip() already set the status).
  virtual bool on_record(simdjson::dom::object record, const Line& line, RecordRef ref) = 0;
  // The end of the input, after its last record: pairs and links settled here. Not called after a fatal error.
  virtual void on_finish() {}

  // Reports a record the format cannot use (see report_bad_record); false when reading must stop.
  bool skip(const Line& line, SkipReason reason, std::string detail);
  // Counts a record the format read (a skipped one is counted by the sink as skipped instead).
  void count_record() { ++records_; }
  TraceSink& sink() { return *context_.sink; }
  const ReaderContext& context() const { return context_; }

 private:
  bool handle(const Line& line);

  ReaderContext context_;
  LineSplitter lines_;
  JsonLineParser parser_;
  Status fatal_;
  uint64_t records_ = 0;
};

// The first line of `head` that holds anything but spaces and tabs, without its "\r\n" or "\n"; `complete` is
// false when `head` ends inside it (a record longer than the sniffer's head). nullopt: no such line.
struct FirstRecordLine {
  std::string_view text;
  bool complete = true;
};
std::optional<FirstRecordLine> first_record_line(std::string_view head);

}  // namespace agentreel
