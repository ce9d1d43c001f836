// Reader for hook decision logs: each record becomes one `hook` span joined to the tool call it judged.
// No file I/O; the same chunked path as every reader (shared/readers/format_reader.h).
//
// Accepted inputs (one record per JSONL line, or one pretty-printed JSON document holding one record):
// - failproofai hook activity (~/.failproofai/hook-activity/*.jsonl, HookActivityEntry): "eventType",
//   "decision" (allow | deny | instruct), "timestamp" (epoch ms, stamped AFTER the evaluation, so the span
//   is [timestamp - durationMs, timestamp]), "durationMs", "sessionId", "toolName", "policyName(s)", "reason".
// - Claude Code hook payloads ("hook_event_name", "session_id", "tool_name", "tool_input", "tool_use_id"),
//   flat or wrapped as {"timestamp", "payload": {...}} / {"input": {"payload": {...}}} (failproofai's parity
//   fixtures), with the response beside it in "output" / "response" / "result" ({"decision", "reason",
//   "policyName(s)", "exitCode", "stdout" holding hookSpecificOutput.permissionDecision}) or flat
//   ("permissionDecision", "hookSpecificOutput"). Claude payloads carry no time of their own: a logger's
//   "timestamp" (RFC 3339 or epoch s/ms/us/ns, taken as the span's start) is used when present.
//
// Span: kind hook, name = the policy name(s) (else the event), status denied for deny/block, ok otherwise
// (instruct is ok, with attribute decision=instruct), error for a hook that exited non-zero (not 2).
// Attributes: decision, reason, policy, tool_name, trigger_event (the hook event), error.
// Session = the record's session id, so a transcript of the same session merges with it.
// Join: link_parent(tool_use_id) when the record has one, else link_parent_nearest(tool span named
// tool_name, at the hook's start, within 120 s); a denied hook thereby marks its tool call denied.
// Records without any timestamp get ordinal time (line number x 1e9, kFlagOrdinalTime) and are not joined:
// a joined child would drag its parent's start back to 1970 (see the report on a time-from-parent link).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "readers/format_reader.h"

namespace agentreel {

inline constexpr int64_t kHookJoinWindowNs = 120'000'000'000;  // max |hook start - tool start| of a time join

std::unique_ptr<FormatReader> make_hooks_reader(const ReaderContext& context);
// Why `head` (the first bytes of a file) is not a hook log, or empty if it looks like one.
std::string hooks_sniff(std::string_view head);

}  // namespace agentreel
