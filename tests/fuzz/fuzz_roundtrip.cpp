// Fuzz target: convert -> read -> export round trip with format detection (what `agentreel convert LOG`
// does). Whatever reader claims the input, the bundle must open, verify clean, and export must equal the
// input byte for byte; the input is converted again in 3-byte chunks, and that bundle must be byte-identical
// (so it needs no checks of its own).
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string whole = agentreel::fuzz::convert_and_check(input, "", size_t(1) << 20);
  const std::string chunked = agentreel::fuzz::convert_only(input, "", 3);
  agentreel::fuzz::require(whole == chunked);
  return 0;
}
