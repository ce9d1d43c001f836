// Policies #9-#12 and #20 (Dangerous Commands): block-sudo, block-curl-pipe-sh, block-rm-rf,
// block-failproofai-commands and block-secrets-write. Depends on builtin_policy.h, shell_text.h, js_coerce.h.
#include <utility>
#include <vector>

#include "policy/builtin_policy.h"
#include "policy/js_coerce.h"
#include "policy/js_text.h"
#include "policy/json_stringify.h"
#include "policy/shell_text.h"

namespace agentreel::policy {
namespace {

// allowPatterns.some((p) => matchesAllowedPattern(cmd, p)); nullopt when JavaScript would throw (not an array,
// or a non-string entry reached before a match).
std::optional<bool> allow_pattern_matches(const JsonValue& patterns, std::string_view command) {
  if (!patterns.is_array()) return std::nullopt;
  for (const JsonValue& pattern : patterns.items()) {
    if (!pattern.is_string()) return std::nullopt;
    if (matches_allow_pattern(command, pattern.as_string())) return true;
  }
  return false;
}

class BlockSudo final : public BuiltinPolicy {
 public:
  JsRegex sudo;
  JsRegex elevated_process;
  JsRegex runas;
  JsonValue allow_patterns;

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (!input.is_tool("Bash")) return PolicyVerdict::allow();
    PolicyVerdict verdict;
    if (text_argument_unusable(input.command, "command", verdict)) return verdict;  // cmd.trimStart()
    const std::string_view command = js_trim_start(input.command.text);
    // `command` is the trimmed CMD: the bytes of the whole one still bound what it holds.
    if (sudo.test(command, input.command.bytes) || command.substr(0, 5) == "sudo ") {
      const std::optional<bool> allowed = allow_pattern_matches(allow_patterns, command);
      if (!allowed) return PolicyVerdict::failed("params.allowPatterns is not an array of strings");
      if (*allowed) return PolicyVerdict::allow();
      return PolicyVerdict::deny("sudo commands are blocked");
    }
    if (elevated_process.test(command, input.command.bytes)) {
      return PolicyVerdict::deny("Elevated process launch is blocked");
    }
    if (runas.test(command, input.command.bytes)) return PolicyVerdict::deny("runas elevation is blocked");
    return PolicyVerdict::allow();
  }
};

// A policy whose checks are regexes over CMD in order, each with its own deny reason.
class CommandRegexDeny final : public BuiltinPolicy {
 public:
  std::vector<std::pair<JsRegex, std::string>> checks;

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (!input.is_tool("Bash")) return PolicyVerdict::allow();
    for (const auto& [regex, reason] : checks) {
      if (regex.test(input.command.text, input.command.bytes)) return PolicyVerdict::deny(reason);
    }
    return PolicyVerdict::allow();
  }
};

class BlockRmRf final : public BuiltinPolicy {
 public:
  JsRegex combined_rf;
  JsRegex combined_fr;
  JsRegex word_rm;
  JsRegex powershell_remove;
  JsRegex cmd_rmdir;
  JsonValue allow_paths;
  // Per allowPaths entry, the fallback regex `<escaped path>(?:[/"'\s/*]|$)`, compiled once (nullopt for an entry
  // that is not a string: failproofai throws when it reaches it).
  std::vector<std::optional<JsRegex>> allow_path_in_segment;

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (!input.is_tool("Bash")) return PolicyVerdict::allow();
    PolicyVerdict verdict;
    if (text_argument_unusable(input.command, "command", verdict)) return verdict;  // parseArgvTokens(cmd)
    const std::string_view command = input.command.text;
    // A destructive token is "/", "~" or "/name": none without a '/' or '~' in the command, the usual case.
    std::vector<std::string_view> tokens;
    bool destructive = false;
    if (command.find_first_of("/~") != std::string_view::npos) {
      tokens = argv_tokens(command);
      for (std::string_view token : tokens) destructive = destructive || is_destructive_path(token);
    }

