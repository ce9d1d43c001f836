// Diagnosis on real runs of the formats beside Claude Code and AgentEye, each finding checked by reading the run
// (tests/data/*/SOURCES.md names where each came from): what is found, and what must not be.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "analysis/diagnosis.h"
#include "test_support.h"

using namespace agentreel;
using namespace agentreel::analysis;
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
