// Where each harness keeps its logs on this machine, and the sessions active there lately: what `agentreel pull`
// bundles and what a bare `agentreel-viewer` opens. Each session is its files as the harness lays them out (a Claude
// Code transcript with its subagents' files), dated by the last write to any of them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace agentreel::cli {

struct LogLocation {
  std::string source;  // "claude", "codex", "gemini", "copilot"
  std::string path;    // the folder its sessions are in (it may not exist)
};

// The harnesses' log folders under `home`, honouring their variables: Claude Code $CLAUDE_CONFIG_DIR/projects
// (~/.claude/projects), Codex $CODEX_HOME/sessions (~/.codex/sessions), Gemini CLI ~/.gemini/tmp, Copilot CLI
// ~/.copilot/session-state and ~/.copilot/history-session-state.
std::vector<LogLocation> harness_log_locations(const std::string& home);

struct RecentSession {
  std::string source;              // as LogLocation::source
  std::string project;             // the folder it belongs to: Claude Code's project, Gemini's project hash, ...
  std::vector<std::string> files;  // the session's files: the transcript first, then its companions
  int64_t modified = 0;            // seconds since the epoch: the newest write to any of them
};

// The sessions in `locations` written to at or after `since` (seconds since the epoch; 0: all), newest first.
std::vector<RecentSession> recent_sessions(const std::vector<LogLocation>& locations, int64_t since);

// "15m", "1h", "6h", "24h", "7d", "90s", "2w" as seconds; "all" as 0; -1 when it is none of these.
int64_t parse_window(const std::string& text);

}  // namespace agentreel::cli
