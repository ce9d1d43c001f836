// One thread per task, joined before returning (see thread_parallel_for.h).
#include "thread_parallel_for.h"

#include <thread>
#include <vector>

namespace agentreel::native {

ParallelFor thread_parallel_for() {
  return [](size_t count, const std::function<void(size_t)>& task) {
    if (count == 0) return;
    std::vector<std::thread> threads;
    threads.reserve(count - 1);
    try {
      for (size_t i = 1; i < count; ++i) threads.emplace_back(task, i);
    } catch (const std::system_error&) {
      // No thread to be had: the rest run here, after task 0.
      for (size_t i = threads.size() + 1; i < count; ++i) task(i);
      task(0);
      for (std::thread& thread : threads) thread.join();
      return;
    }
    task(0);
    for (std::thread& thread : threads) thread.join();
  };
}

}  // namespace agentreel::native
