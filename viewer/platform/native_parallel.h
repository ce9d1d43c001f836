// Threads for the native viewer's one-off bulk work (Bundle::open's index sections): a ParallelFor that
// runs each task on its own std::thread and joins them. Opening a bundle has a handful of tasks, so a pool
// would buy nothing. Not for the web build (no threads there).
#pragma once

#include "bundle/bundle_reader.h"

namespace agentreel::viewer {

ParallelFor native_parallel_for();

}  // namespace agentreel::viewer
