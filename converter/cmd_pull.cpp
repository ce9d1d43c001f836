// `agentreel pull`: the sessions active lately in the harnesses' default log folders (recent_sessions.h), bundled
// (-o), as the single-file page (--html), or listed with each session's verdict (--json, or text) for scripts and
// agents. Everything is read and converted in memory; nothing leaves the machine.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <map>

#include "bundle/bundle_reader.h"
#include "commands.h"
#include "convert/convert_in_memory.h"
#include "core/byte_io.h"
#include "core/text.h"
#include "diagnosis/diagnosis.h"
#include "file_io.h"
#include "json_out.h"
#include "model/session_summary.h"
#include "recent_sessions.h"
#include "summary_json.h"
#include "thread_parallel_for.h"

namespace agentreel::cli {
namespace {

namespace fs = std::filesystem;

std::string utc_text(int64_t ns) {
  const std::time_t seconds = std::time_t(ns / 1'000'000'000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string lower(std::string text) {
  for (char& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Each session's files read into memory, stored under their path below the home folder (".claude/projects/...").
struct Loaded {
  std::vector<std::string> bytes;
  std::vector<InputBytes> inputs;
  std::map<std::string, const RecentSession*> session_of_path;  // stored path -> its session
};

Result<Loaded> load(const std::vector<RecentSession>& sessions, const std::string& home) {
  Loaded out;
  size_t count = 0;
  for (const RecentSession& s : sessions) count += s.files.size();
  out.bytes.reserve(count);
  for (const RecentSession& s : sessions) {
    for (const std::string& file : s.files) {
      std::error_code error;
      const uintmax_t size = fs::file_size(file, error);
      if (error) return Status(ErrorCode::io, file + ": " + error.message());
      auto bytes = read_file_head(file, size_t(size));
      if (!bytes.is_ok()) return bytes.status();
      out.bytes.push_back(bytes.take());
      std::string stored = fs::path(file).lexically_relative(home).generic_string();
      if (stored.empty() || stored.rfind("..", 0) == 0) stored = fs::path(file).filename().string();
      out.session_of_path[stored] = &s;
      out.inputs.push_back({stored, out.bytes.back(), true});
    }
  }
  return out;
}

}  // namespace

int run_pull(const Args& args) {
  std::string since = "24h", project, source, output, html, viewer;
  bool json = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if ((a == "--since" || a == "--project" || a == "--source" || a == "-o" || a == "--html") && i + 1 < args.size()) {
      (a == "--since"     ? since
       : a == "--project" ? project
       : a == "--source"  ? source
       : a == "-o"        ? output
                          : html) = args[++i];
    } else if (a == "--viewer" && i + 1 < args.size()) {
      viewer = args[++i];
    } else if (a == "--json") {
      json = true;
    } else {
      return usage("pull: unknown argument " + a);
    }
  }
  const int64_t window = parse_window(since);
  if (window < 0) return usage("pull: --since takes 15m, 1h, 6h, 24h, 7d (any number of s, m, h, d, w) or all");
  const char* home_env = std::getenv("HOME");
  const std::string home = home_env && *home_env ? home_env : ".";
  std::vector<LogLocation> locations;
  for (const LogLocation& l : harness_log_locations(home))
    if (source.empty() || l.source == source) locations.push_back(l);
  if (locations.empty()) return usage("pull: --source takes claude, codex, gemini or copilot, not " + source);
  const int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::vector<RecentSession> sessions;
  for (RecentSession& s : recent_sessions(locations, window == 0 ? 0 : now - window)) {
    if (!project.empty() && lower(s.project).find(lower(project)) == std::string::npos) continue;
    sessions.push_back(std::move(s));
  }
  if (sessions.empty()) {
    std::string where;
    for (const LogLocation& l : locations) where += "\n  " + l.source + ": " + l.path;
    if (json) {
      std::printf("{\"sessions\":[]}\n");
    } else {
      std::fprintf(stderr, "agentreel: no session written to in the last %s%s; looked in:%s\n", since.c_str(),
                   project.empty() ? "" : (" in a project matching \"" + project + "\"").c_str(), where.c_str());
    }
    return output.empty() && html.empty() ? 0 : 1;
  }
  auto loaded = load(sessions, home);
  if (!loaded.is_ok()) return fail(loaded.status().message());
  ConvertOptions options;
  options.writer.producer = "agentreel pull";
  auto bundle_bytes = convert_to_bundle_bytes(loaded.value().inputs, options);
  if (!bundle_bytes.is_ok()) return fail(bundle_bytes.status().message());
  if (!output.empty() || !html.empty()) {
    const std::string bundle_path = !output.empty() ? output : html + ".reel.tmp";
    auto sink = AtomicFileSink::create(bundle_path);
    if (!sink.is_ok()) return fail(sink.status().message());
    const std::vector<uint8_t>& bytes = bundle_bytes.value();
    if (Status s = sink.value()->write(bytes.data(), bytes.size()); !s.is_ok()) return fail(s.message());
    if (Status s = sink.value()->commit(); !s.is_ok()) return fail(s.message());
    std::fprintf(stderr, "agentreel: %zu session file(s) of %zu session(s) -> %s\n", loaded.value().inputs.size(),
                 sessions.size(), bundle_path.c_str());
    if (html.empty()) return 0;
    Args html_args = {bundle_path, "-o", html};
    if (!viewer.empty()) html_args.insert(html_args.end(), {"--viewer", viewer});
    const int status = run_html(html_args);
    std::error_code ignored;
    if (output.empty()) fs::remove(bundle_path, ignored);
    return status;
  }
  auto opened = Bundle::open(std::make_unique<OwnedMemorySource>(bundle_bytes.take()), native::thread_parallel_for());
  if (!opened.is_ok()) return fail(opened.status().message());
  const Bundle& bundle = *opened.value();
  const Trace& trace = bundle.trace();
  bundle.set_block_cache_limit(24);
  const RecordReader payload = [&bundle](RecordRef ref) {
    auto record = bundle.read_record(ref);
    return record.is_ok() ? record.take() : std::string();
  };
  // The most recently written first, as the files were found.
  const auto recent_of = [&](uint32_t s) -> const RecentSession* {
    const Session& session = trace.sessions[s];
    if (session.input >= trace.inputs.size()) return nullptr;
    auto found = loaded.value().session_of_path.find(trace.inputs[session.input].path);
    return found == loaded.value().session_of_path.end() ? nullptr : found->second;
  };
  std::vector<uint32_t> order(trace.sessions.size());
  for (uint32_t s = 0; s < order.size(); ++s) order[s] = s;
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const int64_t ma = recent_of(a) ? recent_of(a)->modified : 0, mb = recent_of(b) ? recent_of(b)->modified : 0;
    return ma != mb ? ma > mb : trace.sessions[a].start_ns > trace.sessions[b].start_ns;
  });
  JsonOut out;
  out.begin_object().key("sessions").begin_array();
  for (const uint32_t s : order) {
    const Session& session = trace.sessions[s];
    const RecentSession* recent = recent_of(s);
    const SessionSummary summary = summarize_session(trace, payload, s);
    const diagnosis::SessionDiagnosis diagnosis = diagnosis::diagnose_session(trace, s, payload);
    const int64_t end_ns = session.end_ns;
    if (json) {
      out.begin_object();
      out.key("id").value(trace.strings.get(session.id));
      out.key("source").value(recent ? recent->source : std::string());
      out.key("project").value(!summary.project.empty() ? summary.project : recent ? recent->project : std::string());
      out.key("title").value(summary.title);
      out.key("start").value(utc_text(session.start_ns));
      out.key("end").value(utc_text(end_ns));
      out.key("last_written").value(recent ? utc_text(recent->modified * 1'000'000'000) : std::string());
      out.key("duration_s").value(double(session.end_ns - session.start_ns) / 1e9);
      out.key("spans").value(session.span_count);
      out.key("tool_calls").value(summary.tool_calls);
      out.key("errors").value(summary.errors);
      write_tokens_and_cost(out, summary);
      out.key("verdict").value(diagnosis.verdict);
      out.key("files").begin_array();
      if (recent)
        for (const std::string& f : recent->files) out.value(f);
      out.end_array();
      out.end_object();
    } else {
      std::printf("%s  %-7s %s  %s, %s: %s\n", utc_text(session.start_ns).c_str(), recent ? recent->source.c_str() : "",
                  std::string(trace.strings.get(session.id)).c_str(),
                  summary.title.empty() ? "(no title)" : std::string(utf8_prefix(summary.title, 60)).c_str(),
                  count_text(session.span_count, "span").c_str(), diagnosis.verdict.c_str());
    }
  }
  out.end_array().end_object();
  if (json) std::printf("%s\n", out.str().c_str());
  return 0;
}

}  // namespace agentreel::cli
