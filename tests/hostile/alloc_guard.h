// Test helper: lets the hostile-input binary prove "no giant allocation". The largest single allocation
// request since the last reset is recorded, and a request over kAllocGuardLimit fails the test: in a plain
// build, the replaced global operator new (alloc_guard.cpp) throws std::bad_alloc (Catch reports it); under
// AddressSanitizer, which owns operator new, ASan's malloc hook records sizes and its max_allocation_size_mb
// option reports any request over the limit as an error.
#pragma once

#include <cstddef>

namespace agentreel::test {

constexpr size_t kAllocGuardLimit = size_t(512) << 20;
// Largest single operator new request since the last reset.
size_t largest_allocation();
void reset_largest_allocation();

}  // namespace agentreel::test
