// `agentreel why`: per session, why the run went wrong (loops, drift, blocked actions, errors, cut-offs,
// stalls, compactions) in plain words or as JSON. The analysis lives in shared/analysis/; this file only
// opens the bundle, supplies payload bytes and prints.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <thread>

#include "analysis/diagnosis.h"
#include "commands.h"
#include "core/text.h"
#include "json_out.h"
#include "model/session_select.h"
#include "model/session_summary.h"
#include "open_run.h"
#include "summary_json.h"
#include "thread_parallel_for.h"

namespace agentreel::cli {
int run_why(const Args& args) {
  std::vector<std::string> inputs;
  std::string session_name, format;
  bool json = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") {
      json = true;
    } else if (a == "--session" || a == "--format") {
      if (i + 1 >= args.size()) return usage("why: " + a + " needs a value");
      (a == "--session" ? session_name : format) = args[++i];
    } else if (!a.empty() && a[0] == '-') {
      return usage("why: unknown option " + a);
    } else {
      inputs.push_back(a);
    }
  }
  if (inputs.empty()) return usage("why needs a BUNDLE (or logs)");
  auto opened = open_run(inputs, format, "agentreel why");
  if (!opened.is_ok()) return fail(opened.status().message());
  const Bundle& bundle = *opened.value();
  const Trace& trace = bundle.trace();
  bundle.set_block_cache_limit(24);  // interleaved sessions revisit the same blocks
  const RecordReader payload = [&bundle](RecordRef ref) {
    auto record = bundle.read_record(ref);
    return record.is_ok() ? record.take() : std::string();
  };

  std::vector<uint32_t> sessions;
  if (!session_name.empty()) {
    auto s = resolve_session(trace, session_name);
    if (!s.is_ok()) return fail(inputs[0] + ": " + s.status().message());
    sessions.push_back(s.value());
  } else {
    for (uint32_t s = 0; s < trace.sessions.size(); ++s) sessions.push_back(s);
  }
  // Sessions side by side, one reader and block cache per thread (the bundle's sources read with pread or from
  // memory: safe across threads).
  const size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  const auto make_reader = [&bundle] {
    auto cache = std::make_shared<RawBlockCache>(24);
    return RecordReader([&bundle, cache](RecordRef ref) {
      auto record = bundle.read_record(ref, *cache);
      return record.is_ok() ? record.take() : std::string();
    });
  };
  const std::vector<analysis::SessionDiagnosis> results = analysis::diagnose(
      trace, sessions, make_reader, threads > 1 ? native::thread_parallel_for() : ParallelFor(), threads);

  if (json) {
    JsonOut out;
    out.begin_object().key("sessions").begin_array();
    for (const analysis::SessionDiagnosis& d : results) {
      out.begin_object();
      out.key("id").value(trace.strings.get(trace.sessions[d.session].id));
      out.key("number").value(d.session + 1);
      const SessionSummary summary = summarize_session(trace, payload, d.session);
      out.key("title").value(summary.title);
      write_tokens_and_cost(out, summary);
      out.key("verdict").value(d.verdict);
      out.key("findings").begin_array();
      for (const analysis::Finding& f : d.findings) {
        out.begin_object();
        out.key("kind").value(analysis::finding_kind_name(f.kind));
        out.key("severity").value(analysis::severity_name(f.severity));
        out.key("first_span").value(f.first_span);
        out.key("last_span").value(f.last_span);
        out.key("spans").begin_array();
        for (uint32_t span : f.spans) out.value(span);
        out.end_array();
        out.key("count").value(f.count);
        if (f.cause_span != kNoSpan)
          out.key("cause_span").value(f.cause_span);
        else
          out.key("cause_span").null();
        out.key("gap_ns").value(f.gap_ns);
        out.key("ended_run").value(f.ended_run);
        out.key("action").value(f.action);
        out.key("policy").value(f.policy);
        out.key("reason").value(f.reason);
        out.key("summary").value(f.summary);
        out.key("evidence").begin_array();
        for (const std::string& e : f.evidence) out.value(e);
        out.end_array();
        out.end_object();
      }
      out.end_array().end_object();
    }
    out.end_array().end_object();
    std::printf("%s\n", out.str().c_str());
    return 0;
  }
  for (const analysis::SessionDiagnosis& d : results) {
    const Session& s = trace.sessions[d.session];
    const std::string title = session_title(trace, payload, d.session, 100);
    std::printf("#%u %.*s%s%s (%s): %s\n", d.session + 1, int(trace.strings.get(s.id).size()),
                trace.strings.get(s.id).data(), title.empty() ? "" : " \u201c",
                title.empty() ? "" : (title + "\u201d").c_str(), count_text(s.span_count, "span").c_str(),
                d.verdict.c_str());
    for (const analysis::Finding& f : d.findings) {
      const auto kind = analysis::finding_kind_name(f.kind);
      const auto severity = analysis::severity_name(f.severity);
      const uint32_t at = f.first_span >= s.first_span ? f.first_span - s.first_span : 0;
      std::printf("  [%.*s, %.*s] %s\n", int(kind.size()), kind.data(), int(severity.size()), severity.data(),
                  f.summary.c_str());
      std::printf("      at +%s (span %u of this session)\n",
                  duration_words(trace.spans.start_ns[f.first_span] - s.start_ns).c_str(), at);
      if (f.cause_span != kNoSpan && f.cause_span >= s.first_span)
        std::printf("      caused by span %u of this session, at +%s\n", f.cause_span - s.first_span,
                    duration_words(trace.spans.start_ns[f.cause_span] - s.start_ns).c_str());
      for (const std::string& e : f.evidence) std::printf("      %s\n", e.c_str());
    }
  }
  return 0;
}

}  // namespace agentreel::cli
