// `agentreel info`: what a bundle holds, for people (text) and scripts (--json).
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "commands.h"
#include "core/text.h"
#include "core/timestamp.h"
#include "json_out.h"
#include "model/session_select.h"
#include "model/session_summary.h"
#include "open_run.h"
#include "summary_json.h"

namespace agentreel::cli {
namespace {

struct SessionCounts {
  uint64_t errors = 0, tool_calls = 0, denials = 0, model_calls = 0, input_tokens = 0, output_tokens = 0;
};

SessionCounts count(const Trace& trace, const Session& session) {
  SessionCounts c;
  for (uint32_t i = session.first_span; i < session.first_span + session.span_count; ++i) {
    const SpanKind kind = trace.spans.kind[i];
    const SpanStatus status = trace.spans.status[i];
    if (trace.spans.is_error(i)) ++c.errors;  // the viewer's rule, so both report the same count
    if (status == SpanStatus::denied) ++c.denials;
    if (kind == SpanKind::tool) ++c.tool_calls;
    if (kind == SpanKind::model) {
      ++c.model_calls;
      if (auto a = trace.find_attribute(i, "input_tokens")) c.input_tokens += uint64_t(a->value);
      if (auto a = trace.find_attribute(i, "output_tokens")) c.output_tokens += uint64_t(a->value);
    }
  }
  return c;
}

// Wall-clock sessions: start and length. Logs without times (SWE-agent, OpenHands) have no start date, and
// their times are step numbers or execution time: printed as 1970 dates they would mislead.
// 16215330 -> "16,215,330".
std::string thousands(int64_t value) {
  char digits[32], out[48];
  const int n = std::snprintf(digits, sizeof digits, "%lld", static_cast<long long>(value));
  int o = 0;
  for (int i = 0; i < n; ++i) {
    if (i > 0 && digits[i - 1] != '-' && (n - i) % 3 == 0) out[o++] = ',';
    out[o++] = digits[i];
  }
  return std::string(out, size_t(o));
}

std::string session_time_text(const Session& s) {
  char buffer[96];
  const double length = double(s.end_ns - s.start_ns) / 1e9;
  const SessionClock clock = session_clock(s.flags);
  if (clock == SessionClock::execution) {
    std::snprintf(buffer, sizeof buffer, "execution time (no wall clock)  %.3f s", length);
    return buffer;
  }
  if (clock == SessionClock::steps) {
    const double whole = std::round(length);
    if (std::fabs(length - whole) < 0.005) {
      std::snprintf(buffer, sizeof buffer, "step-numbered, %.0f steps", whole);
    } else {
      std::snprintf(buffer, sizeof buffer, "step-numbered, %.2f steps", length);
    }
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "start %s  %.3f s", format_rfc3339_ns(s.start_ns).c_str(), length);
  return buffer;
}

}  // namespace

int run_info(const Args& args) {
  std::vector<std::string> inputs;
  std::string session_name, format;
  bool json = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") {
      json = true;
    } else if (a == "--session" || a == "--format") {
      if (i + 1 >= args.size()) return usage("info: " + a + " needs a value");
      (a == "--session" ? session_name : format) = args[++i];
    } else if (!a.empty() && a[0] == '-') {
      return usage("info: unknown option " + a);
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty()) return usage("info needs a BUNDLE (or logs)");
  const std::string path =
      inputs.size() == 1 ? inputs[0] : inputs[0] + " (and " + count_text(inputs.size() - 1, "more input") + ")";
  auto opened = open_run(inputs, format, "agentreel info");
  if (!opened.is_ok()) return fail(opened.status().message());
  const Bundle& bundle = *opened.value();
  const Trace& trace = bundle.trace();
  bundle.set_block_cache_limit(16);
  const RecordReader read = [&bundle](RecordRef ref) {
    auto record = bundle.read_record(ref);
    return record.is_ok() ? record.take() : std::string();
  };
  std::vector<uint32_t> shown;
  if (!session_name.empty()) {
    auto s = resolve_session(trace, session_name);
    if (!s.is_ok()) return fail(inputs[0] + ": " + s.status().message());
    shown.push_back(s.value());
  } else {
    for (uint32_t s = 0; s < trace.sessions.size(); ++s) shown.push_back(s);
  }

