// Fuzz target: the bundle decoder. Bundle::open on arbitrary bytes, then (when it opens) read_record of
// every span, verify and export of every input. Must never crash, hang or allocate beyond the caps.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  agentreel::fuzz::exercise_bundle(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
