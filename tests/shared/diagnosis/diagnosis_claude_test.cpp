// Diagnosis (shared/diagnosis/diagnosis.h) of Claude Code transcripts: each finding kind as Claude Code and the
// hook logs beside it record it (hook denials in the result text, failproofai rows, user rejections, a dangling
// call, a cut transcript, a slow model answer, compact_boundary), clean sessions with a permission prompt or an
// interrupt, and every label of the generated corpus in tests/data/diagnosis/claude (see SOURCES.md).
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "diagnosis/diagnosis.h"
#include "test_support.h"

using namespace agentreel;
using namespace agentreel::diagnosis;
using namespace agentreel::test;

namespace {

struct Diagnosed {
  std::unique_ptr<Bundle> bundle;
  std::map<std::string, SessionDiagnosis> by_id;
};

Diagnosed diagnose_inputs(const std::vector<NamedInput>& inputs) {
  Converted converted = convert_in_memory(inputs);
  INFO(converted.status.to_string());
  REQUIRE(converted.status.is_ok());
  auto opened = open_bytes(converted.bundle);
  REQUIRE(opened.is_ok());
  Diagnosed d{opened.take(), {}};
  const Bundle& bundle = *d.bundle;
  for (SessionDiagnosis& s : diagnose(bundle.trace(), [&bundle](RecordRef ref) {
         auto bytes = bundle.read_record(ref);
         return bytes.is_ok() ? bytes.value() : std::string();
       })) {
    d.by_id[std::string(bundle.trace().strings.get(bundle.trace().sessions[s.session].id))] = std::move(s);
  }
  return d;
}

std::set<std::string> kinds(const SessionDiagnosis& d) {
  std::set<std::string> out;
  for (const Finding& f : d.findings) out.insert(std::string(finding_kind_name(f.kind)));
  return out;
}

const Finding* first_of(const SessionDiagnosis& d, FindingKind kind) {
  for (const Finding& f : d.findings)
    if (f.kind == kind) return &f;
  return nullptr;
}

// One Claude Code transcript written record by record: uuid/parentUuid chain, one assistant record per content
// block, tool_use / tool_result pairs. `wait` advances the clock (seconds) before a record.
class Transcript {
 public:
  explicit Transcript(std::string session = "5b1e7c0a-1111-4a2b-9c3d-000000000001") : session_(std::move(session)) {}

  Transcript& prompt(const std::string& text, double wait = 1) { return user("\"" + text + "\"", wait); }
  Transcript& say(const std::string& text, double wait = 2) {
    ++message_;
    return assistant("{\"type\":\"text\",\"text\":\"" + text + "\"}", wait);
  }
  // A call and its result; `error` makes it is_error with that text.
  Transcript& call(const std::string& name, const std::string& input, const std::string& error = "", double run = 1,
                   const std::string& result = "ok") {
    const std::string id = use(name, input);
    const std::string content = error.empty() ? result : error;
    return user("[{\"tool_use_id\":\"" + id + "\",\"type\":\"tool_result\",\"content\":\"" + content +
                    "\",\"is_error\":" + (error.empty() ? "false" : "true") + "}]",
                run);
  }
  std::string use(const std::string& name, const std::string& input, double wait = 0.1) {
    const std::string id = "toolu_01Tst" + std::to_string(100000 + ++calls_) + "AbCdEfGh";
    assistant("{\"type\":\"tool_use\",\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"input\":" + input + "}", wait);
    return id;
  }
  Transcript& text_block(const std::string& text, double wait = 0.5) {
    return user("[{\"type\":\"text\",\"text\":\"" + text + "\"}]", wait);
  }
  Transcript& compact(double wait = 15) {
    const std::string before = parent_;
    parent_.clear();
    record("system",
           "\"subtype\":\"compact_boundary\",\"logicalParentUuid\":\"" + before +
               "\",\"content\":\"Conversation compacted\",\"level\":\"info\",\"compactMetadata\":"
               "{\"trigger\":\"auto\",\"preTokens\":170000}",
           wait);
    return user("\"This session is being continued from a previous conversation.\"", 0.1, ",\"isCompactSummary\":true");
  }
  // A retried API error (Claude Code writes one system record per attempt).
  Transcript& api_retry(int attempt, double wait = 3) {
    return record("system",
                  "\"subtype\":\"api_error\",\"level\":\"error\",\"content\":\"API Error (429): Rate limited. Retrying "
                  "(attempt " +
                      std::to_string(attempt) + "/10)\",\"retryAttempt\":" + std::to_string(attempt),
                  wait);
  }
  // The API error the session ended on.
  Transcript& api_error_message(const std::string& text, double wait = 2) {
    return record("assistant",
                  "\"message\":{\"id\":\"e" + std::to_string(records_) +
                      "\",\"model\":\"<synthetic>\",\"role\":\"assistant\","
                      "\"type\":\"message\",\"content\":[{\"type\":\"text\",\"text\":\"" +
                      text + "\"}]},\"isApiErrorMessage\":true",
                  wait);
  }
  Transcript& raw(const std::string& text) {
    text_ += text;
    return *this;
  }
  const std::string& text() const { return text_; }
  double now() const { return seconds_; }
  const std::string& session() const { return session_; }