    const BytePresence& bytes = input.command.bytes;
    if (destructive && (combined_rf.test(command, bytes) || combined_fr.test(command, bytes))) {
      return allow_or_deny(command);
    }
    if (destructive && word_rm.test(command, bytes)) {
      std::string short_flags;
      bool recursive_long = false, force_long = false;
      for (std::string_view token : tokens) {
        if (token.size() >= 2 && token[0] == '-' && token[1] != '-') short_flags += token;
        if (token.substr(0, 2) == "--") {
          recursive_long = recursive_long || ascii_lower(token) == "--recursive";
          force_long = force_long || ascii_lower(token) == "--force";
        }
      }
      const bool recursive = short_flags.find_first_of("rR") != std::string::npos || recursive_long;
      const bool force = short_flags.find('f') != std::string::npos || force_long;
      if (recursive && force) return allow_or_deny(command);
    }
    if (powershell_remove.test(command, bytes) || cmd_rmdir.test(command, bytes)) {
      return PolicyVerdict::deny("Catastrophic deletion blocked");
    }
    return PolicyVerdict::allow();
  }

 private:
  // token.replace(/\/\*$/, "").replace(/\/+$/, "") || (token.startsWith("/") ? "/" : "")
  static std::string_view normalize_target(std::string_view token, std::string_view if_empty) {
    std::string_view t = token;
    if (t.size() >= 2 && t.substr(t.size() - 2) == "/*") t.remove_suffix(2);
    while (!t.empty() && t.back() == '/') t.remove_suffix(1);
    return t.empty() ? if_empty : t;
  }

  static bool is_destructive_path(std::string_view token) {
    const std::string_view normalized = normalize_target(token, !token.empty() && token[0] == '/' ? "/" : "");
    if (normalized == "/" || normalized == "~") return true;
    // /^\/[A-Za-z_][\w.-]*$/: a depth-1 absolute path.
    if (normalized.size() < 2 || normalized[0] != '/') return false;
    const auto word = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
    if (!word(normalized[1])) return false;
    for (char c : normalized.substr(2)) {
      if (!(word(c) || (c >= '0' && c <= '9') || c == '.' || c == '-')) return false;
    }
    return true;
  }

  PolicyVerdict allow_or_deny(std::string_view command) const {
    const std::optional<bool> allowed = targets_allowed(command);
    if (!allowed) return PolicyVerdict::failed("params.allowPaths is not an array of strings");
    return *allowed ? PolicyVerdict::allow() : PolicyVerdict::deny("Catastrophic deletion blocked");
  }

  // RMALLOWED: every target of every recursive rm segment lies under an allow path. nullopt where failproofai
  // throws: allowPaths used as an array when it is not one, or an entry that is not a string.
  std::optional<bool> targets_allowed(std::string_view command) const {
    // `allowPaths.length === 0`: an empty array or an empty string; other non-arrays go on (and throw later).
    if ((allow_paths.is_array() && allow_paths.items().empty()) ||
        (allow_paths.is_string() && allow_paths.as_string().empty())) {
      return false;
    }
    std::vector<std::string_view> segments;
    for (std::string_view segment : split_shell_segments(command, true)) {
      if (word_rm.test(segment)) segments.push_back(segment);
    }
    if (segments.empty()) return false;
    for (std::string_view segment : segments) {
      const std::vector<std::string_view> tokens = argv_tokens(segment);
      size_t rm_index = 0;
      while (rm_index < tokens.size() && tokens[rm_index] != "rm") ++rm_index;
      if (rm_index == tokens.size()) continue;
      std::string flags;
      bool recursive_long = false;
      for (size_t i = rm_index + 1; i < tokens.size(); ++i) {
        if (tokens[i].size() >= 2 && tokens[i][0] == '-' && tokens[i][1] != '-') flags += tokens[i];
        if (tokens[i].substr(0, 2) == "--" && ascii_lower(tokens[i]) == "--recursive") recursive_long = true;
      }
      if (flags.find_first_of("rR") == std::string::npos && !recursive_long) continue;
      for (size_t i = rm_index + 1; i < tokens.size(); ++i) {
        if (!tokens[i].empty() && tokens[i][0] == '-') continue;
        if (!allow_paths.is_array()) return std::nullopt;
        const std::string_view target = normalize_target(tokens[i], "/");
        bool covered = false;
        for (const JsonValue& entry : allow_paths.items()) {
          if (!entry.is_string()) return std::nullopt;
          std::string_view path = entry.as_string();
          while (!path.empty() && path.back() == '/') path.remove_suffix(1);
          if (path.empty()) path = "/";
          if (target == path ||
              (target.size() > path.size() && target.substr(0, path.size()) == path && target[path.size()] == '/')) {
            covered = true;
            break;
          }
        }
        // Quoted paths with spaces were split by TOK; look for an allow path in the raw segment instead.
        for (size_t k = 0; !covered && k < allow_path_in_segment.size(); ++k) {
          if (!allow_path_in_segment[k]) return std::nullopt;
          covered = allow_path_in_segment[k]->test(segment);
        }
        if (!covered) return false;
      }
    }
    return true;
  }
};

