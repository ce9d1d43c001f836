// Secrets scan throughput: a log of --bytes (default 1 GB) made by repeating the given files (real agent logs,
// some with planted secrets) is fed through SecretStream in 1 MiB chunks, as `convert` and `secrets` feed it, on
// one thread. Prints MB/s per run (wall and CPU time) and the median. Then the viewer's call: find_secrets on each
// line of the files as one record, time per record. A separate program, never a test.
// usage: agentreel-secrets-bench [--bytes N] [--runs N] [--chunk-kib N] PATH...  (files or directories)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "secrets/secret_stream.h"

using namespace agentreel::secrets;

namespace {

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

int main(int argc, char** argv) {
  double total_bytes = 1e9;
  int runs = 3;
  size_t chunk = 1 << 20;
  std::vector<std::filesystem::path> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--bytes" && i + 1 < argc) {
      total_bytes = std::atof(argv[++i]);
    } else if (a == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--chunk-kib" && i + 1 < argc) {
      chunk = size_t(std::max(1, std::atoi(argv[++i]))) << 10;
    } else {
      paths.emplace_back(a);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: %s [--bytes N] [--runs N] [--chunk-kib N] PATH...\n", argv[0]);
    return 2;
  }
  // The repeating unit: every file given, in sorted order, back to back.
  std::vector<std::filesystem::path> files;
  for (const auto& path : paths) {
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
    } else {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());
  std::string unit;
  for (const auto& file : files) unit += read_all(file);
  if (unit.empty()) {
    std::fprintf(stderr, "%s: the files given are empty\n", argv[0]);
    return 2;
  }
  // A 64 MiB buffer of whole units, fed again and again until --bytes: one stream of that size, without holding
  // it in memory.
  std::string buffer;
  while (buffer.size() < (64u << 20)) buffer += unit;
  const uint64_t target = uint64_t(total_bytes);
  std::printf("%zu files, %zu bytes a repeat; scanning %.0f MB in %zu KiB chunks, %d run(s)\n", files.size(),
              unit.size(), double(target) / 1e6, chunk >> 10, runs);

  const Scanner scanner;
  std::vector<double> wall_rates;
  for (int run = 0; run < runs; ++run) {
    uint64_t findings = 0, fed = 0;
    const auto t0 = std::chrono::steady_clock::now();
    const std::clock_t c0 = std::clock();
    SecretStream stream(scanner,
                        [&](uint64_t, std::string_view, std::span<const Finding> found) { findings += found.size(); });
    while (fed < target) {
      for (size_t at = 0; at < buffer.size() && fed < target; at += chunk) {
        const size_t take = size_t(std::min<uint64_t>({chunk, buffer.size() - at, target - fed}));
        stream.feed(std::string_view(buffer).substr(at, take));
        fed += take;
      }
    }
    stream.finish();
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = double(std::clock() - c0) / CLOCKS_PER_SEC;
    wall_rates.push_back(double(fed) / 1e6 / wall);
    std::printf("run %d: %.0f MB in %.2f s wall (%.0f MB/s), %.2f s CPU (%.0f MB/s); %llu findings\n", run + 1,
                double(fed) / 1e6, wall, wall_rates.back(), cpu, double(fed) / 1e6 / cpu, (unsigned long long)findings);
  }
  std::sort(wall_rates.begin(), wall_rates.end());
  std::printf("median: %.0f MB/s\n", wall_rates[wall_rates.size() / 2]);

  // Per record, as the viewer asks for the records on screen: each line of the files on its own.
  std::vector<std::string_view> records;
  for (size_t at = 0; at < unit.size();) {
    const size_t end = std::min(unit.find('\n', at), unit.size());
    if (end > at) records.emplace_back(unit.data() + at, end - at);
    at = end + 1;
  }
  std::vector<double> micros;
  uint64_t record_findings = 0;
  for (std::string_view record : records) {
    const auto a = std::chrono::steady_clock::now();
    record_findings += scanner.find_secrets(record).size();
    micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - a).count());
  }
  std::sort(micros.begin(), micros.end());
  const auto at_quantile = [&](double q) { return micros[size_t(q * double(micros.size() - 1))]; };
  std::printf("per record (%zu lines, mean %.0f bytes): p50 %.1f us, p99 %.1f us, max %.0f us; %llu findings\n",
              records.size(), double(unit.size()) / double(records.size()), at_quantile(0.5), at_quantile(0.99),
              micros.back(), (unsigned long long)record_findings);
  return 0;
}
