// The run the MCP server serves (see served_run.h).
#include "mcp/served_run.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "input_files.h"
#include "open_run.h"
#include "thread_parallel_for.h"

namespace agentreel::mcp {

std::string default_claude_projects_dir() {
  // Claude Code's own rule: CLAUDE_CONFIG_DIR replaces ~/.claude. (A table of every harness's location may move
  // into input_files.cpp; this server then takes its Claude Code entry.)
  if (const char* config = std::getenv("CLAUDE_CONFIG_DIR"); config && *config)
    return std::string(config) + "/projects";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.claude/projects";
}

std::string ServedRun::fingerprint() const {
  std::string print;
  for (const std::string& argument : inputs_) {
    std::vector<cli::InputSpec> files;
    const Status listed = cli::collect_inputs(argument, files);
    if (!listed.is_ok()) {
      print += argument + ": " + listed.message() + "\n";
      continue;
    }
    for (const cli::InputSpec& file : files) {
      struct stat info {};
      if (::stat(file.disk_path.c_str(), &info) != 0) continue;
      print += file.disk_path + " " + std::to_string(info.st_size) + " " + std::to_string(info.st_mtim.tv_sec) + "." +
               std::to_string(info.st_mtim.tv_nsec) + "\n";
    }
  }
  return print;
}

Result<const Bundle*> ServedRun::bundle() {
  std::string print = fingerprint();
  if (bundle_ && print == opened_fingerprint_) return static_cast<const Bundle*>(bundle_.get());
  std::fprintf(stderr, "agentreel mcp: %s %zu input%s\n", bundle_ ? "reopening (an input changed)" : "opening",
               inputs_.size(), inputs_.size() == 1 ? "" : "s");
  bundle_.reset();
  summaries_.clear();
  diagnoses_.clear();
  auto opened = cli::open_run(inputs_, format_, "agentreel mcp");
  if (!opened.is_ok()) {
    std::fprintf(stderr, "agentreel mcp: %s\n", opened.status().message().c_str());
    return opened.status();
  }
  bundle_ = opened.take();
  bundle_->set_block_cache_limit(24);
  opened_fingerprint_ = std::move(print);
  const Trace& trace = bundle_->trace();
  summaries_.resize(trace.sessions.size());
  diagnoses_.resize(trace.sessions.size());
  std::fprintf(stderr, "agentreel mcp: %zu sessions, %zu spans\n", trace.sessions.size(), trace.spans.size());
  return static_cast<const Bundle*>(bundle_.get());
}

RecordReader ServedRun::reader() const {
  const Bundle* bundle = bundle_.get();
  return [bundle](RecordRef ref) {
    auto record = bundle->read_record(ref);
    return record.is_ok() ? record.take() : std::string();
  };
}

const SessionSummary& ServedRun::summary(uint32_t session) {
  std::optional<SessionSummary>& cached = summaries_[session];
  if (!cached) cached = summarize_session(bundle_->trace(), reader(), session);
  return *cached;
}

const diagnosis::SessionDiagnosis& ServedRun::diagnosis(uint32_t session) {
  std::optional<diagnosis::SessionDiagnosis>& cached = diagnoses_[session];
  if (!cached) cached = diagnosis::diagnose_session(bundle_->trace(), session, reader());
  return *cached;
}

void ServedRun::diagnose_all() {
  std::vector<uint32_t> missing;
  for (uint32_t s = 0; s < diagnoses_.size(); ++s) {
    if (!diagnoses_[s]) missing.push_back(s);
  }
  if (missing.empty()) return;
  // As `why` does: sessions side by side, one reader and block cache per thread.
  const Bundle* bundle = bundle_.get();
  const auto make_reader = [bundle] {
    auto cache = std::make_shared<RawBlockCache>(24);
    return RecordReader([bundle, cache](RecordRef ref) {
      auto record = bundle->read_record(ref, *cache);
      return record.is_ok() ? record.take() : std::string();
    });
  };
  const size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  std::vector<diagnosis::SessionDiagnosis> found = diagnosis::diagnose(
      bundle->trace(), missing, make_reader, threads > 1 ? native::thread_parallel_for() : ParallelFor(), threads);
  for (diagnosis::SessionDiagnosis& d : found) diagnoses_[d.session] = std::move(d);
}

}  // namespace agentreel::mcp
