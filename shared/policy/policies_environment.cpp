// Policies #6-#8 (Environment): protect-env-vars (Bash commands that read or print environment variables),
// block-env-files (.env files by file_path or in Bash commands) and block-read-outside-cwd (reads outside the
// project root, and agent settings files anywhere). Depends on builtin_policy.h, posix_path.h and js_coerce.h.
#include <utility>
#include <vector>

#include "policy/builtin_policy.h"
#include "policy/js_coerce.h"
#include "policy/js_text.h"
#include "policy/posix_path.h"

namespace agentreel::policy {
namespace {

class ProtectEnvVars final : public BuiltinPolicy {
 public:
  std::vector<std::pair<JsRegex, std::string>> checks;  // in order; the first match decides the reason

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (!input.is_tool("Bash")) return PolicyVerdict::allow();
    for (const auto& [regex, reason] : checks) {
      if (regex.test(input.command.text, input.command.bytes)) return PolicyVerdict::deny(reason);
    }
    return PolicyVerdict::allow();
  }
};

class BlockEnvFiles final : public BuiltinPolicy {
 public:
  JsRegex env_file_path;   // /(?:^|[\\/])\.env(?:\.|$)/
  JsRegex env_in_command;  // /\.env(?:\b|\s|$|\.)/

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    // `filePath && RE.test(filePath)`, then `ctx.toolName === "Bash" && RE.test(cmd)`: regex tests only.
    if (input.file_path.truthy && env_file_path.test(input.file_path.text)) {
      return PolicyVerdict::deny("Access to .env file blocked");
    }
    if (input.is_tool("Bash") && env_in_command.test(input.command.text, input.command.bytes)) {
      return PolicyVerdict::deny("Command references .env file");
    }
    return PolicyVerdict::allow();
  }
};

class BlockReadOutsideCwd final : public BuiltinPolicy {
 public:
  JsRegex read_like_command;
  JsRegex path_in_text;         // the absolute-path extractor (global regex)
  JsRegex regex_metacharacter;  // quoted text containing one of these is not scanned for paths
  std::vector<JsRegex> settings_files;
  JsonValue allow_paths;

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    // $CLAUDE_PROJECT_DIR || session.cwd
    const std::string_view root =
        !input.environment->project_dir.empty() ? std::string_view(input.environment->project_dir) : input.cwd;
    if (root.empty()) return PolicyVerdict::allow();
    if (input.is_tool("Bash")) return evaluate_bash(input, root);

