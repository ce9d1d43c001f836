// Fuzz target: the claude_code reader, forced (like `agentreel convert --format claude_code`), into the trace builder:
// it must fail with a clear status or build a consistent trace (see read_and_check). Depends on shared/ only.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  agentreel::fuzz::read_and_check(input, "claude_code", agentreel::fuzz::chunk_for(input));
  return 0;
}
