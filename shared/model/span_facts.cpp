// A span's facts in plain text (see span_facts.h).
#include "model/span_facts.h"

#include <cinttypes>
#include <cstdio>

#include "core/line_diff.h"
#include "model/model_cost.h"

namespace agentreel {
namespace {

std::string attribute_text(const Trace& trace, uint32_t span, std::string_view key) {
  const std::optional<Attribute> a = trace.find_attribute(span, key);
  if (!a) return {};
  if (a->type == AttrType::string) return std::string(trace.strings.get(StringId(a->value)));
  if (a->type == AttrType::integer) return std::to_string(a->value);
  return {};
}

void section(std::string& out, std::string_view title, const std::string& body) {
  if (body.empty()) return;
  if (!out.empty()) out += "\n";
  out += "\xE2\x94\x80\xE2\x94\x80 ";  // "── "
  out += title;
  out += " \xE2\x94\x80\xE2\x94\x80\n";
  out += body;
  if (out.back() != '\n') out += '\n';
}

void line(std::string& out, std::string_view label, const std::string& value) {
  if (value.empty()) return;
  out += label;
  out += ": ";
  out += value;
  out += '\n';
}

}  // namespace

std::string describe_span_facts(const Trace& trace, const RecordReader& read, uint32_t span, size_t max_bytes) {
  std::string out;
  auto text = [&](TextRole role, size_t nth = 0) {
    return span_text(trace, read, span, role, nth, max_bytes).value_or(std::string());
  };
  auto all = [&](TextRole role) {
    std::string joined;
    const auto [first, last] = trace.texts.rows_of(span);
    size_t nth = 0;
    for (size_t row = first; row < last; ++row) {
      if (trace.texts.roles()[row] != role) continue;
      const std::string piece = text(role, nth++);
      if (piece.empty()) continue;
      if (!joined.empty()) joined += "\n\n";
      joined += piece;
    }
    return joined;
  };
  const SpanKind kind = trace.spans.kind[span];
  if (kind == SpanKind::tool) {
    std::string head;
    const std::string action = std::string(span_action(trace, span));
    line(head, "Action", action);
    line(head, "Command", text(TextRole::command));
    line(head, "File", text(TextRole::path));
    line(head, "Pattern", text(TextRole::pattern));
    line(head, "URL", text(TextRole::url));
    line(head, "Query", text(TextRole::query));
    line(head, "Description", text(TextRole::description));
    line(head, "Exit code", attribute_text(trace, span, "exit_code"));
    const SpanStatus status = trace.spans.status[span];
    if (status != SpanStatus::ok) line(head, "Status", std::string(span_status_name(status)));
    out += head;
    const std::string reason = text(TextRole::reason);
    const std::string error = status == SpanStatus::error ? text(TextRole::error) : std::string();
    const std::string output = text(TextRole::output);
    section(out, "Denied because", reason);
    section(out, "Error", error);
    if (output != reason && output != error) section(out, "Output", output);  // often the same words
    section(out, "stdout", text(TextRole::stdout_text));
    section(out, "stderr", text(TextRole::stderr_text));
    const std::string old_text = text(TextRole::old_text), new_text = text(TextRole::new_text);
    if (!old_text.empty()) {
      std::string diff;
      for (const DiffLine& d : line_diff(old_text, new_text)) {
        diff += d.op == DiffLine::Op::added ? "+ " : d.op == DiffLine::Op::removed ? "- " : "  ";
        diff.append(d.text);
        diff += '\n';
      }
      section(out, "Change", diff);
    } else {
      section(out, action == "write" ? "Content written" : "New text", new_text);
    }
    section(out, "Task", text(TextRole::prompt));
    if (out.find("Command") == std::string::npos && out.find("File:") == std::string::npos) {
      section(out, "Arguments", text(TextRole::input));
    }
  } else if (kind == SpanKind::model) {
    line(out, "Model", attribute_text(trace, span, "model"));
    line(out, "Stopped", attribute_text(trace, span, "stop_reason"));
    std::string tokens;
    for (const auto& [key, label] : {std::pair<const char*, const char*>{"input_tokens", "input"},
                                     {"cache_read_tokens", "cache read"},
                                     {"cache_creation_tokens", "cache write"},
                                     {"output_tokens", "output"},
                                     {"reasoning_tokens", "reasoning"}}) {
      const std::string v = attribute_text(trace, span, key);
      if (v.empty()) continue;
      if (!tokens.empty()) tokens += ", ";
      tokens += v + " " + label;
    }
    line(out, "Tokens", tokens);
    if (const std::optional<double> usd = span_cost_usd(trace, span)) {
      line(out, "Cost", usd_text(*usd));
    } else if (!tokens.empty()) {
      line(out, "Cost", "unknown (no price for this model or token class: docs/pricing.md)");
    }
    section(out, "Thinking", all(TextRole::thinking));
    section(out, "Reply", all(TextRole::reply));
  } else {
    section(out, kind == SpanKind::human ? "Prompt" : "Task", text(TextRole::prompt));
    section(out, "Reply", all(TextRole::reply));
    section(out, "Summary", text(TextRole::summary));
    section(out, "Reason", text(TextRole::reason));
    section(out, "Error", text(TextRole::error));
    section(out, "Title", text(TextRole::title));
  }
  return out;
}

}  // namespace agentreel
