// `agentreel convert`: inputs (files, or directories walked in sorted order) -> one bundle.
// Memory stays flat in the input size: bytes stream through in 1 MiB chunks (views of a read-only mapping
// for regular files, so resident file pages are the kernel's cache, not ours), and RAW blocks are
// compressed on a thread pool with a bounded number of blocks in flight (block_pool.h) while the main
// thread parses.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "block_pool.h"
#include "commands.h"
#include "convert/converter.h"
#include "file_io.h"

namespace agentreel::cli {
namespace {

namespace fs = std::filesystem;

struct InputSpec {
  std::string disk_path;    // where to read it
  std::string stored_path;  // name kept in the bundle (a directory input keeps its tree)
  bool from_directory = false;
};

Status collect_inputs(const std::string& argument, std::vector<InputSpec>& out) {
  std::error_code error;
  const fs::path path(argument);
  if (fs::is_directory(path, error)) {
    const fs::path base = path.filename().empty() ? path.parent_path().filename() : path.filename();
    std::vector<InputSpec> found;
    for (auto it = fs::recursive_directory_iterator(path, error); !error && it != fs::recursive_directory_iterator();
         it.increment(error)) {
      if (!it->is_regular_file(error)) continue;
      found.push_back({it->path().string(), (base / fs::relative(it->path(), path)).generic_string(), true});
    }
    if (error) return {ErrorCode::io, "cannot walk " + argument + ": " + error.message()};
    std::sort(found.begin(), found.end(), [](auto& a, auto& b) { return a.stored_path < b.stored_path; });
    out.insert(out.end(), found.begin(), found.end());
    return Status::ok();
  }
  if (!fs::exists(path, error)) return {ErrorCode::io, "cannot open " + argument + ": no such file or directory"};
  out.push_back({argument, path.filename().generic_string()});
  return Status::ok();
}

// Feeds a regular file in `chunk_bytes` views of read-only mappings: no copy from the page cache into a
// read buffer (that copy was 14% of a conversion's CPU with cheap compression). The file is mapped one
// kWindow at a time, so its pages count against this process's RSS for at most one window. Returns false,
// having fed nothing, when the file cannot be mapped (a pipe, an empty file): the caller then reads it.
bool feed_mapped(const std::string& path, size_t chunk_bytes, const std::function<Status(std::string_view)>& chunk,
                 Status& status) {
  constexpr size_t kWindow = 16u << 20;  // a multiple of the page size and of chunk_bytes
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_size <= 0) {
    ::close(fd);
    return false;
  }
  const uint64_t size = uint64_t(info.st_size);
  status = Status::ok();
  for (uint64_t window = 0; window < size && status.is_ok(); window += kWindow) {
    const size_t length = size_t(std::min<uint64_t>(kWindow, size - window));
    void* map = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE, fd, off_t(window));
    if (map == MAP_FAILED) {
      ::close(fd);
      if (window == 0) return false;
      status = {ErrorCode::io, "cannot map " + path + " at byte " + std::to_string(window)};
      return true;
    }
    ::madvise(map, length, MADV_SEQUENTIAL);
    const char* bytes = static_cast<const char*>(map);
    for (size_t at = 0; at < length && status.is_ok(); at += chunk_bytes) {
      status = chunk(std::string_view(bytes + at, std::min(chunk_bytes, length - at)));
    }
    ::munmap(map, length);
  }
  ::close(fd);
  return true;
}

}  // namespace