 private:
  Transcript& user(const std::string& content, double wait, const std::string& extra = "") {
    return record("user", "\"message\":{\"role\":\"user\",\"content\":" + content + "}" + extra, wait);
  }
  Transcript& assistant(const std::string& block, double wait) {
    return record("assistant",
                  "\"message\":{\"model\":\"claude-sonnet-4-5\",\"id\":\"msg_01Tst" + std::to_string(1000 + message_) +
                      "\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[" + block +
                      "],\"usage\":{\"input_tokens\":3,\"output_tokens\":20}}",
                  wait);
  }
  Transcript& record(const std::string& type, const std::string& body, double wait) {
    seconds_ += wait;
    const std::string uuid = "9d0c55e2-0000-4000-8000-" + std::to_string(100000000000LL + ++records_);
    text_ += "{\"parentUuid\":" + (parent_.empty() ? std::string("null") : "\"" + parent_ + "\"") +
             ",\"isSidechain\":false,\"userType\":\"external\",\"cwd\":\"/home/dev/billing\",\"sessionId\":\"" +
             session_ + "\",\"version\":\"2.1.39\",\"type\":\"" + type + "\"," + body + ",\"uuid\":\"" + uuid +
             "\",\"timestamp\":\"" + timestamp(seconds_) + "\"}\n";
    parent_ = uuid;
    return *this;
  }
  static std::string timestamp(double seconds) {
    char ts[64];
    const int total = int(seconds);
    std::snprintf(ts, sizeof ts, "2026-03-04T%02d:%02d:%02d.%03dZ", 10 + total / 3600, total / 60 % 60, total % 60,
                  int((seconds - total) * 1000));
    return ts;
  }

  std::string session_, text_, parent_;
  double seconds_ = 0;
  int records_ = 0, calls_ = 0, message_ = 0;
};

const char* kGoal = "Fix the failing test in tests/test_invoice.py: invoice totals round per line";

// A short on-task session body: every call different, all about the invoice.
Transcript& on_task(Transcript& t, int steps) {
  for (int i = 0; i < steps; ++i) {
    const std::string n = std::to_string(i);
    t.say("Looking at part " + n + ".");
    if (i % 2)
      t.call("Read", "{\"file_path\":\"/home/dev/billing/src/invoice_part" + n + ".py\"}");
    else
      t.call("Bash", "{\"command\":\"pytest tests/test_invoice.py -q -k case" + n + "\"}");
  }
  return t;
}

Transcript& finish(Transcript& t) { return t.say("Done: the test passes."); }

}  // namespace

