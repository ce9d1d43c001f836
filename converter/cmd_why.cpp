// `agentreel why`: per session, why the run went wrong (loops, drift, blocked actions, errors, cut-offs,
// stalls, compactions) in plain words or as JSON. The analysis lives in shared/analysis/; this file only
// opens the bundle, supplies payload bytes and prints.
#include <algorithm>
#include <cstdio>

#include "analysis/diagnosis.h"
#include "commands.h"
#include "json_out.h"
#include "open_bundle.h"

namespace agentreel::cli {
int run_why(const Args& args) {
  std::string path, session_filter;
  bool json = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") {
      json = true;
    } else if (a == "--session") {
      if (i + 1 >= args.size()) return usage("why: --session needs an ID");
      session_filter = args[++i];
    } else if (!a.empty() && a[0] == '-') {
      return usage("why: unknown option " + a);
    } else if (path.empty()) {
      path = a;
    } else {
      return usage("why takes one BUNDLE");
    }
  }
  if (path.empty()) return usage("why needs a BUNDLE");
  auto opened = open_bundle_file(path);
  if (!opened.is_ok()) return fail(opened.status().message());
  const Bundle& bundle = *opened.value();
  const Trace& trace = bundle.trace();
  bundle.set_block_cache_limit(24);  // interleaved sessions revisit the same blocks
  const RecordReader payload = [&bundle](RecordRef ref) {
    auto record = bundle.read_record(ref);
    return record.is_ok() ? record.take() : std::string();
  };

  std::vector<analysis::SessionDiagnosis> results;
  bool found = session_filter.empty();
  for (uint32_t s = 0; s < trace.sessions.size(); ++s) {
    if (!session_filter.empty() && trace.strings.get(trace.sessions[s].id) != session_filter) continue;
    found = true;
    results.push_back(analysis::diagnose_session(trace, s, payload));
  }
  if (!found) return fail(path + ": no session \"" + session_filter + "\"");

  if (json) {
    JsonOut out;
    out.begin_object().key("sessions").begin_array();
    for (const analysis::SessionDiagnosis& d : results) {
      out.begin_object();
      out.key("id").value(trace.strings.get(trace.sessions[d.session].id));
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
    std::printf("session %.*s (spans %u-%u): %s\n", int(trace.strings.get(s.id).size()), trace.strings.get(s.id).data(),
                s.first_span, s.first_span + (s.span_count ? s.span_count - 1 : 0), d.verdict.c_str());
    for (const analysis::Finding& f : d.findings) {
      const auto kind = analysis::finding_kind_name(f.kind);
      const auto severity = analysis::severity_name(f.severity);
      std::printf("  [%.*s, %.*s] %s\n", int(kind.size()), kind.data(), int(severity.size()), severity.data(),
                  f.summary.c_str());
      for (const std::string& e : f.evidence) std::printf("      %s\n", e.c_str());
    }
  }
  return 0;
}

}  // namespace agentreel::cli