    // Read / Glob / Grep: `filePath || searchPath`, then path.resolve(cwd, target), which throws on a
    // non-string.
    std::string target;
    if (input.file_path.truthy) {
      if (input.file_path.wrong_type) return PolicyVerdict::failed("tool_input.file_path is not a string");
      target = input.file_path.original;
    } else if (const JsonValue* path = input.tool_input != nullptr ? input.tool_input->find("path") : nullptr;
               path != nullptr && path->truthy()) {
      if (!path->is_string()) return PolicyVerdict::failed("tool_input.path is not a string");
      target = path->as_string();
    }
    if (target.empty()) return PolicyVerdict::allow();
    const std::string resolved = resolve_path(root, target);
    if (is_settings_file(resolved)) return PolicyVerdict::deny("Reading agent settings file blocked: " + resolved);
    if (is_agent_internal(resolved, input.environment->home)) return PolicyVerdict::allow();
    if (resolved == "/dev/null") return PolicyVerdict::allow();
    if (!inside_root(resolved, root)) {
      bool allowed = false;
      if (auto failure = under_allow_path(resolved, allowed)) return *failure;
      if (allowed) return PolicyVerdict::allow();
      return PolicyVerdict::deny("Access outside project directory blocked: " + resolved);
    }
    return PolicyVerdict::allow();
  }

 private:
  PolicyVerdict evaluate_bash(const PolicyInput& input, std::string_view root) const {
    const std::string_view command = input.command.text;
    if (!read_like_command.test(command, input.command.bytes)) return PolicyVerdict::allow();
    PolicyVerdict verdict;
    if (text_argument_unusable(input.command, "command", verdict)) return verdict;
    for (const std::string& path : extract_paths(command, input.environment->home)) {
      const std::string resolved = resolve_path(root, path);
      if (is_settings_file(resolved)) return PolicyVerdict::deny("Reading agent settings file blocked: " + resolved);
      if (is_agent_internal(resolved, input.environment->home)) continue;
      if (resolved == "/dev/null") continue;
      if (!inside_root(resolved, root)) {
        bool allowed = false;
        if (auto failure = under_allow_path(resolved, allowed)) return *failure;
        if (allowed) continue;
        return PolicyVerdict::deny("Bash read outside project directory blocked: " + resolved);
      }
    }
    return PolicyVerdict::allow();
  }

  // The paths failproofai's extractAbsolutePaths finds: first inside quoted strings of the first pipeline
  // segment (unless they hold glob or regex metacharacters), then in the whole command with every quoted string
  // blanked out.
  std::vector<std::string> extract_paths(std::string_view command, const std::string& home) const {
    std::vector<std::string> paths;
    const auto add_paths = [&](std::string_view text) {
      RegexMatch match;
      for (size_t at = 0; at <= text.size() && path_in_text.exec(text, at, match);) {
        std::string path(match.group(text, 0));
        if (path == "~") {
          path = home;
        } else if (path.size() >= 2 && path[0] == '~' && path[1] == '/') {
          path = join_path(home, path.substr(2));
        }
        paths.push_back(std::move(path));
        // A global regex advances past an empty match by one character; this one never matches empty.
        at = match.end > match.begin ? match.end : match.end + 1;
      }
    };
    // The first bare '|' (quotes toggled without escapes).
    size_t first_bare_pipe = command.size();
    bool in_double = false, in_single = false;
    for (size_t i = 0; i < command.size(); ++i) {
      const char c = command[i];
      if (c == '"' && !in_single) {
        in_double = !in_double;
      } else if (c == '\'' && !in_double) {
        in_single = !in_single;
      } else if (c == '|' && !in_double && !in_single) {
        first_bare_pipe = i;
        break;
      }
    }
    // /"([^"]*)"|'([^']*)'/g over the first segment.
    const std::string_view first_segment = command.substr(0, first_bare_pipe);
    for (size_t i = 0; i < first_segment.size(); ++i) {
      const char quote = first_segment[i];
      if (quote != '"' && quote != '\'') continue;
      const size_t close = first_segment.find(quote, i + 1);
      if (close == std::string_view::npos) continue;  // this quote opens nothing; the scan goes on after it
      const std::string_view content = first_segment.substr(i + 1, close - i - 1);
      if (!regex_metacharacter.test(content)) add_paths(content);
      i = close;
    }
    // command.replace(/"[^"]*"/g, spaces).replace(/'[^']*'/g, spaces): double-quoted strings first, then single.
    std::string stripped(command);
    for (char quote : {'"', '\''}) {
      for (size_t i = 0; i < stripped.size(); ++i) {
        if (stripped[i] != quote) continue;
        const size_t close = stripped.find(quote, i + 1);
        if (close == std::string::npos) break;
        for (size_t j = i; j <= close; ++j) stripped[j] = ' ';
        i = close;
      }
    }
    add_paths(stripped);
    return paths;
  }

  bool is_settings_file(const std::string& resolved) const {
    for (const JsRegex& regex : settings_files) {
      if (regex.test(resolved)) return true;
    }
    return false;
  }

  // Under HOME/.claude, .codex, .copilot, .cursor, .opencode, .pi, .gemini, .config/opencode or
  // .local/share/opencode (each path.join(homedir(), dir), compared with '/' for '\\').
  static bool is_agent_internal(const std::string& resolved, const std::string& home) {
    std::string normalized;
    std::string_view path = resolved;
    if (resolved.find('\\') != std::string::npos) {
      normalized = resolved;
      for (char& c : normalized) {
        if (c == '\\') c = '/';
      }
      path = normalized;
    }
    // join(home, dir) is normalize(home + "/" + dir); the directories are plain names, so it is home's normal form
    // followed by "/" + dir. A relative home joins to relative paths, which an absolute path never equals.
    std::string home_prefix = join_path(home, "");
    if (home_prefix.empty() || home_prefix[0] != '/') return false;
    if (home_prefix.back() != '/') home_prefix.push_back('/');
    if (path.size() <= home_prefix.size() || path.compare(0, home_prefix.size(), home_prefix) != 0) return false;
    const std::string_view rest = path.substr(home_prefix.size());
    for (std::string_view directory : {".claude", ".codex", ".copilot", ".cursor", ".opencode", ".pi", ".gemini",
                                       ".config/opencode", ".local/share/opencode"}) {
      if (rest.compare(0, directory.size(), directory) != 0) continue;
      if (rest.size() == directory.size() || rest[directory.size()] == '/') return true;
    }
    return false;
  }

  static bool inside_root(const std::string& resolved, std::string_view root) {
    if (resolved == root) return true;
    std::string with_separator(root);
    if (with_separator.empty() || with_separator.back() != '/') with_separator.push_back('/');
    return resolved.compare(0, with_separator.size(), with_separator) == 0;
  }

  // allowPaths.some((ap) => resolved === ap || resolved.startsWith(ap.endsWith("/") ? ap : ap + "/")).
  std::optional<PolicyVerdict> under_allow_path(const std::string& resolved, bool& allowed) const {
    if (!allow_paths.is_array()) return PolicyVerdict::failed("params.allowPaths is not an array");
    for (const JsonValue& entry : allow_paths.items()) {
      if (!entry.is_string()) return PolicyVerdict::failed("params.allowPaths holds a non-string");
      const std::string& path = entry.as_string();
      std::string prefix = path;
      if (prefix.empty() || prefix.back() != '/') prefix.push_back('/');
      if (resolved == path || resolved.compare(0, prefix.size(), prefix) == 0) {
        allowed = true;
        return std::nullopt;
      }
    }
    return std::nullopt;
  }
};

}  // namespace