class BlockSecretsWrite final : public BuiltinPolicy {
 public:
  JsRegex secret_suffix;  // /\.(?:pem|key)$/
  JsonValue additional_patterns;

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    if (!input.is_tool("Write")) return PolicyVerdict::allow();
    const std::string_view path = input.file_path.text;
    if (secret_suffix.test(path) || path.find("id_rsa") != std::string_view::npos ||
        path.find("credentials") != std::string_view::npos) {
      return PolicyVerdict::deny("Writing secret key files is blocked");
    }
    const std::optional<std::vector<JsonValue>> patterns = js_iterate(additional_patterns);
    if (!patterns) return PolicyVerdict::failed("params.additionalPatterns is not iterable");
    for (const JsonValue& pattern : *patterns) {
      if (input.file_path.wrong_type) return PolicyVerdict::failed("tool_input.file_path is not a string");
      // filePath.includes(pattern) converts the pattern with String().
      const std::string text = js_to_string(pattern);
      if (path.find(text) != std::string_view::npos)
        return PolicyVerdict::deny("Writing blocked file pattern: " + text);
    }
    return PolicyVerdict::allow();
  }
};

}  // namespace

Result<std::unique_ptr<BuiltinPolicy>> make_dangerous_command_policy(PolicyId id, const PolicyParams& params) {
  RegexBuilder regex;
  std::unique_ptr<BuiltinPolicy> policy;
  switch (id) {
    case PolicyId::block_sudo: {
      auto p = std::make_unique<BlockSudo>();
      p->sudo = regex("(?:^|;|&&|\\|\\|)\\s*sudo\\s");
      p->elevated_process = regex("Start-Process\\s+.*-Verb\\s+RunAs", true);
      p->runas = regex("(?:^|;|&&|\\|\\|)\\s*runas\\s", true);
      p->allow_patterns = params.get("allowPatterns");
      policy = std::move(p);
      break;
    }
    case PolicyId::block_curl_pipe_sh: {
      auto p = std::make_unique<CommandRegexDeny>();
      p->checks.emplace_back(regex("(?:curl|wget)\\s.*\\|\\s*(?:sh|bash|zsh|dash|ksh|csh|tcsh|fish|ash)\\b"),
                             "Piping downloads to shell is blocked");
      p->checks.emplace_back(
          regex("(?:Invoke-WebRequest|iwr|Invoke-RestMethod|irm)\\s+.*\\|\\s*(?:Invoke-Expression|iex)", true),
          "Piping downloads to Invoke-Expression is blocked");
      policy = std::move(p);
      break;
    }
    case PolicyId::block_rm_rf: {
      auto p = std::make_unique<BlockRmRf>();
      p->combined_rf = regex("rm\\s+-[^\\s]*r[^\\s]*f[^\\s]*");
      p->combined_fr = regex("rm\\s+-[^\\s]*f[^\\s]*r[^\\s]*");
      p->word_rm = regex("\\brm\\b");
      p->powershell_remove = regex("Remove-Item\\s+.*-Recurse.*-Force.*(?:[A-Z]:\\\\(?:\\s|$)|\\\\\\*)", true);
      p->cmd_rmdir = regex("(?:rd|rmdir)\\s+\\/s\\s+\\/q\\s+[A-Z]:\\\\", true);
      p->allow_paths = params.get("allowPaths");
      if (p->allow_paths.is_array()) {
        for (const JsonValue& entry : p->allow_paths.items()) {
          std::optional<JsRegex> fallback;
          if (entry.is_string()) {
            auto compiled = JsRegex::compile(js_regex_escape(entry.as_string()) + "(?:[/\"'\\s/*]|$)");
            if (compiled.is_ok()) fallback = compiled.take();
          }
          p->allow_path_in_segment.push_back(std::move(fallback));
        }
      }
      policy = std::move(p);
      break;
    }
    case PolicyId::block_failproofai_commands: {
      auto p = std::make_unique<CommandRegexDeny>();
      p->checks.emplace_back(regex("(?:^|;|&&|\\|\\||\\|)\\s*failproofai(?:\\s|$)"),
                             "Running failproofai CLI commands is blocked");
      p->checks.emplace_back(regex("(?:npm\\s+(?:uninstall|remove|un|r)\\s.*failproofai|bun\\s+remove\\s.*failproofai|"
                                   "yarn\\s+global\\s+remove\\s+failproofai|pnpm\\s+(?:remove|uninstall|un)\\s.*"
                                   "failproofai)"),
                             "Uninstalling failproofai is blocked");
      policy = std::move(p);
      break;
    }
    case PolicyId::block_secrets_write: {
      auto p = std::make_unique<BlockSecretsWrite>();
      p->secret_suffix = regex("\\.(?:pem|key)$");
      p->additional_patterns = params.get("additionalPatterns");
      policy = std::move(p);
      break;
    }
    default: return Status(ErrorCode::invalid_argument, "not a dangerous-command policy");
  }
  if (!regex.status().is_ok()) return regex.status();
  return policy;
}

}  // namespace agentreel::policy
