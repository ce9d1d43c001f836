// Streaming structural scan of OTLP/JSON trace files: finds every span object
// (resourceSpans[].scopeSpans[].spans[]) in a sequence of top-level JSON values (one document, an
// array of documents, or one document per line) fed in chunks of any size, and hands over its exact
// bytes with their byte offset and line. Validates JSON structure outside span objects (the caller
// parses the span objects themselves). No I/O; memory is bounded by the largest span object.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/trace.h"

namespace agentreel {

class OtlpScanner {
 public:
  // What the scanner reports. Returning false stops the scan (the rest of the input is ignored).
  class Events {
   public:
    virtual ~Events() = default;
    // One complete span object: `json` runs from its '{' to its '}'; `offset` is that '{' in the
    // input, `line` its 1-based line.
    virtual bool span(std::string_view json, uint64_t offset, uint64_t line) = 0;
    // Input that cannot be read as OTLP/JSON, located at the offending byte (or, for input that
    // ends inside a value, at the start of that value).
    virtual bool problem(SkipReason reason, uint64_t offset, uint64_t line, std::string detail) = 0;
    // A member key at the top level of a document (a TracesData object), and a document's end.
    virtual bool document_key(std::string_view /*key*/) { return true; }
    virtual bool document_end() { return true; }
  };

  OtlpScanner(Events& events, uint64_t max_span_bytes) : events_(events), max_span_bytes_(max_span_bytes) {}
  // Both return false once an event stopped the scan.
  bool feed(std::string_view chunk);
  bool finish();

  uint64_t bytes_seen() const { return offset_; }

 private:
  // What a JSON value is, from where it sits; decides what to look for inside it.
  enum class Role : uint8_t {
    other,
    documents,            // a top-level array of documents
    document,             // TracesData / ExportTraceServiceRequest
    resource_spans_list,  // document.resourceSpans
    resource_spans,
    scope_spans_list,  // resourceSpans[i].scopeSpans (or the pre-1.0 instrumentationLibrarySpans)
    scope_spans,
    span_list,  // scopeSpans[j].spans
    span,
  };
  enum class Expect : uint8_t {
    top,             // between top-level values
    value,           // after ':' or after ',' in an array
    value_or_close,  // after '['
    key_or_close,    // after '{'
    key,             // after ',' in an object
    colon,           // after a key
    comma_or_close,  // after a value inside a container
  };
  struct Frame {
    Role role;
    bool object;
    bool has_keys;            // documents: any member seen
    bool has_resource_spans;  // documents: "resourceSpans" seen
    Role member_role;         // objects: the role of the value of the current member
    uint64_t offset;          // where the container opened
    uint64_t line;
  };

  bool consume(char c);  // false: an event stopped the scan
  bool string_byte(char c);
  Role value_role() const;  // the role of a value starting at the current position
  bool check_role(Role& role, char first);
  bool open_value(char c);
  bool close_container();
  bool end_key();
  bool end_scalar();
  bool end_value();
  // Structural errors: report, drop the structure, resynchronise at the next line starting a value.
  bool fail_here(const std::string& expected, char c);
  bool fail(SkipReason reason, const std::string& detail);
  bool fail_at(SkipReason reason, uint64_t offset, const std::string& detail);
  std::string expectation() const;
  std::string where() const;
  void reset_structure();
  void append_capture(std::string_view bytes);
  void advance() {
    ++index_;
    ++offset_;
  }

  Events& events_;
  uint64_t max_span_bytes_;
  bool stopped_ = false;

  std::string_view chunk_;  // during feed()
  size_t index_ = 0;        // in chunk_, the byte being looked at
  uint64_t offset_ = 0;     // in the input, the byte being looked at
  uint64_t line_ = 1;
  uint64_t bom_matched_ = 0;
  std::string first_document_key_;
  std::vector<Frame> stack_;
  Expect expect_ = Expect::top;

  // Lexing inside a string or a bare scalar (number, true, false, null).
  bool in_string_ = false;
  bool string_is_key_ = false;
  bool escape_ = false;
  int unicode_digits_left_ = 0;
  std::string key_;  // the current key, up to kMaxKey bytes (longer keys match nothing)
  bool key_overflow_ = false;
  bool in_scalar_ = false;
  std::string scalar_;
  uint64_t scalar_offset_ = 0;

  // One document per line: set when the first top-level value starts and ends on one line; then a
  // newline inside a value is an error (a cut line) instead of joining the next line to it.
  enum class LineMode : uint8_t { unknown, one_per_line, multi_line } line_mode_ = LineMode::unknown;
  uint64_t value_start_line_ = 0;  // line where the current top-level value started
  uint64_t value_start_offset_ = 0;

  // After a structural error: skip to the next line that starts with '{' or '['.
  bool resync_ = false;
  bool at_line_start_ = true;

  // The span object being captured (its bytes span chunks).
  bool capturing_ = false;
  size_t capture_depth_ = 0;  // stack size while inside it
  uint64_t capture_offset_ = 0;
  uint64_t capture_line_ = 0;
  uint64_t capture_length_ = 0;
  bool capture_dropped_ = false;  // over max_span_bytes_: bytes not kept
  std::string capture_;
  size_t segment_begin_ = 0;  // within the current chunk, the first byte not yet appended
};

}  // namespace agentreel