TEST_CASE("Claude Code: a clean session with a test failing once, a permission prompt and an interrupt stays clean") {
  Transcript t;
  t.prompt(kGoal);
  on_task(t, 4);
  t.say("Running the tests.").call("Bash", "{\"command\":\"pytest tests/test_invoice.py\"}", "Exit code 1\\nFAILED");
  t.say("Fixing.").call(
      "Edit", "{\"file_path\":\"/home/dev/billing/src/invoice.py\",\"old_string\":\"a\",\"new_string\":\"b\"}");
  // The permission prompt: the call waits 15 minutes for the person before it runs.
  t.say("Running it again.").call("Bash", "{\"command\":\"pytest tests/test_invoice.py --maxfail=1\"}", "", 900);
  t.say("I will restructure the whole module first.").text_block("[Request interrupted by user]");
  t.prompt("No, keep to the failing test please.", 120);
  on_task(t, 4);
  finish(t);
  const Diagnosed d = diagnose_inputs({{"projects/p/" + t.session() + ".jsonl", t.text()}});
  REQUIRE(d.by_id.size() == 1);
  const SessionDiagnosis& s = d.by_id.begin()->second;
  INFO(s.verdict);
  CHECK(s.findings.empty());
}

TEST_CASE("Claude Code: calls a PreToolUse hook refused, with no hook log, are blocked and not a loop") {
  Transcript exit2("5b1e7c0a-1111-4a2b-9c3d-000000000002");
  exit2.prompt(kGoal);
  on_task(exit2, 4);
  for (int i = 0; i < 3; ++i)
    exit2.say("Pushing.")
        .call("Bash", "{\"command\":\"git push --force origin main\"}",
              "PreToolUse:Bash hook error: [guard.sh]: Force-pushing is not allowed.");
  exit2.say("Another way.").call("Bash", "{\"command\":\"git push -u origin fix/invoice\"}");
  on_task(exit2, 2);
  finish(exit2);
  Transcript json("5b1e7c0a-1111-4a2b-9c3d-000000000003");
  json.prompt(kGoal);
  on_task(json, 4);
  json.say("Cleaning.").call("Bash", "{\"command\":\"rm -rf build\"}", "Hook PreToolUse:Bash denied this tool");
  on_task(json, 3);
  finish(json);
  const Diagnosed d = diagnose_inputs({{"projects/p/a.jsonl", exit2.text()}, {"projects/p/b.jsonl", json.text()}});
  const SessionDiagnosis& a = d.by_id.at(exit2.session());
  INFO(a.verdict);
  REQUIRE(kinds(a) == std::set<std::string>{"blocked"});
  const Finding& f = a.findings[0];
  CHECK(f.spans.size() == 3);
  CHECK(f.summary.find("a PreToolUse hook denied `git push --force origin main` 3×") != std::string::npos);
  CHECK(f.summary.find("then ran `git push -u origin fix/invoice`") != std::string::npos);
  CHECK(f.evidence[0] == "reason: Force-pushing is not allowed.");
  // The same facts as fields, not only as words.
  CHECK(f.action == "git push --force origin main");
  CHECK(f.policy == "PreToolUse");
  CHECK(f.reason == "Force-pushing is not allowed.");
  CHECK(f.count == 3);
  const SessionDiagnosis& b = d.by_id.at(json.session());
  INFO(b.verdict);
  CHECK(kinds(b) == std::set<std::string>{"blocked"});
}

