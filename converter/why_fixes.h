// `why`'s fixes: every session's tool calls replayed through all 39 failproofai policies, each on its own
// (shared/policy/audit_replay.h, what-if), and each finding of the diagnosis given the policies that would have
// caught the calls it names (a loop: warn-repeated-tool-calls and how many of its calls it would have fired on; a
// force push, rm -rf, a secrets read, sudo: the policy that denies it), plus a per-session line saying which
// policies would have stopped how many calls. Reads the diagnosis (shared/diagnosis/diagnosis.h) without changing it.
#pragma once

#include <string>
#include <vector>

#include "bundle/bundle_reader.h"
#include "diagnosis/diagnosis.h"
#include "json_out.h"
#include "policy/policy_catalog.h"
#include "policy/policy_verdict.h"

namespace agentreel::cli {

// One policy that would have objected to some of a finding's (or a session's) calls.
struct PolicyFix {
  policy::PolicyId policy{};
  policy::VerdictKind decision = policy::VerdictKind::instruct;  // deny when it denies any of those calls
  std::vector<uint32_t> spans;                                   // those calls, ascending (Trace span indices)
};

struct SessionFixes {
  std::vector<std::vector<PolicyFix>> by_finding;  // parallel to SessionDiagnosis::findings
  std::vector<PolicyFix> policies;                 // every policy that fired in the session, most calls first
  uint32_t calls = 0, denied = 0, instructed = 0;  // calls some policy denies / only instructs on, each once
  std::string summary;  // "enabling block-force-push and warn-repeated-tool-calls would have stopped 3 calls ..."
};

// Replays the diagnosed sessions (side by side on `threads` threads) and matches the replay to their findings:
// a finding's calls are its spans and its cause span. Results parallel to `diagnoses`.
std::vector<SessionFixes> why_fixes(const Bundle& bundle, const std::vector<diagnosis::SessionDiagnosis>& diagnoses,
                                    size_t threads);

// why --json: "fixes": [{"policy", "decision", "spans", "count"}] of one finding.
void write_finding_fixes(JsonOut& out, const std::vector<PolicyFix>& fixes);
// why --json: "policy_fixes": {"policies", "calls", "denied", "instructed", "summary"} of one session.
void write_session_fixes(JsonOut& out, const SessionFixes& fixes);
// why's text: "      fix: block-force-push would deny span 12 of this session" lines of one finding.
void print_finding_fixes(const std::vector<PolicyFix>& fixes, uint32_t session_first_span);

}  // namespace agentreel::cli