  if (json) {
    JsonOut out;
    out.begin_object();
    out.key("format_version").value(int(bundle.version_major()));
    out.key("format_minor").value(int(bundle.version_minor()));
    out.key("bundle_bytes").value(bundle.file_size());
    out.key("spans").value(uint64_t(trace.spans.size()));
    out.key("sessions").begin_array();
    for (uint32_t number : shown) {
      const Session& s = trace.sessions[number];
      const SessionCounts c = count(trace, s);
      const SessionSummary summary = summarize_session(trace, read, number);
      out.begin_object();
      out.key("id").value(trace.strings.get(s.id));
      out.key("number").value(number + 1);
      out.key("title").value(summary.title);
      out.key("project").value(summary.project);
      out.key("cwd").value(summary.cwd);
      out.key("branch").value(summary.branch);
      out.key("models").begin_array();
      for (const std::string& m : summary.models) out.value(m);
      out.end_array();
      write_tokens_and_cost(out, summary);
      out.key("final_reply").value(summary.final_reply);
      out.key("input").value(trace.inputs.empty() ? std::string_view() : std::string_view(trace.inputs[s.input].path));
      out.key("spans").value(s.span_count);
      out.key("first_span").value(s.first_span);
      out.key("start_ns").value(s.start_ns);
      out.key("end_ns").value(s.end_ns);
      out.key("clock").value(session_clock_id(session_clock(s.flags)));
      out.key("errors").value(c.errors);
      out.key("denials").value(c.denials);
      out.key("tool_calls").value(c.tool_calls);
      out.key("model_calls").value(c.model_calls);
      out.key("input_tokens").value(c.input_tokens);
      out.key("output_tokens").value(c.output_tokens);
      out.end_object();
    }
    out.end_array();
    out.key("inputs").begin_array();
    for (const InputFile& f : trace.inputs) {
      out.begin_object();
      out.key("path").value(f.path);
      out.key("format").value(f.format);
      out.key("bytes").value(f.size);
      out.key("records").value(f.records);
      out.key("skipped").value(f.skipped);
      out.end_object();
    }
    out.end_array();
    out.key("skipped").begin_array();
    for (const SkippedRecord& s : trace.skipped) {
      out.begin_object();
      out.key("input").value(trace.inputs[s.input].path);
      out.key("line").value(s.line);
      out.key("byte_offset").value(s.byte_offset);
      out.key("reason").value(skip_reason_name(s.reason));
      out.key("detail").value(s.detail);
      out.end_object();
    }
    out.end_array();
    out.end_object();
    std::printf("%s\n", out.str().c_str());
    return 0;
  }

  std::printf("%s: bundle format %u.%u, %llu bytes, %s, %s, %s\n", path.c_str(), bundle.version_major(),
              bundle.version_minor(), (unsigned long long)bundle.file_size(),
              count_text(trace.sessions.size(), "session").c_str(), count_text(trace.spans.size(), "span").c_str(),
              count_text(trace.inputs.size(), "input").c_str());
  for (uint32_t number : shown) {
    const Session& s = trace.sessions[number];
    const SessionCounts c = count(trace, s);
    const SessionSummary summary = summarize_session(trace, read, number);
    const std::string_view id = trace.strings.get(s.id);
    std::printf("  #%u %s\n", number + 1, summary.title.empty() ? "(no title)" : summary.title.c_str());
    std::string where = summary.project;
    if (!summary.branch.empty()) where += (where.empty() ? "" : " ") + ("on " + summary.branch);
    for (size_t m = 0; m < summary.models.size(); ++m)
      where += (m ? ", " : (where.empty() ? "" : "; ")) + summary.models[m];
    if (!where.empty()) std::printf("     %s\n", where.c_str());
    std::printf("     session %.*s  %s  %s  %s  %s  %s  %llu+%llu tokens\n", int(id.size()), id.data(),
                session_time_text(s).c_str(), count_text(s.span_count, "span").c_str(),
                count_text(c.tool_calls, "tool call").c_str(), count_text(c.errors, "error").c_str(),
                count_text(c.denials, "denial").c_str(), (unsigned long long)c.input_tokens,
                (unsigned long long)c.output_tokens);
    if (summary.model_calls > 0) {
      const TokenTotals& t = summary.tokens;
      std::printf("     tokens %s input, %s output, %s cache read, %s cache write", thousands(t.input).c_str(),
                  thousands(t.output).c_str(), thousands(t.cache_read).c_str(), thousands(t.cache_creation).c_str());
      if (t.reasoning > 0) std::printf(" (%s of the output reasoning)", thousands(t.reasoning).c_str());
      std::printf("; cost %s\n", cost_text(summary.cost).c_str());
    }
  }
  for (const InputFile& f : trace.inputs) {
    std::printf("  input %s (%s): %llu bytes, %llu records, %llu skipped\n", f.path.c_str(), f.format.c_str(),
                (unsigned long long)f.size, (unsigned long long)f.records, (unsigned long long)f.skipped);
  }
  return 0;
}

}  // namespace agentreel::cli
