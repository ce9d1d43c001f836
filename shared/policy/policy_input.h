// Everything a built-in policy reads about one hook call, extracted once per call from the stdin payload (the
// fields failproofai's PolicyContext carries) plus the replay state a live hook would have read from its
// environment. Policies only read it; policy_engine.cpp builds it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "policy/js_regex.h"
#include "policy/json_value.h"
#include "policy/repeated_calls.h"
#include "policy/replay_environment.h"

namespace agentreel::policy {

// tool_input.command (CMD) or tool_input.file_path (FP): `(toolInput?.command as string) ?? ""`.
struct TextArgument {
  // The value as JavaScript's String() would give it to a regex (absent or null: ""), lone surrogates replaced
  // by U+FFFD: what the regexes see.
  std::string_view text;
  std::string_view original;  // the same before the surrogate replacement: what reasons quote
  // Present with a type other than string. Regex tests coerce such a value, but failproofai's string methods
  // (trim, split, ...) throw on it, so a policy that calls one reports VerdictKind::failed.
  bool wrong_type = false;
  bool truthy = false;  // JavaScript truthiness of the raw value
  BytePresence bytes;   // of `text`, for JsRegex::test
};

// Buffers one evaluation at a time reuses (kept in SessionState, so a stream of calls does not allocate them anew).
struct EvaluationScratch {
  std::string stringified_payload;
  std::string fingerprint;
};

struct PolicyInput {
  std::string_view event_name;             // canonical PascalCase event, e.g. "PreToolUse"
  const JsonValue* payload = nullptr;      // the whole parsed stdin object ({} when it was discarded)
  const std::string* tool_name = nullptr;  // tool_name when it is a non-empty string
  const JsonValue* tool_input = nullptr;   // tool_input, any type, or nullptr when absent
  TextArgument command;
  TextArgument file_path;
  std::string_view cwd;              // payload cwd when it is a non-empty string (session.cwd)
  std::string_view transcript_path;  // payload transcript_path when it is a non-empty string
  const ReplayEnvironment* environment = nullptr;
  // `git rev-parse --abbrev-ref HEAD` in cwd at hook time: nullopt when the replay does not know it; "" when git
  // failed (not a repository), which failproofai treats as "no branch".
  std::optional<std::string_view> git_branch;
  const CommandOracle* commands = nullptr;              // for the Stop policies; nullptr: nothing recorded
  const RepeatedCallCounter* repeated_calls = nullptr;  // warn-repeated-tool-calls' sidecar counts

  bool is_tool(std::string_view name) const { return tool_name != nullptr && *tool_name == name; }
  EvaluationScratch* scratch = nullptr;  // required

  // JSON.stringify(payload), computed on first use and shared by the five sanitizers.
  std::string_view stringified_payload() const;
  // find_secret_literals_in(*payload): the sanitizer fragments the stringified payload holds; computed on first use
  // without stringifying.
  uint32_t secret_literals() const;
  // warn-repeated-tool-calls' fingerprint JSON.stringify({tool, input}), or nullopt when failproofai does not
  // count this call (no transcript_path, no tool name, or a falsy tool_input). Computed on first use.
  std::optional<std::string_view> repeated_call_fingerprint() const;
  // Its hash for RepeatedCallCounter (valid when repeated_call_fingerprint() has a value).
  const RepeatedCallCounter::Key& repeated_call_key() const { return fingerprint_key_; }

  mutable bool stringified_ready_ = false;
  mutable bool secret_literals_ready_ = false;
  mutable uint32_t secret_literals_ = 0;
  mutable int fingerprint_state_ = 0;  // 0 not computed, 1 none, 2 in scratch->fingerprint
  mutable RepeatedCallCounter::Key fingerprint_key_;
};

}  // namespace agentreel::policy
