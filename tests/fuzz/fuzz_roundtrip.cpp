// Fuzz target: convert -> read -> export round trip with format detection (what `agentreel convert LOG`
// does). Whatever reader claims the input, the bundle must open, verify clean, and export must equal the
// input byte for byte; the input is fed whole and again in small chunks, and both bundles must agree.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::string whole = agentreel::fuzz::convert_and_check(input, "", size_t(1) << 20);
  const std::string chunked = agentreel::fuzz::convert_and_check(input, "", 3);
  agentreel::fuzz::require(whole == chunked);
  return 0;
}
