// Diagnosis on real runs of the formats beside Claude Code and AgentEye, each finding checked by reading the run
// (tests/data/*/SOURCES.md names where each came from): what is found, and what must not be.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "diagnosis/diagnosis.h"
#include "test_support.h"

using namespace agentreel;
using namespace agentreel::diagnosis;
using namespace agentreel::test;

namespace {

// Every session of one file, by its id.
std::map<std::string, SessionDiagnosis> diagnose_file(const std::string& relative, std::unique_ptr<Bundle>& bundle) {
  Converted converted = convert_in_memory({{relative, read_file(data_path(relative))}});
  INFO(converted.status.to_string());
  REQUIRE(converted.status.is_ok());
  auto opened = open_bytes(converted.bundle);
  REQUIRE(opened.is_ok());
  bundle = opened.take();
  const Bundle& b = *bundle;
  std::map<std::string, SessionDiagnosis> out;
  for (SessionDiagnosis& d : diagnose(b.trace(), [&b](RecordRef ref) {
         auto bytes = b.read_record(ref);
         return bytes.is_ok() ? bytes.value() : std::string();
       })) {
    out.emplace(std::string(b.trace().strings.get(b.trace().sessions[d.session].id)), std::move(d));
  }
  return out;
}

std::multiset<std::string> kinds(const SessionDiagnosis& d) {
  std::multiset<std::string> out;
  for (const Finding& f : d.findings) out.insert(std::string(finding_kind_name(f.kind)));
  return out;
}

}  // namespace

TEST_CASE("OpenHands V1, real gpt-4o runs: a failing one-liner retried 4 times is the loop that ended the run") {
  std::unique_ptr<Bundle> bundle;
  const auto sessions = diagnose_file("openhands/v1-sdk/output.jsonl", bundle);
  REQUIRE(sessions.count("safety-business-intelligence"));
  const SessionDiagnosis& bi = sessions.at("safety-business-intelligence");
  INFO(bi.verdict);
  // The agent ran the same `python3 -c "import openpyxl; …"` four times, failing each time, and stopped there; four
  // other commands failed before it. The loop ended the run; the earlier failures are reported for repeating.
  REQUIRE(kinds(bi) == std::multiset<std::string>{"loop", "error"});
  for (const Finding& f : bi.findings) {
    if (f.kind == FindingKind::loop) {
      CHECK(f.count == 4);
      CHECK(f.ended_run);
      CHECK(f.summary.find("python3 -c") != std::string::npos);
    } else {
      CHECK_FALSE(f.ended_run);
      CHECK(f.severity == Severity::warning);
      // The loop's failures are its evidence: the error finding names only the four before it.
      CHECK(f.count == 4);
      CHECK(f.last_span < bi.findings[0].first_span);
    }
  }
  REQUIRE(sessions.count("safety-misconfig"));
  CHECK(sessions.at("safety-misconfig").findings.empty());
}

TEST_CASE("SWE-agent, real trajectories: three edits rejected for syntax errors are a repeated error, not a loop") {
  std::unique_ptr<Bundle> bundle;
  const auto pydicom = diagnose_file("swe-agent/pydicom__pydicom-1458.traj", bundle);
  REQUIRE(pydicom.size() == 1);
  const SessionDiagnosis& d = pydicom.begin()->second;
  INFO(d.verdict);
  // Each edit differs (the agent tried three fixes); the linter refused each. The run went on and submitted.
  REQUIRE(kinds(d) == std::multiset<std::string>{"error"});
  CHECK(d.findings[0].count == 3);
  CHECK_FALSE(d.findings[0].ended_run);
  const auto marshmallow = diagnose_file("swe-agent/marshmallow-code__marshmallow-1867.traj", bundle);
  REQUIRE(marshmallow.size() == 1);
  INFO(marshmallow.begin()->second.verdict);
  CHECK(marshmallow.begin()->second.findings.empty());
}

