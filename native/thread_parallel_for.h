// Threads for one-off bulk work in the native programs (the CLI's bundle encoding and opening, the native
// viewer's Bundle::open): a ParallelFor that runs each task on its own std::thread and joins them. The callers
// have a handful of tasks, so a pool would buy nothing. Not for the web build (no threads there).
#pragma once

#include "core/parallel_for.h"

namespace agentreel::native {

ParallelFor thread_parallel_for();

}  // namespace agentreel::native
