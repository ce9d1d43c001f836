#include "recent_sessions.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>

namespace agentreel::cli {
namespace {

namespace fs = std::filesystem;

int64_t modified_seconds(const fs::path& path) {
  std::error_code error;
  const auto written = fs::last_write_time(path, error);
  if (error) return 0;
  const auto system = std::chrono::file_clock::to_sys(written);
  return std::chrono::duration_cast<std::chrono::seconds>(system.time_since_epoch()).count();
}

bool has_extension(const fs::path& path, std::initializer_list<const char*> extensions) {
  const std::string ext = path.extension().string();
  return std::any_of(extensions.begin(), extensions.end(), [&](const char* e) { return ext == e; });
}

bool hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

// Regular files under `dir` (not hidden), sorted.
std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> out;
  std::error_code error;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, error), end;
       !error && it != end; it.increment(error)) {
    if (hidden(it->path())) {
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(error)) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

RecentSession session_of(std::string source, std::string project, std::vector<fs::path> files) {
  RecentSession s;
  s.source = std::move(source);
  s.project = std::move(project);
  for (const fs::path& f : files) {
    s.files.push_back(f.string());
    s.modified = std::max(s.modified, modified_seconds(f));
  }
  return s;
}

// Claude Code: <project>/<session>.jsonl, its subagents in <project>/<session>/subagents/*.jsonl.
void claude_sessions(const fs::path& projects, std::vector<RecentSession>& out) {
  std::error_code error;
  for (const fs::directory_entry& project : fs::directory_iterator(projects, error)) {
    if (!project.is_directory(error) || hidden(project.path())) continue;
    for (const fs::directory_entry& entry : fs::directory_iterator(project.path(), error)) {
      if (!entry.is_regular_file(error) || !has_extension(entry.path(), {".jsonl"}) || hidden(entry.path())) continue;
      std::vector<fs::path> files = {entry.path()};
      const fs::path companions = project.path() / entry.path().stem();
      if (fs::is_directory(companions, error)) {
        for (const fs::path& f : files_under(companions))
          if (has_extension(f, {".jsonl"})) files.push_back(f);
      }
      out.push_back(session_of("claude", project.path().filename().string(), std::move(files)));
    }
  }
}

// One session per log file: Codex's rollout-*.jsonl, Copilot's events.jsonl / <id>.jsonl / history *.json, Gemini's
// chats/session-*.json(l) (a subagent's chats/<session id>/<agent>.jsonl joins its parent's session).
void file_sessions(const std::string& source, const fs::path& root, std::vector<RecentSession>& out) {
  std::map<std::string, size_t> gemini_parent;  // session id -> index in out
  for (const fs::path& f : files_under(root)) {
    const std::string name = f.filename().string();
    const fs::path relative = f.lexically_relative(root);
    std::string project = relative.begin() != relative.end() ? relative.begin()->string() : std::string();
    if (source == "codex") {
      if (name.rfind("rollout-", 0) == 0 && has_extension(f, {".jsonl"})) out.push_back(session_of(source, "", {f}));
    } else if (source == "copilot") {
      if (has_extension(f, {".jsonl", ".json"}) && name != "config.json") out.push_back(session_of(source, "", {f}));
    } else if (source == "gemini") {
      if (f.parent_path().filename() == "chats" && name.rfind("session-", 0) == 0 &&
          has_extension(f, {".json", ".jsonl"})) {
        out.push_back(session_of(source, project, {f}));
      } else if (f.parent_path().parent_path().filename() == "chats" && has_extension(f, {".jsonl"})) {
        // chats/<parent session id>/<agent id>.jsonl: joined to the parent below when it is found
        gemini_parent.emplace(f.string(), 0);
      }
    }
  }
  // Gemini subagents: attach to the parent session whose file name holds the folder's session id.
  for (const auto& [file, unused] : gemini_parent) {
    const std::string parent_id = fs::path(file).parent_path().filename().string();
    for (RecentSession& s : out) {
      if (s.source == "gemini" && fs::path(s.files[0]).parent_path() == fs::path(file).parent_path().parent_path() &&
          s.files[0].find(parent_id.substr(0, 8)) != std::string::npos) {
        s.files.push_back(file);
        s.modified = std::max(s.modified, modified_seconds(file));
        break;
      }
    }
  }
}

}  // namespace

std::vector<LogLocation> harness_log_locations(const std::string& home) {
  const fs::path h(home);
  auto env = [](const char* name) -> std::string {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : std::string();
  };
  const std::string claude = env("CLAUDE_CONFIG_DIR");
  const std::string codex = env("CODEX_HOME");
  return {
      {"claude", ((claude.empty() ? h / ".claude" : fs::path(claude)) / "projects").string()},
      {"codex", ((codex.empty() ? h / ".codex" : fs::path(codex)) / "sessions").string()},
      {"gemini", (h / ".gemini" / "tmp").string()},
      {"copilot", (h / ".copilot" / "session-state").string()},
      {"copilot", (h / ".copilot" / "history-session-state").string()},
  };
}

std::vector<RecentSession> recent_sessions(const std::vector<LogLocation>& locations, int64_t since) {
  std::vector<RecentSession> all;
  for (const LogLocation& location : locations) {
    std::error_code error;
    if (!fs::is_directory(location.path, error)) continue;
    if (location.source == "claude")
      claude_sessions(location.path, all);
    else
      file_sessions(location.source, location.path, all);
  }
  std::vector<RecentSession> out;
  for (RecentSession& s : all)
    if (s.modified >= since) out.push_back(std::move(s));
  std::stable_sort(out.begin(), out.end(),
                   [](const RecentSession& a, const RecentSession& b) { return a.modified > b.modified; });
  return out;
}

int64_t parse_window(const std::string& text) {
  if (text == "all") return 0;
  if (text.size() < 2) return -1;
  char* end = nullptr;
  const long long n = std::strtoll(text.c_str(), &end, 10);
  if (end == text.c_str() || n <= 0 || std::string(end).size() != 1) return -1;
  switch (*end) {
    case 's': return n;
    case 'm': return n * 60;
    case 'h': return n * 3600;
    case 'd': return n * 86400;
    case 'w': return n * 7 * 86400;
    default: return -1;
  }
}

}  // namespace agentreel::cli
