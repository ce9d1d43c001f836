// native/: the pread-backed bundle file (CLI and native viewer) and the thread ParallelFor that opens
// bundles with it, index sections side by side.
#include "file_source.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "thread_parallel_for.h"

namespace agentreel {
namespace {

std::filesystem::path temp_file(const std::string& name, const std::string& bytes) {
  const auto path = std::filesystem::temp_directory_path() / ("agentreel-native-" + name);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

std::string pattern(size_t size) {
  std::string bytes(size, '\0');
  for (size_t i = 0; i < size; ++i) bytes[i] = char((i * 131 + i / 251) & 0xff);
  return bytes;
}

TEST_CASE("FileSource reads any range of a file and refuses ranges past its end") {
  const std::string bytes = pattern(100000);
  const auto path = temp_file("ranges", bytes);
  auto opened = native::FileSource::open(path.string());
  REQUIRE(opened.is_ok());
  const auto& file = *opened.value();
  CHECK(file.size() == bytes.size());
  std::string out(4096, '\0');
  REQUIRE(file.read(77777, 4096, out.data()).is_ok());
  CHECK(out == bytes.substr(77777, 4096));

  const Status past = file.read(bytes.size() - 10, 11, out.data());
  CHECK(past.code() == ErrorCode::truncated);
  CHECK(past.message().find(path.string()) != std::string::npos);
  CHECK(file.read(bytes.size(), 0, out.data()).is_ok());
  std::filesystem::remove(path);
}

TEST_CASE("FileSource names the path and the reason when a file cannot be opened") {
  auto missing = native::FileSource::open("/nonexistent/agentreel/run.reel");
  REQUIRE_FALSE(missing.is_ok());
  CHECK(missing.status().code() == ErrorCode::io);
  CHECK(missing.status().message() == "cannot open '/nonexistent/agentreel/run.reel': No such file or directory");

  const auto directory = std::filesystem::temp_directory_path();
  auto folder = native::FileSource::open(directory.string());
  REQUIRE_FALSE(folder.is_ok());
  CHECK(folder.status().message().find("it is a directory") != std::string::npos);
}

TEST_CASE("FileSource reports a file cut short after it was opened as an error, not a crash") {
  const auto path = temp_file("shrinks", pattern(8192));
  auto opened = native::FileSource::open(path.string());
  REQUIRE(opened.is_ok());
  std::filesystem::resize_file(path, 1000);
  std::string out(1000, '\0');
  const Status status = opened.value()->read(4000, 1000, out.data());
  CHECK(status.code() == ErrorCode::io);
  CHECK(status.message().find("shorter than when it was opened") != std::string::npos);
  std::filesystem::remove(path);
}

TEST_CASE("thread_parallel_for runs every task once, at the same time, and FileSource reads concurrently") {
  const std::string bytes = pattern(1 << 20);
  const auto path = temp_file("concurrent", bytes);
  auto opened = native::FileSource::open(path.string());
  REQUIRE(opened.is_ok());
  const auto& file = *opened.value();

  constexpr size_t kTasks = 8;
  std::vector<std::atomic<int>> runs(kTasks);
  std::atomic<int> running{0};
  std::atomic<int> most_at_once{0};
  std::vector<int> mismatches(kTasks, 0);
  const ParallelFor parallel = native::thread_parallel_for();
  parallel(kTasks, [&](size_t task) {
    runs[task]++;
    const int now = ++running;
    for (int seen = most_at_once; now > seen && !most_at_once.compare_exchange_weak(seen, now);) {
    }
    // Each task reads its own slices many times; with a shared file position (fseek + fread) these race.
    std::string out(1000, '\0');
    for (size_t round = 0; round < 200; ++round) {
      const uint64_t offset = (task * 131072 + round * 617) % (bytes.size() - out.size());
      if (!file.read(offset, out.size(), out.data()).is_ok() || out != bytes.substr(offset, out.size())) {
        ++mismatches[task];
      }
    }
    --running;
  });
  for (size_t task = 0; task < kTasks; ++task) {
    CHECK(runs[task] == 1);
    CHECK(mismatches[task] == 0);
  }
  CHECK(most_at_once >= 1);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace agentreel
