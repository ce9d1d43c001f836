// How shared/ asks for bulk work side by side without owning threads (it must build for the web, which has
// none): the caller passes a ParallelFor. Bundle::open decodes index sections with it.
#pragma once

#include <cstddef>
#include <functional>

namespace agentreel {

// Runs task(0) .. task(count - 1), in any order and possibly at once, and returns when all are done.
using ParallelFor = std::function<void(size_t count, const std::function<void(size_t)>& task)>;

// `parallel` when there is one, else one task after another.
inline void run_tasks(const ParallelFor& parallel, size_t count, const std::function<void(size_t)>& task) {
  if (parallel) {
    parallel(count, task);
    return;
  }
  for (size_t i = 0; i < count; ++i) task(i);
}

}  // namespace agentreel