int run_convert(const Args& args) {
  std::vector<std::string> arguments;
  std::string output;
  ConvertOptions options;
  // 8 MiB blocks at zstd level 3 with long-distance matching (docs/benchmarks.md): smaller than 4 MiB
  // blocks at level 6 and about twice as fast; reading a record inflates one block (a few ms).
  options.writer.raw_block_bytes = 8ull << 20;
  options.writer.raw_level = 3;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-o" && i + 1 < args.size()) {
      output = args[++i];
    } else if (a == "--strict") {
      options.strict = true;
    } else if (a == "--format" && i + 1 < args.size()) {
      options.format = args[++i];
    } else if (a == "--level" && i + 1 < args.size()) {
      options.writer.raw_level = std::atoi(args[++i].c_str());
    } else if (a == "--no-long") {
      options.writer.raw_long_distance = false;
    } else if (a == "--threads" && i + 1 < args.size()) {
      threads = unsigned(std::max(0, std::atoi(args[++i].c_str())));
    } else if (a == "--block-mib" && i + 1 < args.size()) {
      options.writer.raw_block_bytes = uint64_t(std::clamp(std::atoi(args[++i].c_str()), 1, 64)) << 20;
    } else if (!a.empty() && a[0] == '-') {
      return usage("convert: unknown option " + a);
    } else {
      arguments.push_back(a);
    }
  }
  if (arguments.empty() || output.empty()) return usage("convert needs INPUT... and -o OUT.reel");

  std::vector<InputSpec> inputs;
  for (const std::string& a : arguments) {
    if (Status s = collect_inputs(a, inputs); !s.is_ok()) return fail(s.message());
  }
  auto sink = AtomicFileSink::create(output);
  if (!sink.is_ok()) return fail(sink.status().message());
  options.writer.producer = "agentreel convert";
  // --threads 0: compress inline on the main thread (no pool).
  std::unique_ptr<BlockPool> pool;
  if (threads > 0) {
    pool = std::make_unique<BlockPool>(threads, options.writer.raw_block_bytes);
    options.writer.block_compressor = pool.get();
  }
  Converter converter(*sink.value(), options);
  for (const InputSpec& input : inputs) {
    auto head = read_file_head(input.disk_path, 64 * 1024);
    if (!head.is_ok()) return fail(head.status().message());
    Status status = converter.begin_input(
        input.stored_path, head.value(),
        input.from_directory ? Converter::Origin::found_in_directory : Converter::Origin::named);
    if (status.is_ok()) {
      const auto feed = [&](std::string_view chunk) { return converter.feed(chunk); };
      if (!feed_mapped(input.disk_path, 1 << 20, feed, status)) status = read_file_chunks(input.disk_path, 1 << 20, feed);
    }
    if (status.is_ok()) status = converter.end_input();
    if (!status.is_ok()) return fail(status.message());
  }
  auto summary = converter.finish();
  if (!summary.is_ok()) return fail(summary.status().message());
  if (Status s = sink.value()->commit(); !s.is_ok()) return fail(s.message());

  const Trace& trace = *converter.built();
  const ConvertSummary& sum = summary.value();
  std::fprintf(stderr, "agentreel: %llu records from %zu input(s) -> %llu session(s), %llu spans -> %s (%llu bytes)\n",
               (unsigned long long)sum.records, trace.inputs.size(), (unsigned long long)sum.sessions,
               (unsigned long long)sum.spans, output.c_str(), (unsigned long long)sum.bundle_bytes);
  for (const InputFile& f : trace.inputs) {
    if (f.format == "unparsed") {
      std::fprintf(stderr, "agentreel: note: %s is in no known format; kept byte for byte, not parsed\n", f.path.c_str());
    }
  }
  if (sum.build.unfinished || sum.build.clock_repairs || sum.build.parent_cycles) {
    std::fprintf(stderr, "agentreel: %llu unfinished span(s), %llu clock repair(s), %llu parent cycle(s) broken\n",
                 (unsigned long long)sum.build.unfinished, (unsigned long long)sum.build.clock_repairs,
                 (unsigned long long)sum.build.parent_cycles);
  }
  if (sum.skipped) {
    std::fprintf(stderr, "agentreel: skipped %llu malformed record(s):\n", (unsigned long long)sum.skipped);
    const size_t shown = std::min<size_t>(trace.skipped.size(), 20);
    for (size_t i = 0; i < shown; ++i) {
      const SkippedRecord& s = trace.skipped[i];
      std::fprintf(stderr, "  %s:%llu: byte %llu: %s: %s\n", trace.inputs[s.input].path.c_str(),
                   (unsigned long long)s.line, (unsigned long long)s.byte_offset,
                   std::string(skip_reason_name(s.reason)).c_str(), s.detail.c_str());
    }
    if (trace.skipped.size() > shown) {
      std::fprintf(stderr, "  ... and %zu more (agentreel info --json lists them all)\n", trace.skipped.size() - shown);
    }
  }
  return 0;
}

}  // namespace agentreel::cli
