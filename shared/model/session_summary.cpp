// Session summaries (see session_summary.h).
#include "model/session_summary.h"

#include <algorithm>

#include "core/text.h"

namespace agentreel {
namespace {

uint32_t root_of(const Trace& trace, const Session& s) {
  for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) {
    if (trace.spans.kind[i] == SpanKind::agent && trace.spans.parent[i] == kNoSpan) return i;
  }
  return kNoSpan;
}

std::string string_attribute(const Trace& trace, uint32_t span, std::string_view key) {
  if (span == kNoSpan) return {};
  const std::optional<Attribute> a = trace.find_attribute(span, key);
  return a && a->type == AttrType::string ? std::string(trace.strings.get(StringId(a->value))) : std::string();
}

int64_t integer_attribute(const Trace& trace, uint32_t span, std::string_view key) {
  const std::optional<Attribute> a = trace.find_attribute(span, key);
  return a && a->type == AttrType::integer ? a->value : 0;
}

// Spaces for line breaks and runs of blanks: a title is one line.
std::string one_line(std::string_view text, size_t max_bytes) {
  std::string out;
  bool blank = false;
  for (const char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space) {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
    if (out.size() > max_bytes + 4) break;
  }
  if (out.size() > max_bytes) {
    out = std::string(utf8_prefix(out, max_bytes - 3)) + "\xE2\x80\xA6";
  }
  return out;
}

std::string base_name(std::string_view path) {
  while (path.size() > 1 && (path.back() == '/' || path.back() == '\\')) path.remove_suffix(1);
  const size_t slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

}  // namespace

std::string session_title(const Trace& trace, const RecordReader& read, uint32_t session, size_t max_bytes) {
  if (session >= trace.sessions.size()) return {};
  const Session& s = trace.sessions[session];
  const uint32_t root = root_of(trace, s);
  if (root != kNoSpan) {
    if (auto title = span_text(trace, read, root, TextRole::title, 0, 4096); title && !title->empty()) {
      return one_line(*title, max_bytes);
    }
    if (const std::string goal = string_attribute(trace, root, "goal"); !goal.empty()) return one_line(goal, max_bytes);
    if (auto prompt = span_text(trace, read, root, TextRole::prompt, 0, 4096); prompt && !prompt->empty()) {
      return one_line(*prompt, max_bytes);
    }
  }
  for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) {
    if (trace.spans.kind[i] != SpanKind::human) continue;
    if (auto prompt = span_text(trace, read, i, TextRole::prompt, 0, 4096); prompt && !prompt->empty()) {
      return one_line(*prompt, max_bytes);
    }
  }
  return {};
}

TokenTotals session_tokens(const Trace& trace, uint32_t session) {
  TokenTotals out;
  if (session >= trace.sessions.size()) return out;
  const Session& s = trace.sessions[session];
  for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) {
    if (trace.spans.kind[i] != SpanKind::model) continue;
    out.input += integer_attribute(trace, i, "input_tokens");
    out.output += integer_attribute(trace, i, "output_tokens");
    out.cache_read += integer_attribute(trace, i, "cache_read_tokens");
    out.cache_creation += integer_attribute(trace, i, "cache_creation_tokens");
    out.reasoning += integer_attribute(trace, i, "reasoning_tokens");
  }
  return out;
}

SessionSummary summarize_session(const Trace& trace, const RecordReader& read, uint32_t session) {
  SessionSummary out;
  if (session >= trace.sessions.size()) return out;
  const Session& s = trace.sessions[session];
  const uint32_t root = root_of(trace, s);
  out.title = session_title(trace, read, session);
  out.cwd = string_attribute(trace, root, "cwd");
  out.branch = string_attribute(trace, root, "git_branch");
  if (!out.cwd.empty()) out.project = base_name(out.cwd);
  uint32_t last_reply = kNoSpan;
  for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) {
    switch (trace.spans.kind[i]) {
      case SpanKind::model: {
        ++out.model_calls;
        const std::string model = string_attribute(trace, i, "model");
        if (!model.empty() && std::find(out.models.begin(), out.models.end(), model) == out.models.end()) {
          out.models.push_back(model);
        }
        // The main agent's: a model turn not under a subagent.
        bool in_subagent = false;
        for (uint32_t p = trace.spans.parent[i]; p != kNoSpan; p = trace.spans.parent[p]) {
          if (trace.spans.kind[p] == SpanKind::agent && trace.spans.parent[p] != kNoSpan) in_subagent = true;
        }
        if (!in_subagent && trace.texts.find(i, TextRole::reply)) last_reply = i;
        break;
      }
      case SpanKind::tool: ++out.tool_calls; break;
      default: break;
    }
    if (trace.spans.is_error(i)) ++out.errors;
    if (trace.spans.status[i] == SpanStatus::denied && trace.spans.kind[i] == SpanKind::tool) ++out.denials;
  }
  out.tokens = session_tokens(trace, session);
  out.cost = session_cost(trace, session);
  if (last_reply != kNoSpan) {
    // Its last reply block: the words the run ended on.
    const auto [first, last] = trace.texts.rows_of(last_reply);
    size_t replies = 0;
    for (size_t row = first; row < last; ++row) replies += trace.texts.roles()[row] == TextRole::reply;
    if (auto text = span_text(trace, read, last_reply, TextRole::reply, replies - 1, 4096)) {
      out.final_reply = one_line(*text, 400);
    }
  }
  return out;
}

}  // namespace agentreel
