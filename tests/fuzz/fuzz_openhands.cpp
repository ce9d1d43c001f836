// Fuzz target: the openhands reader, forced (like `agentreel convert --format openhands`), then the bundle it writes:
// it must open, verify clean and export the input byte for byte. Depends on shared/ only.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)agentreel::fuzz::convert_and_check(input, "openhands", agentreel::fuzz::chunk_for(input));
  return 0;
}
