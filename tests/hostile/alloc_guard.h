// Test helper: the hostile-input binary replaces global operator new (alloc_guard.cpp) so a test can prove
// "no giant allocation": the largest single request is recorded, and any request over kAllocGuardLimit
// throws std::bad_alloc instead of taking the memory (Catch reports it as a failure).
#pragma once

#include <cstddef>

namespace agentreel::test {

constexpr size_t kAllocGuardLimit = size_t(512) << 20;
// Largest single operator new request since the last reset.
size_t largest_allocation();
void reset_largest_allocation();

}  // namespace agentreel::test