Result<std::unique_ptr<BuiltinPolicy>> make_environment_policy(PolicyId id, const PolicyParams& params) {
  RegexBuilder regex;
  std::unique_ptr<BuiltinPolicy> policy;
  switch (id) {
    case PolicyId::protect_env_vars: {
      auto p = std::make_unique<ProtectEnvVars>();
      const std::pair<std::pair<std::string_view, bool>, std::string_view> kChecks[] = {
          {{"(?:^|\\s|;|&&|\\|\\|)(?:env|printenv)(?:\\s|$|;|&&|\\|)", false}, "Command reads environment variables"},
          {{"echo\\s+.*\\$\\{?[A-Za-z_]", false}, "Command echoes environment variable"},
          {{"(?:^|\\s|;|&&|\\|\\|)export\\s+\\w+", false}, "Command exports environment variable"},
          {{"\\$env:[A-Za-z_]", true}, "Command reads environment variable via PowerShell"},
          {{"(?:Get-ChildItem|dir|gci|ls)\\s+Env:", true}, "Command reads environment variables via PowerShell"},
          {{"\\[Environment\\]::GetEnvironment", true}, "Command reads environment variable via .NET"},
          {{"echo\\s+%[A-Za-z_]", true}, "Command echoes environment variable via cmd"},
      };
      for (const auto& [pattern, reason] : kChecks) {
        p->checks.emplace_back(regex(pattern.first, pattern.second), std::string(reason));
      }
      policy = std::move(p);
      break;
    }
    case PolicyId::block_env_files: {
      auto p = std::make_unique<BlockEnvFiles>();
      p->env_file_path = regex("(?:^|[\\\\/])\\.env(?:\\.|$)");
      p->env_in_command = regex("\\.env(?:\\b|\\s|$|\\.)");
      policy = std::move(p);
      break;
    }
    case PolicyId::block_read_outside_cwd: {
      auto p = std::make_unique<BlockReadOutsideCwd>();
      p->read_like_command =
          regex("(?:^|;|&&|\\|\\||\\|)\\s*(?:ls|find|cat|head|tail|less|more|wc|file|stat|tree|du)\\s");
      p->path_in_text = regex(
          "(?<![a-zA-Z0-9_.\\-~\\\\*?:=])(?:~\\/[^\\s;|&\"'()\\[\\]{}]*|~(?=\\s|$|[;|&\"'()\\[\\]{}])|"
          "\\/[^\\s;|&\"'()\\[\\]{}]*)");
      p->regex_metacharacter = regex("[*?\\[\\]^$+()\\\\]");
      for (std::string_view source : {
               "[\\\\/]\\.claude[\\\\/]settings(?:\\.[^/\\\\]+)?\\.json$",
               "[\\\\/]\\.codex[\\\\/]hooks\\.json$",
               "[\\\\/]\\.copilot[\\\\/]hooks[\\\\/][^/\\\\]+\\.json$",
               "[\\\\/]\\.github[\\\\/]hooks[\\\\/][^/\\\\]+\\.json$",
               "[\\\\/]\\.cursor[\\\\/]hooks\\.json$",
               "[\\\\/]\\.opencode[\\\\/]opencode\\.jsonc?$",
               "[\\\\/]\\.opencode[\\\\/]plugins[\\\\/][^/\\\\]+\\.(?:mjs|js|ts)$",
               "[\\\\/]\\.config[\\\\/]opencode[\\\\/]opencode\\.jsonc?$",
               "[\\\\/]\\.config[\\\\/]opencode[\\\\/]config\\.json$",
               "[\\\\/]\\.config[\\\\/]opencode[\\\\/]plugins[\\\\/][^/\\\\]+\\.(?:mjs|js|ts)$",
               "[\\\\/]\\.pi[\\\\/](?:agent[\\\\/])?settings\\.json$",
               "[\\\\/]\\.pi[\\\\/](?:agent[\\\\/])?extensions[\\\\/]",
               "[\\\\/]\\.gemini[\\\\/]settings\\.json$",
               "[\\\\/]\\.gemini[\\\\/]hooks[\\\\/]",
           }) {
        p->settings_files.push_back(regex(source));
      }
      p->allow_paths = params.get("allowPaths");
      policy = std::move(p);
      break;
    }
    default: return Status(ErrorCode::invalid_argument, "not an environment policy");
  }
  if (!regex.status().is_ok()) return regex.status();
  return policy;
}

}  // namespace agentreel::policy
