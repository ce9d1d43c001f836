// Scanning a bundle for secrets and saying where each one is: its input, line and byte range, and the session and
// span whose record holds it. `secrets` lists them; `html` counts them for its warning.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "bundle/bundle_reader.h"
#include "secrets/scanner.h"

namespace agentreel::cli {

struct LocatedFinding {
  const secrets::Finding* finding = nullptr;  // begin/end are raw-stream offsets
  uint32_t input = 0;
  uint64_t input_offset = 0;     // finding->begin within the input
  uint64_t line = 0;             // 1-based line of finding->begin within the input
  std::optional<uint32_t> span;  // the span whose begin or end record holds it, if any
  bool end_record = false;       // that record closed the span (else it opened it)
  RecordRef record;
};

// The records of a trace by stream offset: which span's record holds a byte.
class RecordLocator {
 public:
  explicit RecordLocator(const Trace& trace);
  // The innermost record holding `offset` (the lowest span for a record several spans share), if any.
  bool locate(uint64_t offset, LocatedFinding& where) const;

 private:
  struct Entry {
    uint64_t offset;
    uint32_t length;
    uint32_t span;
    bool end_record;
  };
  std::vector<Entry> entries_;            // by offset, then span descending
  std::vector<uint64_t> max_end_before_;  // max end of entries_[0..i]: where a backward walk can stop
};

// Scans every input of `bundle` (1 MiB reads, memory bounded by the scanner's reach) in stream order.
Status scan_bundle(const Bundle& bundle, const secrets::Scanner& scanner,
                   const std::function<void(const LocatedFinding&)>& found);

}  // namespace agentreel::cli
