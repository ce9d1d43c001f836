// `agentreel why`: per session, why the run went wrong (loops, drift, blocked actions, errors, cut-offs,
// stalls, compactions) in plain words or as JSON. The diagnosis lives in shared/diagnosis/; this file only
// opens the bundle, supplies payload bytes and prints.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <thread>

#include "commands.h"
#include "core/text.h"
#include "diagnosis/diagnosis.h"
#include "json_out.h"
#include "model/session_select.h"
#include "model/session_summary.h"
#include "open_run.h"
#include "summary_json.h"
#include "thread_parallel_for.h"
#include "why_fixes.h"

namespace agentreel::cli {
namespace {

// "nothing parsed: ..." for a session holding no event of its run, only agent spans (the root a reader opens for a
// run before reading its events; a subagent's), else "". Such a session is no clean run: its records were
// skipped or never there, and the words say which (with the first skipped record of its input).
std::string nothing_parsed(const Trace& trace, uint32_t session) {
  const Session& s = trace.sessions[session];
  for (uint32_t i = s.first_span; i < s.first_span + s.span_count; ++i) {
    if (trace.spans.kind[i] != SpanKind::agent) return {};
  }
  std::string words = "nothing parsed: the session holds only " + count_text(s.span_count, "agent span") +
                      ", no model call, tool call, prompt or event";
  if (s.input >= trace.inputs.size()) return words;
  const InputFile& input = trace.inputs[s.input];
  if (input.skipped == 0) return words + " (" + input.path + " has none for it)";
  words += "; " + count_text(input.skipped, "record") + " of " + input.path + " (read as " + input.format + ") skipped";
  for (const SkippedRecord& skipped : trace.skipped) {
    if (skipped.input != s.input) continue;
    words += ", the first at line " + std::to_string(skipped.line) + ", byte " + std::to_string(skipped.byte_offset) +
             ": " + std::string(skip_reason_name(skipped.reason)) + ": " + skipped.detail;
    break;
  }
  return words;
}

// For a bundle without sessions: what its inputs were ("2 inputs in no known format, 3 records skipped").
std::string no_session_words(const Trace& trace) {
  uint64_t unparsed = 0, skipped = 0;
  for (const InputFile& input : trace.inputs) {
    unparsed += input.format == "unparsed" || input.format == "empty";
    skipped += input.skipped;
  }
  return "no session: nothing parsed (" + count_text(trace.inputs.size(), "input") + ", " + std::to_string(unparsed) +
         " empty or in no known format, " + count_text(skipped, "record") + " skipped)";
}

}  // namespace

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
  const std::vector<diagnosis::SessionDiagnosis> results = diagnosis::diagnose(
      trace, sessions, make_reader, threads > 1 ? native::thread_parallel_for() : ParallelFor(), threads);
  // The fix for each finding: every call replayed through the 39 failproofai policies, each on its own.
  const std::vector<SessionFixes> fixes = why_fixes(bundle, results, threads);

  std::vector<std::string> unparsed_words(trace.sessions.size());
  for (const diagnosis::SessionDiagnosis& d : results) unparsed_words[d.session] = nothing_parsed(trace, d.session);
  if (json) {
    JsonOut out;
    out.begin_object().key("nothing_parsed").value(trace.sessions.empty());
    out.key("sessions").begin_array();
    for (const diagnosis::SessionDiagnosis& d : results) {
      const std::string& nothing = unparsed_words[d.session];
      out.begin_object();
      out.key("id").value(trace.strings.get(trace.sessions[d.session].id));
      out.key("number").value(d.session + 1);
      const SessionSummary summary = summarize_session(trace, payload, d.session);
      out.key("title").value(summary.title);
      write_tokens_and_cost(out, summary);
      out.key("nothing_parsed").value(!nothing.empty());
      out.key("verdict").value(nothing.empty() ? d.verdict : nothing);
      out.key("findings").begin_array();
      for (const diagnosis::Finding& f : d.findings) {
        out.begin_object();
        write_finding_fields(out, f);
        write_finding_fixes(out, fixes[size_t(&d - results.data())].by_finding[size_t(&f - d.findings.data())]);
        out.end_object();
      }
      out.end_array();
      write_session_fixes(out, fixes[size_t(&d - results.data())]);
      out.end_object();
    }
    out.end_array().end_object();
    std::printf("%s\n", out.str().c_str());
    return 0;
  }
  if (trace.sessions.empty()) std::printf("%s\n", no_session_words(trace).c_str());
  for (const diagnosis::SessionDiagnosis& d : results) {
    const Session& s = trace.sessions[d.session];
    const std::string& nothing = unparsed_words[d.session];
    const std::string title = session_title(trace, payload, d.session, 100);
    std::printf("#%u %.*s%s%s (%s): %s\n", d.session + 1, int(trace.strings.get(s.id).size()),
                trace.strings.get(s.id).data(), title.empty() ? "" : " \u201c",
                title.empty() ? "" : (title + "\u201d").c_str(), count_text(s.span_count, "span").c_str(),
                nothing.empty() ? d.verdict.c_str() : nothing.c_str());
    for (const diagnosis::Finding& f : d.findings) {
      const auto kind = diagnosis::finding_kind_name(f.kind);
      const auto severity = diagnosis::severity_name(f.severity);
      const uint32_t at = f.first_span >= s.first_span ? f.first_span - s.first_span : 0;
      std::printf("  [%.*s, %.*s] %s\n", int(kind.size()), kind.data(), int(severity.size()), severity.data(),
                  f.summary.c_str());
      std::printf("      at +%s (span %u of this session)\n",
                  duration_words(trace.spans.start_ns[f.first_span] - s.start_ns).c_str(), at);
      if (f.cause_span != kNoSpan && f.cause_span >= s.first_span)
        std::printf("      caused by span %u of this session, at +%s\n", f.cause_span - s.first_span,
                    duration_words(trace.spans.start_ns[f.cause_span] - s.start_ns).c_str());
      for (const std::string& e : f.evidence) std::printf("      %s\n", e.c_str());
      print_finding_fixes(fixes[size_t(&d - results.data())].by_finding[size_t(&f - d.findings.data())], s.first_span);
    }
    if (const std::string& fix = fixes[size_t(&d - results.data())].summary; !fix.empty()) {
      std::printf("  fix: %s\n", fix.c_str());
    }
  }
  return 0;
}

}  // namespace agentreel::cli
