// Diagnosis of one session: its SessionView, the detectors (detectors.h, one file each) in order, then ranking
// and the verdict (finding_words). Payloads are read only for candidate spans (same-tool runs, denials, sampled
// drift steps), so a 1M-span trace stays fast. No I/O, no platform code; the caller supplies payload bytes.
#include "diagnosis/diagnosis.h"

#include <algorithm>

#include "diagnosis/detectors.h"
#include "diagnosis/finding_words.h"
#include "diagnosis/session_view.h"

namespace agentreel::diagnosis {

std::string_view finding_kind_name(FindingKind kind) {
  switch (kind) {
    case FindingKind::loop: return "loop";
    case FindingKind::drift: return "drift";
    case FindingKind::blocked: return "blocked";
    case FindingKind::error: return "error";
    case FindingKind::unfinished: return "unfinished";
    case FindingKind::stall: return "stall";
    case FindingKind::compaction: return "compaction";
    case FindingKind::waiting: return "waiting";
    case FindingKind::bypass: return "bypass";
    case FindingKind::model_switch: return "model_switch";
    case FindingKind::gave_up: return "gave_up";
  }
  return "unknown";
}

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::critical: return "critical";
  }
  return "unknown";
}

SessionDiagnosis diagnose_session(const Trace& trace, uint32_t session, const RecordReader& payload,
                                  const DiagnosisOptions& options) {
  SessionDiagnosis d;
  d.session = session;
  if (session >= trace.sessions.size()) return d;
  SessionView view(trace, session, payload, options);
  std::vector<Finding>& findings = d.findings;
  detect_loops(view, findings);
  detect_blocked(view, findings);
  detect_bypass(view, findings);
  detect_errors(view, findings);
  detect_gave_up(view, findings);
  detect_unfinished(view, findings);
  detect_stalls(view, findings);
  detect_compaction(view, findings);
  detect_drift(view, findings);
  detect_model_switch(view, findings);
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.first_span < b.first_span;
  });
  uint32_t errors = 0;
  for (uint32_t i = view.begin; i < view.end && i < trace.spans.size(); ++i) errors += trace.spans.is_error(i);
  d.verdict = words::verdict(findings, errors);
  return d;
}

std::vector<SessionDiagnosis> diagnose(const Trace& trace, const RecordReader& payload,
                                       const DiagnosisOptions& options) {
  std::vector<SessionDiagnosis> out;
  out.reserve(trace.sessions.size());
  for (uint32_t s = 0; s < trace.sessions.size(); ++s) out.push_back(diagnose_session(trace, s, payload, options));
  return out;
}

std::vector<SessionDiagnosis> diagnose(const Trace& trace, const std::vector<uint32_t>& sessions,
                                       const std::function<RecordReader()>& make_reader, const ParallelFor& parallel,
                                       size_t tasks, const DiagnosisOptions& options) {
  std::vector<SessionDiagnosis> out(sessions.size());
  // Runs of equal span counts rather than equal session counts: one huge session must not hold a whole run up.
  tasks = std::max<size_t>(1, std::min(tasks, sessions.size()));
  uint64_t total = 0;
  for (const uint32_t s : sessions) total += s < trace.sessions.size() ? trace.sessions[s].span_count : 0;
  std::vector<size_t> cut(tasks + 1, sessions.size());
  cut[0] = 0;
  uint64_t seen = 0;
  for (size_t i = 0, task = 1; i < sessions.size() && task < tasks; ++i) {
    seen += sessions[i] < trace.sessions.size() ? trace.sessions[sessions[i]].span_count : 0;
    while (task < tasks && seen * tasks >= total * task) cut[task++] = i + 1;
  }
  run_tasks(parallel, tasks, [&](size_t task) {
    const RecordReader reader = make_reader ? make_reader() : RecordReader();
    for (size_t i = cut[task]; i < cut[task + 1]; ++i) out[i] = diagnose_session(trace, sessions[i], reader, options);
  });
  return out;
}

}  // namespace agentreel::diagnosis