TEST_CASE("Gemini CLI real session: the request the user cancelled after two and a half minutes is a stall") {
  std::unique_ptr<Bundle> bundle;
  const auto sessions = diagnose_file("gemini/session.jsonl", bundle);
  REQUIRE(sessions.size() == 1);
  const SessionDiagnosis& d = sessions.begin()->second;
  INFO(d.verdict);
  // After the turn with the `replace` call (12:56:02) nothing was recorded until "Request cancelled." (12:58:35): the
  // agent owed the next move, the model request hung, the person gave up on it. The calls of one turn start together,
  // so the typical step is under a second.
  REQUIRE(kinds(d) == std::multiset<std::string>{"stall"});
  const Finding& stall = d.findings[0];
  CHECK(stall.gap_ns / 1'000'000'000 == 153);
  // From the end of that turn (its model call and its calls end together) to the cancellation.
  CHECK(bundle->trace().name_of(stall.first_span) == "gemini-3.1-pro-preview");
  CHECK(stall.summary ==
        "stalled 2 min 33 s before span " + std::to_string(stall.last_span) + " (typical step under 1 s)");
  // The older single-JSON layout of another session: three turns, no failure, no wait worth a word.
  const auto older = diagnose_file("gemini/session.json", bundle);
  REQUIRE(older.size() == 1);
  INFO(older.begin()->second.verdict);
  CHECK(older.begin()->second.findings.empty());
}

TEST_CASE(
    "Codex and Copilot and mini-swe-agent and OTLP and Claude Code exports from real sessions: errors the run got past "
    "stay clean") {
  std::unique_ptr<Bundle> bundle;
  // Each failure below was read in the log: Codex's one empty apply_patch, mini-swe-agent running the script with
  // the syntax error the issue is about (twice, before and after other work), a web session's one failing pytest
  // run before the fix. None repeated without progress or ended the run.
  const std::vector<std::pair<std::string, size_t>> runs = {
      {"codex/rollout-codex-vscode-0.39.jsonl", 1},
      {"copilot/session-state/96ef38f0-9d09-45c3-8124-6448c36090ed/events.jsonl", 0},
      {"mini-swe-agent/github_issue.traj.json", 2},
      {"claude-code-variants/chat-json-array.json", 0},
      {"otlp/rag_earnings_agent.json", 0},
      {"otlp/smol_deep_research_agent.json", 0},
  };
  for (const auto& [file, errors] : runs) {
    const auto sessions = diagnose_file(file, bundle);
    REQUIRE(sessions.size() == 1);
    const SessionDiagnosis& d = sessions.begin()->second;
    INFO(file << ": " << d.verdict);
    CHECK(d.findings.empty());
    const std::string clean = errors == 0   ? "clean run: no loop"
                              : errors == 1 ? "clean run: 1 error, which neither ended the run nor repeated"
                                            : "clean run: " + std::to_string(errors) + " errors, none of which";
    CHECK(d.verdict.rfind(clean, 0) == 0);
  }
}

TEST_CASE("OpenHands V0 real CodeActAgent runs: failures repeated without a success between, and how the run ended") {
  std::unique_ptr<Bundle> bundle;
  const auto sessions = diagnose_file("openhands/multi_swe_bench/output.jsonl", bundle);
  REQUIRE(sessions.size() == 3);
  for (const auto& [id, d] : sessions) {
    INFO(id << ": " << d.verdict);
    REQUIRE(kinds(d) == std::multiset<std::string>{"error"});
    const Finding& f = d.findings[0];
    CHECK(f.count >= 3);
    for (const uint32_t span : f.spans) CHECK(bundle->trace().spans.status[span] == SpanStatus::error);
  }
  // 4595: the ponyc build and runs failed 5 times; the agent then only thought and called finish with
  // task_completed "partial" (the fix could not be verified): the failures ended the run.
  const Finding& build = sessions.at("ponylang__ponyc-4595").findings[0];
  CHECK(bundle->trace().name_of(build.first_span) == "execute_bash");
  CHECK(build.ended_run);
  // 4593: str_replace_editor answered "ERROR:\nNo replacement was performed ..." to the same edit again and again
  // (OpenHands' file editor reports its failures in its output, with no exit code); the agent gave up with
  // task_completed "false".
  const Finding& edits = sessions.at("ponylang__ponyc-4593").findings[0];
  CHECK(bundle->trace().name_of(edits.first_span) == "str_replace_editor");
  CHECK(edits.reason.rfind("No replacement was performed", 0) == 0);
  CHECK(edits.ended_run);
}

TEST_CASE("OpenHands resolver output: an edit the linter refused eight times in a row is a repeated error") {
  std::unique_ptr<Bundle> bundle;
  const auto sessions = diagnose_file("openhands/resolver_mock/output.jsonl", bundle);
  REQUIRE(sessions.size() == 2);
  CHECK(sessions.at("neubig/pr-viewer#5").findings.empty());
  const SessionDiagnosis& d = sessions.at("neubig/pr-viewer#1");
  INFO(d.verdict);
  // Eight edit_file_by_replace cells on App.tsx, each answered "[Your proposed edit has introduced new syntax
  // error(s). ...]" (the agentskills' linter: the file was left as it was), no successful edit between them.
  REQUIRE(kinds(d) == std::multiset<std::string>{"error"});
  CHECK(d.findings[0].count == 8);
  CHECK(d.findings[0].reason.find("introduced new syntax error") != std::string::npos);
  CHECK_FALSE(d.findings[0].ended_run);
}

TEST_CASE("Claude Code web export: a compaction known only from its summary record is reported") {
  std::unique_ptr<Bundle> bundle;
  const auto sessions = diagnose_file("claude-code-variants/web-loglines.json", bundle);
  REQUIRE(sessions.size() == 1);
  const SessionDiagnosis& d = sessions.begin()->second;
  INFO(d.verdict);
  // No compact_boundary record in this export, only the isCompactSummary user record at 10:04:00.
  REQUIRE(kinds(d) == std::multiset<std::string>{"compaction"});
  CHECK(d.findings[0].count == 1);
}
