// The skeleton every JSON-lines reader shares (like Perfetto's streaming line reader): bytes in chunks of any
// size split into lines, blank lines passed over, each line parsed as one JSON object (simdjson, UTF-8
// validated), and the bad-record tail — too large, not JSON, a last line cut mid-write, not an object — skipped,
// counted and reported with its line and byte offset. A format subclasses it and reads objects in on_record().
// A format may also take the same records in one JSON document (DocumentLayouts: a pretty-printed object, an
// array of records, or an object holding that array), which is buffered to the end and read element by element.
// Also first_record_line() and first_json_record(), what every JSON-lines sniffer looks at. No I/O; compiles
// with emcc.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "readers/format_reader.h"
#include "readers/json_line.h"
#include "readers/line_splitter.h"

namespace agentreel {

// The whole-document layouts a JSON-lines format also reads. All off by default: a reader that takes none of
// them reads a pretty-printed document line by line (and skips each line as not JSON).
struct DocumentLayouts {
  bool single_object = false;  // one (pretty-printed) object is one record
  bool record_array = false;   // [record, record, ...]
  // {"<key>": [record, ...], ...}: the records are the array under the first of these keys the object has
  // (a web export's "loglines"); its other members are not records.
  std::vector<std::string_view> array_keys;
  bool any() const { return single_object || record_array || !array_keys.empty(); }
};

class JsonlReader : public FormatReader {
 public:
  explicit JsonlReader(const ReaderContext& context, DocumentLayouts layouts = {});
  Status feed(std::string_view chunk) final;
  Status finish() final;
  uint64_t records() const final { return records_; }

 protected:
  // One line that parsed as a JSON object; `ref` is its record in the raw stream (the line without its "\n").
  // In a document, one element of the array (or the document itself): `line` then holds the element's text,
  // the line it starts on and its byte offset. Returns false only when reading must stop (a skip in strict
  // mode: skip() already set the status).
  virtual bool on_record(simdjson::dom::object record, const Line& line, RecordRef ref) = 0;
  // A whole JSON document (one of the layouts asked for): `document.text` runs from its first byte to its
  // last, at `document.number` / `document.offset`. The default splits it into records by the layouts; a
  // format whose document is not a list of records (one run's event array) reads it here instead.
  virtual bool on_document(simdjson::dom::element root, const Line& document, RecordRef ref);
  // The end of the input, after its last record: pairs and links settled here. Not called after a fatal error.
  virtual void on_finish() {}

  // Hands each element of the array whose '[' sits at `array_begin` in `document.text` to on_record() with its
  // own text, line and offset (a non-object element is skipped as wrong_type). `array` is the same array
  // parsed. False when reading must stop.
  bool read_array_records(simdjson::dom::array array, const Line& document, size_t array_begin);
  // Reports a record the format cannot use (see report_bad_record); false when reading must stop.
  bool skip(const Line& line, SkipReason reason, std::string detail);
  bool skip_at(uint64_t line, uint64_t byte_offset, SkipReason reason, std::string detail);
  // Counts a record the format read (a skipped one is counted by the sink as skipped instead).
  void count_record() { ++records_; }
  TraceSink& sink() { return *context_.sink; }
  const ReaderContext& context() const { return context_; }
  const DocumentLayouts& layouts() const { return layouts_; }
  // A line that is not JSON is reported at the byte where it stops being JSON, with what was expected there,
  // instead of at its start (worth it for formats whose lines are long: a whole run on one line).
  void locate_errors_within_lines() { locate_errors_within_lines_ = true; }
  // Whether the records come from one JSON document (elements of an array) rather than from lines.
  bool reading_document() const { return mode_ == Mode::document; }
  RecordRef ref_of(uint64_t offset, uint64_t length) const {
    return RecordRef{context_.stream_offset + offset, uint32_t(length)};
  }

 private:
  enum class Mode : uint8_t { undecided, lines, document };
  bool handle(const Line& line);
  void decide(bool at_end);
  void keep_document(std::string_view chunk);
  void finish_document();
  bool later_lines_are_json(size_t from);
  bool opens_document(std::string_view first_line);

  ReaderContext context_;
  DocumentLayouts layouts_;
  LineSplitter lines_;
  JsonLineParser parser_;
  Status fatal_;
  uint64_t records_ = 0;
  bool locate_errors_within_lines_ = false;

  Mode mode_ = Mode::lines;
  std::string pending_;       // undecided: every byte so far
  size_t line_start_ = 0;     // undecided: start of the first line not yet known to be blank
  size_t scanned_ = 0;        // undecided: bytes already searched for that line's newline
  uint64_t line_number_ = 1;  // undecided: number of the line at line_start_
  std::string document_;      // document mode: the whole input (dropped once over the record cap)
  uint64_t document_size_ = 0;
  bool document_too_large_ = false;
  uint64_t document_line_ = 1;  // the line and byte of the document's first non-blank byte
  uint64_t document_offset_ = 0;
};

// The first line of `head` that holds anything but spaces and tabs, without its "\r\n" or "\n"; `complete` is
// false when `head` ends inside it (a record longer than the sniffer's head). nullopt: no such line.
struct FirstRecordLine {
  std::string_view text;
  bool complete = true;
};
std::optional<FirstRecordLine> first_record_line(std::string_view head);

// The first record of `head` in any layout a JsonlReader reads: the first non-blank line when it is JSON on its
// own (and not an object holding the records under one of `array_keys`), else the first element of a
// top-level array, else the first element of the array under one of `array_keys`, else the (pretty-printed)
// object itself. `complete` is false when `head` ends inside it; `in_document` when it is not a line of its own.
struct FirstJsonRecord {
  std::string_view text;
  bool complete = true;
  bool in_document = false;
};
std::optional<FirstJsonRecord> first_json_record(std::string_view head,
                                                 const std::vector<std::string_view>& array_keys = {});

}  // namespace agentreel
