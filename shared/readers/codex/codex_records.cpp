// Single-record rules of the Codex rollout reader (see codex_records.h).
#include "readers/codex/codex_records.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>

#include "core/text.h"

namespace agentreel::codex {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

constexpr size_t kTextBytes = 512;

int64_t int_field(object record, std::string_view key) {
  int64_t value = 0;
  if (!record[key].get_int64().get(value)) return value;
  uint64_t unsigned_value = 0;
  if (!record[key].get_uint64().get(unsigned_value)) return int64_t(std::min<uint64_t>(unsigned_value, INT64_MAX));
  double real = 0;
  if (!record[key].get_double().get(real) && real >= 0 && real < 9.2e18) return int64_t(real);
  return 0;
}

TokenUsage usage_of(object fields) {
  TokenUsage usage;
  usage.input = int_field(fields, "input_tokens");
  usage.cached_input = int_field(fields, "cached_input_tokens");
  usage.output = int_field(fields, "output_tokens");
  usage.reasoning_output = int_field(fields, "reasoning_output_tokens");
  usage.total = int_field(fields, "total_tokens");
  return usage;
}

// The integer after `prefix` at the start of `line` ("Exit code: 2" -> 2), if any.
std::optional<int64_t> number_after(std::string_view line, std::string_view prefix) {
  if (!line.starts_with(prefix)) return std::nullopt;
  line.remove_prefix(prefix.size());
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  bool negative = false;
  if (!line.empty() && line.front() == '-') {
    negative = true;
    line.remove_prefix(1);
  }
  if (line.empty() || !std::isdigit(static_cast<unsigned char>(line.front()))) return std::nullopt;
  int64_t value = 0;
  for (size_t i = 0; i < line.size() && i < 12 && std::isdigit(static_cast<unsigned char>(line[i])); ++i) {
    value = value * 10 + (line[i] - '0');
  }
  return negative ? -value : value;
}

ToolOutcome failed(std::string text) { return {SpanStatus::error, std::move(text)}; }

}  // namespace

ToolOutcome classify_output(std::string_view output, simdjson::dom::parser& parser) {
  const size_t start = output.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  output.remove_prefix(start);

  // The shell's JSON wrapper: {"output": "...", "metadata": {"exit_code": N, "duration_seconds": S}}.
  if (output.front() == '{') {
    element root;
    object fields, metadata;
    if (!parser.parse(output.data(), output.size()).get(root) && !root.get_object().get(fields)) {
      if (!fields["metadata"].get_object().get(metadata)) {
        int64_t code = 0;
        if (!metadata["exit_code"].get_int64().get(code) && code != 0) {
          std::string_view text;
          if (fields["output"].get_string().get(text)) text = {};
          return failed("exit code " + std::to_string(code) +
                        (text.empty() ? std::string() : ": " + std::string(first_line(text, kTextBytes))));
        }
        return {};
      }
      bool success = true;
      if (!fields["success"].get_bool().get(success) && !success) return failed("the call reported success: false");
    }
  }

  // Plain text: the first lines carry the exit status in the newer shells' headers.
  std::string_view rest = output;
  for (int line_index = 0; line_index < 4 && !rest.empty(); ++line_index) {
    const size_t newline = rest.find('\n');
    std::string_view line = rest.substr(0, newline);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    for (std::string_view prefix : {"Exit code:", "Process exited with code"}) {
      if (auto code = number_after(line, prefix); code && *code != 0) {
        return failed("exit code " + std::to_string(*code));
      }
    }
    rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
  }

  const std::string_view head = first_line(output, kTextBytes);
  if (head.find("rejected by user") != std::string_view::npos) return {SpanStatus::denied, std::string(head)};
  if (head == "aborted" || head.starts_with("aborted by user")) return {SpanStatus::cancelled, std::string(head)};
  for (std::string_view prefix : {"failed to parse function arguments", "unsupported call", "patch rejected",
                                  "apply_patch verification failed", "execution error", "error:", "Script failed"}) {
    if (head.starts_with(prefix)) return failed(std::string(head));
  }
  return {};
}

std::optional<TokenUsage> TokenCounter::call_usage(object event) {
  object info;
  if (event["info"].get_object().get(info)) {
    // Before the info wrapper, the event was the call's own TokenUsage (and `info: null` reports none).
    if (event["input_tokens"].error() && event["output_tokens"].error()) return std::nullopt;
    TokenUsage usage = usage_of(event);
    return usage.is_zero() ? std::nullopt : std::optional<TokenUsage>(usage);
  }
  object total_fields, last_fields;
  const bool has_last = !info["last_token_usage"].get_object().get(last_fields);
  if (info["total_token_usage"].get_object().get(total_fields)) {
    if (!has_last) return std::nullopt;
    TokenUsage last = usage_of(last_fields);
    return last.is_zero() ? std::nullopt : std::optional<TokenUsage>(last);
  }
  const TokenUsage total = usage_of(total_fields);
  TokenUsage call;
  if (has_total_ && total.input >= total_.input && total.cached_input >= total_.cached_input &&
      total.output >= total_.output && total.reasoning_output >= total_.reasoning_output) {
    call.input = total.input - total_.input;
    call.cached_input = total.cached_input - total_.cached_input;
    call.output = total.output - total_.output;
    call.reasoning_output = total.reasoning_output - total_.reasoning_output;
    call.total = std::max<int64_t>(0, total.total - total_.total);
  } else if (has_total_ && has_last) {
    call = usage_of(last_fields);  // the total went down: counting started afresh
  } else {
    call = total;  // the first event: the total so far is this call's
  }
  total_ = total;
  has_total_ = true;
  return call.is_zero() ? std::nullopt : std::optional<TokenUsage>(call);
}

int argv_script_index(simdjson::dom::array argv) {
  if (argv.size() != 3) return -1;
  std::string_view shell, flag, script;
  if (argv.at(0).get_string().get(shell) || argv.at(1).get_string().get(flag) || argv.at(2).get_string().get(script)) {
    return -1;
  }
  const size_t slash = shell.find_last_of("/\\");
  if (slash != std::string_view::npos) shell.remove_prefix(slash + 1);
  bool is_shell = false;
  for (std::string_view name : {"bash", "sh", "zsh", "dash", "ksh", "fish", "bash.exe", "sh.exe"}) {
    is_shell = is_shell || shell == name;
  }
  bool runs_script = false;
  for (std::string_view option : {"-c", "-lc", "-ic", "-lic", "-cl"}) runs_script = runs_script || flag == option;
  return is_shell && runs_script ? 2 : -1;
}

bool is_injected_context(std::string_view text) {
  const size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return true;
  text.remove_prefix(start);
  for (std::string_view prefix : {"<environment_context>", "<user_instructions>", "<INSTRUCTIONS>",
                                  "# AGENTS.md instructions", "<user_shell_command>", "<turn_aborted>"}) {
    if (text.starts_with(prefix)) return true;
  }
  return false;
}

std::string content_text(element content) {
  std::string_view text;
  if (!content.get_string().get(text)) return std::string(text);
  simdjson::dom::array blocks;
  if (content.get_array().get(blocks)) return {};
  std::string out;
  for (element block : blocks) {
    std::string_view piece;
    if (block["text"].get_string().get(piece)) continue;
    if (!out.empty()) out += "\n\n";
    out += piece;
  }
  return out;
}

}  // namespace agentreel::codex