TEST_CASE("Claude Code: a failproofai hook-activity row names the policy that blocked the call") {
  Transcript t("5b1e7c0a-1111-4a2b-9c3d-000000000004");
  t.prompt(kGoal);
  on_task(t, 4);
  t.say("Installing.");
  t.call("Bash", "{\"command\":\"sudo apt-get install -y jq\"}",
         "PreToolUse:Bash hook error: [failproofai --hook PreToolUse]: sudo is not available to agents.", 0.05);
  const double denied_at = t.now();
  on_task(t, 3);
  finish(t);
  // failproofai stamps a row after its evaluation: epoch ms of 2026-03-04T10:00:00Z + the call's time.
  const long long ms = 1772618400000LL + (long long)(denied_at * 1000) - 30;
  const std::string activity =
      "{\"eventType\":\"PreToolUse\",\"integration\":\"claude\",\"toolName\":\"Bash\",\"sessionId\":\"" + t.session() +
      "\",\"cwd\":\"/home/dev/billing\",\"permissionMode\":\"default\",\"timestamp\":" + std::to_string(ms) +
      ",\"policyName\":\"block-sudo\",\"decision\":\"deny\",\"reason\":\"sudo is not available to "
      "agents.\",\"durationMs\":4}\n";
  const Diagnosed d =
      diagnose_inputs({{"failproofai/hook-activity/a.jsonl", activity}, {"projects/p/t.jsonl", t.text()}});
  const SessionDiagnosis& s = d.by_id.at(t.session());
  INFO(s.verdict);
  REQUIRE(kinds(s) == std::set<std::string>{"blocked"});
  CHECK(s.findings[0].summary.find("a policy (block-sudo) denied `sudo apt-get install -y jq`") != std::string::npos);
  CHECK(s.findings[0].policy == "block-sudo");
  CHECK(s.findings[0].action == "sudo apt-get install -y jq");
}

TEST_CASE("Claude Code: a call the user rejected is blocked by the user") {
  Transcript t;
  t.prompt(kGoal);
  on_task(t, 4);
  t.say("Pushing.")
      .call("Bash", "{\"command\":\"git push --force origin main\"}",
            "The user doesn't want to proceed with this tool use. The tool use was rejected.", 8);
  t.text_block("[Request interrupted by user for tool use]");
  t.prompt("Do not force-push.", 30);
  on_task(t, 3);
  finish(t);
  const Diagnosed d = diagnose_inputs({{"projects/p/t.jsonl", t.text()}});
  const SessionDiagnosis& s = d.by_id.begin()->second;
  INFO(s.verdict);
  REQUIRE(kinds(s) == std::set<std::string>{"blocked"});
  CHECK(s.findings[0].summary.rfind("the user rejected `git push --force origin main` at span", 0) == 0);
  CHECK(s.findings[0].policy.empty());
}

TEST_CASE("Claude Code: a rejection with the user's guidance, then the edit they asked for, reads as followed") {
  Transcript t;
  t.prompt(kGoal);
  on_task(t, 4);
  t.say("Updating the module file.")
      .call("Edit",
            "{\"file_path\":\"/home/dev/billing/go.mod\",\"old_string\":\"go 1.21\",\"new_string\":\"go 1.22\"}",
            "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file "
            "edit, the new_string was NOT written to the file). To tell you how to proceed, the user said:\\nkeep "
            "go 1.21, only bump the tax module",
            8);
  t.say("Keeping go 1.21.")
      .call("Edit",
            "{\"file_path\":\"/home/dev/billing/go.mod\",\"old_string\":\"tax v1.2.0\",\"new_string\":\"tax v1.3.0\"}");
  on_task(t, 3);
  finish(t);
  const Diagnosed d = diagnose_inputs({{"projects/p/t.jsonl", t.text()}});
  const SessionDiagnosis& s = d.by_id.begin()->second;
  INFO(s.verdict);
  REQUIRE(kinds(s) == std::set<std::string>{"blocked"});
  const std::string& summary = s.findings[0].summary;
  CHECK(summary.find("and said what to do instead; then edited `/home/dev/billing/go.mod`") != std::string::npos);
  CHECK(summary.find("then ran") == std::string::npos);
  CHECK(summary.find("\\n") == std::string::npos);
}

