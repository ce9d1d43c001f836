// Fuzz target: convert -> read -> export round trip with format detection (what `agentreel convert LOG`
// does). Whatever reader claims the input, the bundle must open, verify clean, and export must equal the
// input byte for byte. When the input is longer than its chunk size (chunk_for: 5 bytes to 1 MiB), it is
// converted again fed in those chunks, and that bundle must be byte-identical (so it needs no checks of its
// own). The reader targets cover chunk edges inside each reader; this covers them in detection and writer.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string whole = agentreel::fuzz::convert_and_check(input, "", size_t(1) << 20);
  const size_t chunk = agentreel::fuzz::chunk_for(input);
  if (chunk < size) agentreel::fuzz::require(whole == agentreel::fuzz::convert_only(input, "", chunk));
  return 0;
}