TEST_CASE("Claude Code: a transcript that stops inside a call, or is cut mid-record, is unfinished") {
  Transcript dangling("5b1e7c0a-1111-4a2b-9c3d-000000000005");
  dangling.prompt(kGoal);
  on_task(dangling, 5);
  dangling.say("Running the tests again.");
  dangling.use("Bash", "{\"command\":\"pytest tests/test_invoice.py -q\"}");
  Transcript cut("5b1e7c0a-1111-4a2b-9c3d-000000000006");
  cut.prompt(kGoal);
  on_task(cut, 5);  // ends with a result: nothing is left open
  cut.raw("{\"parentUuid\":\"x\",\"isSidechain\":false,\"sessionId\":\"" + cut.session() + "\",\"type\":\"assis");
  const Diagnosed d = diagnose_inputs({{"projects/p/a.jsonl", dangling.text()}, {"projects/p/b.jsonl", cut.text()}});
  const SessionDiagnosis& a = d.by_id.at(dangling.session());
  INFO(a.verdict);
  REQUIRE(kinds(a) == std::set<std::string>{"unfinished"});
  CHECK(a.findings[0].summary.find("in the middle of `pytest tests/test_invoice.py -q`") != std::string::npos);
  const SessionDiagnosis& b = d.by_id.at(cut.session());
  INFO(b.verdict);
  REQUIRE(kinds(b) == std::set<std::string>{"unfinished"});
  CHECK(b.findings[0].summary.find("cut mid-record at line") != std::string::npos);
  CHECK(b.findings[0].summary.find("left open") == std::string::npos);
}

TEST_CASE("Claude Code: half an hour waiting for a short model answer is a stall, a compaction is reported") {
  Transcript t;
  t.prompt(kGoal);
  on_task(t, 5);
  t.say("Checking the rounding.", 1800);  // the answer after the last result took 30 minutes
  t.call("Read", "{\"file_path\":\"/home/dev/billing/src/rounding.py\"}");
  t.compact();
  on_task(t, 4);
  finish(t);
  const Diagnosed d = diagnose_inputs({{"projects/p/t.jsonl", t.text()}});
  const SessionDiagnosis& s = d.by_id.begin()->second;
  INFO(s.verdict);
  REQUIRE(kinds(s) == std::set<std::string>{"stall", "compaction"});
  const Finding* stall = first_of(s, FindingKind::stall);
  REQUIRE(stall);
  CHECK(stall->summary.rfind("stalled 29 min", 0) == 0);  // 30 min less the seconds its answer took to write
  // The time went to waiting for the model's answer: the stall ends where the model call's work began.
  CHECK(d.bundle->trace().spans.kind[stall->last_span] == SpanKind::model);
}

TEST_CASE("Claude Code: the same failing call again and again, and retries into the same API error, are loops") {
  Transcript same("5b1e7c0a-1111-4a2b-9c3d-000000000007");
  same.prompt(kGoal);
  on_task(same, 3);
  for (int i = 0; i < 4; ++i)
    same.say("Running it again.")
        .call("Bash", "{\"command\":\"pytest tests/test_invoice.py -q\"}", "Exit code 1\\nFAILED 1 test");
  same.say("Fixing.").call(
      "Edit", "{\"file_path\":\"/home/dev/billing/src/invoice.py\",\"old_string\":\"a\",\"new_string\":\"b\"}");
  on_task(same, 2);
  finish(same);
  Transcript retries("5b1e7c0a-1111-4a2b-9c3d-000000000008");
  retries.prompt(kGoal);
  on_task(retries, 3);
  for (int attempt = 1; attempt <= 4; ++attempt) retries.api_retry(attempt);
  on_task(retries, 3);
  finish(retries);
  const Diagnosed d = diagnose_inputs({{"projects/p/a.jsonl", same.text()}, {"projects/p/b.jsonl", retries.text()}});
  const SessionDiagnosis& a = d.by_id.at(same.session());
  INFO(a.verdict);
  REQUIRE(kinds(a) == std::set<std::string>{"loop"});
  CHECK(a.findings[0].summary.find("looped 4× on a failing `pytest tests/test_invoice.py -q`") != std::string::npos);
  CHECK(a.findings[0].action == "pytest tests/test_invoice.py -q");
  CHECK(a.findings[0].count == 4);
  const SessionDiagnosis& b = d.by_id.at(retries.session());
  INFO(b.verdict);
  REQUIRE(kinds(b) == std::set<std::string>{"loop"});
  CHECK(b.findings[0].summary.rfind("retried 4× into the same error (api_error)", 0) == 0);
  CHECK(b.findings[0].count == 4);
}

TEST_CASE("Claude Code: a session that ends on an API error has an error that ended the run, one retry does not") {
  Transcript t;
  t.prompt(kGoal);
  on_task(t, 3);
  t.api_retry(1);  // retried once, then fine
  on_task(t, 3);
  t.api_error_message("API Error: 529 Overloaded");
  const Diagnosed d = diagnose_inputs({{"projects/p/t.jsonl", t.text()}});
  const SessionDiagnosis& s = d.by_id.begin()->second;
  INFO(s.verdict);
  REQUIRE(kinds(s) == std::set<std::string>{"error"});
  CHECK(s.findings[0].severity == Severity::critical);
  CHECK(s.findings[0].summary.find("API Error: 529 Overloaded") != std::string::npos);
  CHECK(s.findings[0].summary.find("it ended the run") != std::string::npos);
}

TEST_CASE("Claude Code: a session that leaves its goal for unrelated files drifts") {
  Transcript t;
  t.prompt(kGoal);
  for (int i = 0; i < 6; ++i)
    t.say("On it.").call("Bash", "{\"command\":\"pytest tests/test_invoice.py -q -k case" + std::to_string(i) + "\"}");
  const char* off[] = {"deploy/k8s/ingress.yaml", "scripts/migrate_accounts.sql", "src/auth/oauth_client.py",
                       "docs/onboarding/laptop_setup.md"};
  for (int i = 0; i < 8; ++i)
    t.say("Also this.").call("Read", std::string("{\"file_path\":\"/home/dev/billing/") + off[i % 4] + "\"}");
  finish(t);
  const Diagnosed d = diagnose_inputs({{"projects/p/t.jsonl", t.text()}});
  const SessionDiagnosis& s = d.by_id.begin()->second;
  INFO(s.verdict);
  REQUIRE(kinds(s) == std::set<std::string>{"drift"});
  CHECK(d.bundle->trace().name_of(s.findings[0].first_span) == "Read");
  CHECK(s.findings[0].evidence[1].find("ingress.yaml") != std::string::npos);
}

TEST_CASE("every label of the generated Claude Code corpus in tests/data/diagnosis/claude is found, and nothing else") {
  namespace fs = std::filesystem;
  const std::string root = data_path("diagnosis/claude");
  std::vector<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(root + "/logs"))
    if (entry.is_regular_file()) names.push_back(fs::relative(entry.path(), root).string());
  std::sort(names.begin(), names.end());
  std::vector<NamedInput> inputs;
  for (const std::string& name : names) inputs.push_back({name, read_file(root + "/" + name)});
  const Diagnosed d = diagnose_inputs(inputs);
  std::istringstream labels(read_file(root + "/labels.txt"));
  std::string line;
  size_t checked = 0;
  std::set<std::string> seen;
  while (std::getline(labels, line)) {
    std::istringstream words(line);
    std::string id, kind;
    words >> id;
    std::set<std::string> want;
    while (words >> kind) want.insert(kind), seen.insert(kind);
    INFO(id);
    REQUIRE(d.by_id.count(id));
    CHECK(kinds(d.by_id.at(id)) == want);
    ++checked;
  }
  CHECK(checked == 20);
  CHECK(seen.size() == 7);  // every kind the corpus generator labels is in it
  // The subagents' transcripts are nested under the Task calls that started them, so their calls are theirs.
  const Trace& trace = d.bundle->trace();
  size_t nested = 0;
  for (uint32_t i = 0; i < trace.spans.size(); ++i) {
    const uint32_t parent = trace.spans.parent[i];
    nested += trace.spans.kind[i] == SpanKind::agent && parent != kNoSpan && trace.name_of(parent) == "Task";
  }
  CHECK(nested == 10);
}
