// Diagnosis (shared/diagnosis/diagnosis.h): each failure kind on small hand-written AgentEye runs, clean runs
// that must stay clean, and every label of the generated corpus in tests/data/diagnosis (see SOURCES.md).
#include "diagnosis/diagnosis.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "test_support.h"

using namespace agentreel;
using namespace agentreel::diagnosis;
using namespace agentreel::test;

namespace {

struct Diagnosed {
  std::unique_ptr<Bundle> bundle;
  std::vector<SessionDiagnosis> sessions;
  const Trace& trace() const { return bundle->trace(); }
};

Diagnosed diagnose_inputs(const std::vector<NamedInput>& inputs) {
  Converted converted = convert_in_memory(inputs);
  INFO(converted.status.to_string());
  REQUIRE(converted.status.is_ok());
  auto opened = open_bytes(converted.bundle);
  REQUIRE(opened.is_ok());
  Diagnosed d{opened.take(), {}};
  const Bundle& bundle = *d.bundle;
  d.sessions = diagnose(bundle.trace(), [&bundle](RecordRef ref) {
    auto bytes = bundle.read_record(ref);
    return bytes.is_ok() ? bytes.value() : std::string();
  });
  return d;
}

// One AgentEye run written line by line; times advance by `step` seconds per event.
class Log {
 public:
  explicit Log(std::string session = "s-1") : session_(std::move(session)) {}
  Log& event(const std::string& type, const std::string& fields, double step = 1.0) {
    seconds_ += step;
    char ts[64];
    const int total = int(seconds_);
    std::snprintf(ts, sizeof ts, "2026-03-04T%02d:%02d:%02d.%06dZ", 10 + total / 3600, total / 60 % 60, total % 60,
                  int((seconds_ - total) * 1e6));
    text_ += std::string("{\"timestamp\":\"") + ts + "\",\"session_id\":\"" + session_ +
             "\",\"agent_id\":\"agent-1\",\"type\":\"" + type + "\",\"environment\":\"dev\"" +
             (fields.empty() ? "" : "," + fields) + "}\n";
    return *this;
  }
  Log& start(const std::string& goal) { return event("agent_start", "\"goal\":\"" + goal + "\",\"parent_id\":null"); }
  Log& end(const std::string& outcome = "success") {
    return event("agent_end", "\"outcome\":\"" + outcome + "\",\"summary\":\"done\"");
  }
  Log& tool(const std::string& name, const std::string& input, const std::string& error = "", double step = 1.0) {
    const std::string id = "toolu_01AbCdEf" + std::to_string(100000 + ++calls_) + "XyZ";
    event("tool_use", "\"tool_name\":\"" + name + "\",\"tool_call_id\":\"" + id + "\",\"input\":" + input, step);
    return event("tool_result", "\"tool_name\":\"" + name + "\",\"tool_call_id\":\"" + id +
                                    "\",\"output\":\"\",\"error\":" + (error.empty() ? "null" : "\"" + error + "\"") +
                                    ",\"duration_ms\":5");
  }
  Log& denied(const std::string& policy, const std::string& command) {
    const std::string id = "toolu_01Den" + std::to_string(100000 + ++calls_) + "XyZ";
    const std::string hook = "hook-" + std::to_string(calls_);
    const std::string input = "{\"command\":\"" + command + "\"}";
    event("tool_use", "\"tool_name\":\"Bash\",\"tool_call_id\":\"" + id + "\",\"input\":" + input);
    event("hook_triggered",
          "\"hook_name\":\"" + policy + "\",\"hook_id\":\"" + hook +
              "\",\"trigger_event\":\"pre_tool_use\",\"input\":{\"tool_name\":\"Bash\",\"tool_call_id\":\"" + id +
              "\",\"tool_input\":" + input + "}");
    event("hook_completed", "\"hook_name\":\"" + policy + "\",\"hook_id\":\"" + hook +
                                "\",\"outcome\":\"deny\",\"output\":{\"reason\":\"not allowed\",\"policy\":\"" +
                                policy + "\"},\"error\":null,\"duration_ms\":3");
    return event("tool_result", "\"tool_name\":\"Bash\",\"tool_call_id\":\"" + id +
                                    "\",\"output\":\"\",\"error\":\"Blocked by hook\",\"duration_ms\":4");
  }
  const std::string& text() const { return text_; }

 private:
  std::string session_;
  std::string text_;
  double seconds_ = 0;
  int calls_ = 0;
};

const char* kGoal = "Fix the failing test in tests/test_invoice.py: invoice totals round per line";

// A short on-task run, used as the body of the others: every call different, all about the invoice.
Log& on_task(Log& log, int steps) {
  for (int i = 0; i < steps; ++i) {
    const std::string n = std::to_string(i);
    if (i % 2)
      log.tool("Read", "{\"file_path\":\"/home/dev/billing/src/invoice_part" + n + ".py\"}");
    else
      log.tool("Bash", "{\"command\":\"pytest tests/test_invoice.py -q -k case" + n + "\"}");
  }
  return log;
}

std::set<std::string> kinds(const SessionDiagnosis& d) {
  std::set<std::string> out;
  for (const Finding& f : d.findings) out.insert(std::string(finding_kind_name(f.kind)));
  return out;
}

}  // namespace

TEST_CASE("call arguments are compared with ids, timestamps and whitespace normalised away") {
  const std::string a =
      R"({"timestamp":"2026-03-04T10:15:19.011000Z","tool_call_id":"toolu_01Zr5Ty7Ui9Op1As3Df5Gh7J","input":{"command":"pytest  tests/test_invoice.py"}})";
  const std::string b =
      R"({"timestamp":"2026-03-04T10:16:02.500000Z","tool_call_id":"toolu_01Lk3Jh5Gf7Ds9Aq2We4Rt6Y","input":{"command":"pytest tests/test_invoice.py"}})";
  const std::string c = R"({"input":{"command":"pytest tests/test_tax.py"}})";
  CHECK(normalized_call_arguments(a) == normalized_call_arguments(b));
  CHECK(normalized_call_arguments(a) != normalized_call_arguments(c));
  CHECK(normalized_call_arguments(R"({"input":{"id":"9e4f2a61-7c3b-4d85-b1f0-6a2e8c5d3b47"}})") ==
        normalized_call_arguments(R"({"input":{"id":"1b5c7d9f-6d2b-4a97-8e40-c8a1f3e52e63"}})"));
}

TEST_CASE("relevance tokens keep names and file stems, not JSON noise or ids") {
  const auto tokens = relevance_tokens("src/billing/invoice_line.py CartSummary toolu_01Zr5Ty7Ui9Op1As3Df5Gh7J the");
  const std::set<std::string> set(tokens.begin(), tokens.end());
  CHECK(set.count("invoice_line"));
  CHECK(set.count("invoice"));
  CHECK(set.count("billing"));
  CHECK(set.count("cartsummary"));
  CHECK(set.count("summary"));
  CHECK(!set.count("the"));
  CHECK(!set.count("toolu_01zr5ty7ui9op1as3df5gh7j"));
}

TEST_CASE("a clean run gets no finding") {
  Log log;
  log.start(kGoal);
  on_task(log, 10).end();
  const Diagnosed d = diagnose_inputs({{"clean.jsonl", log.text()}});
  REQUIRE(d.sessions.size() == 1);
  CHECK(d.sessions[0].findings.empty());
  CHECK(d.sessions[0].verdict == "clean run: no loop, drift, blocked action, error, stall or cut-off found");
}

TEST_CASE("a clean run with one error it got past says so in the singular") {
  Log log;
  log.start(kGoal);
  on_task(log, 3);
  log.tool("Bash", "{\"command\":\"pytest tests/test_invoice.py -q\"}", "exit code 1");
  on_task(log, 3).end();
  const Diagnosed d = diagnose_inputs({{"one-error.jsonl", log.text()}});
  REQUIRE(d.sessions.size() == 1);
  CHECK(d.sessions[0].findings.empty());
  CHECK(d.sessions[0].verdict ==
        "clean run: 1 error, which neither ended the run nor repeated; no loop, drift, blocked action, stall or "
        "cut-off found");
}

TEST_CASE("a clean run that fails a test once, waits for approval and retries one rate limit stays clean") {
  Log log;
  log.start(kGoal);
  on_task(log, 4);
  log.tool("Bash", "{\"command\":\"pytest tests/test_invoice.py -q\"}", "exit code 1");
  log.tool("Edit", "{\"file_path\":\"/home/dev/billing/src/invoice.py\",\"old_string\":\"a\",\"new_string\":\"b\"}");
  log.event("human_wait", "\"input_id\":\"w1\",\"prompt\":\"Allow?\"");
  log.event("human_input", "\"input_id\":\"w1\",\"prompt\":\"Allow?\",\"response\":\"yes\"", 900);
  log.event("model_request", "\"model\":\"m\",\"messages\":[],\"system\":\"\",\"tools\":[]");
  log.event("error", "\"error_type\":\"rate_limit_error\",\"message\":\"Rate limited\",\"traceback\":null");
  log.event("model_response",
            "\"model\":\"m\",\"stop_reason\":\"tool_use\",\"input_tokens\":1,\"output_tokens\":1,\"content\":\"\","
            "\"role\":\"assistant\"");
  on_task(log, 4).end();
  const Diagnosed d = diagnose_inputs({{"clean.jsonl", log.text()}});
  REQUIRE(d.sessions.size() == 1);
  INFO(d.sessions[0].verdict);
  // The quarter hour the approval took is the person's time: waiting, which leaves the run clean.
  REQUIRE(kinds(d.sessions[0]) == std::set<std::string>{"waiting"});
  CHECK(d.sessions[0].findings[0].severity == Severity::info);
  // Clean, but not "no error": the failed test run and the rate limit are counted, as the viewer's header does.
  CHECK(d.sessions[0].verdict ==
        "clean run: 2 errors, none of which ended the run or repeated; no loop, drift, blocked action, stall or "
        "cut-off found; waited 15 min 00 s on a person's answer at span 7");
}

TEST_CASE("identical failing calls back to back are a loop, with where it started, the count and two payloads") {
  Log log;
  log.start(kGoal);
  on_task(log, 3);
  for (int i = 0; i < 5; ++i)
    log.tool(
        "Bash",
        i % 2 ? "{\"command\":\"pytest  tests/test_invoice.py\"}" : "{\"command\":\"pytest tests/test_invoice.py\"}",
        "exit code 1");
  log.tool("Edit", "{\"file_path\":\"/home/dev/billing/src/invoice.py\",\"old_string\":\"a\",\"new_string\":\"b\"}");
  on_task(log, 2).end();
  const Diagnosed d = diagnose_inputs({{"loop.jsonl", log.text()}});
  REQUIRE(d.sessions.size() == 1);
  REQUIRE(kinds(d.sessions[0]) == std::set<std::string>{"loop"});
  const Finding& f = d.sessions[0].findings[0];
  CHECK(f.spans.size() == 5);
  CHECK(f.first_span == f.spans.front());
  CHECK(d.trace().name_of(f.first_span) == "Bash");
  CHECK(f.summary.find("looped 5×") != std::string::npos);
  CHECK(f.summary.find("from span " + std::to_string(f.first_span)) != std::string::npos);
  REQUIRE(f.evidence.size() == 2);
  CHECK(f.evidence[0].find("pytest") != std::string::npos);
}

TEST_CASE("an A-B-A-B cycle is a loop") {
  Log log;
  log.start(kGoal);
  on_task(log, 2);
  log.tool("Edit", "{\"file_path\":\"/home/dev/billing/src/tax.py\",\"old_string\":\"x\",\"new_string\":\"y\"}");
  for (int i = 0; i < 4; ++i) {
    log.tool("Read", "{\"file_path\":\"/home/dev/billing/src/rounding.py\"}");
    log.tool("Bash", "{\"command\":\"pytest tests/test_invoice.py\"}", "exit code 1");
  }
  log.end("failure");
  const Diagnosed d = diagnose_inputs({{"cycle.jsonl", log.text()}});
  REQUIRE(d.sessions.size() == 1);
  CHECK(d.sessions[0].verdict.find("cycled 4×") != std::string::npos);
  // The loop is exactly the eight calls of the cycle: every Read of rounding.py and every failing pytest after
  // the Edit, in order; nothing before it (the on-task calls, the Edit) belongs to it.
  const Trace& t = d.trace();
  std::vector<uint32_t> cycle;
  bool after_edit = false;
  for (uint32_t i = 0; i < t.spans.size(); ++i) {
    if (t.spans.kind[i] != SpanKind::tool) continue;
    if (t.name_of(i) == "Edit")
      after_edit = true;
    else if (after_edit && (t.name_of(i) == "Read" || t.name_of(i) == "Bash"))
      cycle.push_back(i);
  }
  REQUIRE(cycle.size() == 8);
  const Finding* loop = nullptr;
  for (const Finding& f : d.sessions[0].findings) {
    if (f.kind == FindingKind::loop) loop = &f;
  }
  REQUIRE(loop != nullptr);
  CHECK(loop->spans == cycle);
  CHECK(loop->first_span == cycle.front());
  CHECK(loop->last_span == cycle.back());
}

TEST_CASE("a policy denying the same move twice is one blocked finding naming the policy and what came next") {
  Log log;
  log.start(kGoal);
  on_task(log, 4);
  log.denied("block-force-push", "git push --force origin main");
  log.denied("block-force-push", "git push --force origin main");
  log.tool("Bash", "{\"command\":\"git push -u origin fix/invoice\"}");
  on_task(log, 2).end();
  const Diagnosed d = diagnose_inputs({{"blocked.jsonl", log.text()}});
  REQUIRE(d.sessions.size() == 1);
  REQUIRE(kinds(d.sessions[0]) == std::set<std::string>{"blocked"});
  const Finding& f = d.sessions[0].findings[0];
  CHECK(f.spans.size() == 2);
  CHECK(f.summary.find("block-force-push") != std::string::npos);
  CHECK(f.summary.find("`git push --force origin main` 2×") != std::string::npos);
  CHECK(f.summary.find("then ran `git push -u origin fix/invoice`") != std::string::npos);
  CHECK(f.evidence[0] == "reason: not allowed");
}

TEST_CASE("an error that ended the run is reported, a run cut mid-record is unfinished") {
  Log failed;
  failed.start(kGoal);
  on_task(failed, 4);
  failed.event("error", "\"error_type\":\"sandbox_error\",\"message\":\"container exited 137\",\"traceback\":null");
  failed.end("error");
  Log cut("s-cut");
  cut.start(kGoal);
  on_task(cut, 4);
  std::string cut_text =
      cut.text() +
      R"({"timestamp":"2026-03-04T11:00:00.000000Z","session_id":"s-cut","agent_id":"agent-1","type":"tool_u)";
  const Diagnosed d = diagnose_inputs({{"failed.jsonl", failed.text()}, {"cut.jsonl", cut_text}});
  REQUIRE(d.sessions.size() == 2);
  std::map<std::string, const SessionDiagnosis*> by_id;
  for (const SessionDiagnosis& s : d.sessions)
    by_id[std::string(d.trace().strings.get(d.trace().sessions[s.session].id))] = &s;
  REQUIRE(kinds(*by_id["s-1"]) == std::set<std::string>{"error"});
  CHECK(by_id["s-1"]->findings[0].severity == Severity::critical);
  CHECK(by_id["s-1"]->findings[0].summary.find("sandbox_error") != std::string::npos);
  REQUIRE(kinds(*by_id["s-cut"]) == std::set<std::string>{"unfinished"});
  CHECK(by_id["s-cut"]->findings[0].summary.find("cut mid-record") != std::string::npos);
}

TEST_CASE("a long idle gap is a stall, a compaction pause is reported, drift names where it started") {
  Log log;
  log.start(kGoal);
  on_task(log, 6);
  log.tool("Bash", "{\"command\":\"pytest tests/test_invoice.py -q\"}", "", 1800);  // 30 minutes idle
  log.event("agent_pause", "\"pause_id\":\"p1\",\"reason\":\"Context compaction\"");
  log.event("agent_resume", "\"pause_id\":\"p1\",\"reason\":\"done\"", 10);
  const char* off[] = {"deploy/k8s/ingress.yaml", "scripts/migrate_accounts.sql", "src/auth/oauth_client.py",
                       "docs/onboarding/laptop_setup.md"};
  for (int i = 0; i < 10; ++i)
    log.tool("Read", std::string("{\"file_path\":\"/home/dev/billing/") + off[i % 4] + "\"}");
  log.end();
  const Diagnosed d = diagnose_inputs({{"mixed.jsonl", log.text()}});
  REQUIRE(d.sessions.size() == 1);
  INFO(d.sessions[0].verdict);
  CHECK(kinds(d.sessions[0]) == std::set<std::string>{"stall", "compaction", "drift"});
  for (const Finding& f : d.sessions[0].findings) {
    if (f.kind != FindingKind::drift) continue;
    CHECK(d.trace().name_of(f.first_span) == "Read");
    REQUIRE(f.evidence.size() == 2);
    CHECK(f.evidence[0].find("invoice.py") != std::string::npos);
    CHECK(f.evidence[1].find("ingress.yaml") != std::string::npos);
  }
}

TEST_CASE("a long session is judged on samples, and the drift point is refined between two samples") {
  Log log;
  log.start(kGoal);
  for (int i = 0; i < 40; ++i) {  // every call names the goal's test
    if (i % 2)
      log.tool("Edit", "{\"file_path\":\"/home/dev/billing/tests/test_invoice.py\",\"old_string\":\"a" +
                           std::to_string(i) + "\",\"new_string\":\"b\"}");
    else
      log.tool("Bash", "{\"command\":\"pytest tests/test_invoice.py -q -k case" + std::to_string(i) + "\"}");
  }
  const char* off[] = {"deploy/k8s/ingress.yaml", "scripts/migrate_accounts.sql", "src/auth/oauth_client.py",
                       "docs/onboarding/laptop_setup.md"};
  for (int i = 0; i < 40; ++i)
    log.tool("Read", std::string("{\"file_path\":\"/home/dev/billing/") + off[i % 4] + "\"}");
  log.end();
  Converted converted = convert_in_memory({{"long.jsonl", log.text()}});
  REQUIRE(converted.status.is_ok());
  auto opened = open_bytes(converted.bundle);
  REQUIRE(opened.is_ok());
  const Bundle& bundle = *opened.value();
  const Trace& trace = bundle.trace();
  size_t reads = 0;
  auto payload = [&](RecordRef ref) {
    ++reads;
    auto bytes = bundle.read_record(ref);
    return bytes.is_ok() ? bytes.value() : std::string();
  };
  // The first off-task call: the 41st tool span of the session.
  uint32_t first_off = kNoSpan;
  for (uint32_t i = 0, calls = 0; i < trace.spans.size() && first_off == kNoSpan; ++i)
    if (trace.spans.kind[i] == SpanKind::tool && ++calls == 41) first_off = i;
  REQUIRE(first_off != kNoSpan);
  DiagnosisOptions all;
  const SessionDiagnosis full = diagnose_session(trace, 0, payload, all);
  const size_t full_reads = reads;
  reads = 0;
  DiagnosisOptions sampled;
  sampled.drift_max_steps = 13;  // 80 calls: samples at calls 36 and 43, none on the first off-task call (40)
  const SessionDiagnosis few = diagnose_session(trace, 0, payload, sampled);
  CHECK(reads < full_reads);
  for (const SessionDiagnosis* d : {&full, &few}) {
    INFO(d->verdict);
    REQUIRE(kinds(*d) == std::set<std::string>{"drift"});
    CHECK(d->findings[0].first_span == first_off);
    CHECK(d->findings[0].spans.front() == first_off);
  }
  CHECK(few.findings[0].summary.find("later steps sampled") != std::string::npos);
  CHECK(full.findings[0].summary.find("sampled") == std::string::npos);
}

TEST_CASE("without payloads the diagnosis still runs on structure alone") {
  Log log;
  log.start(kGoal);
  on_task(log, 4).end("error");
  Converted converted = convert_in_memory({{"x.jsonl", log.text()}});
  REQUIRE(converted.status.is_ok());
  auto opened = open_bytes(converted.bundle);
  REQUIRE(opened.is_ok());
  const auto sessions = diagnose(opened.value()->trace(), RecordReader());
  CHECK(sessions.size() == 1);
}

TEST_CASE("every label of the generated corpus in tests/data/diagnosis is found, and nothing else") {
  std::vector<NamedInput> inputs;
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(data_path("diagnosis/logs")))
    names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  for (const std::string& name : names)
    inputs.push_back({"logs/" + name, read_file(data_path("diagnosis/logs/" + name))});
  const Diagnosed d = diagnose_inputs(inputs);
  std::map<std::string, std::set<std::string>> got;
  for (const SessionDiagnosis& s : d.sessions)
    got[std::string(d.trace().strings.get(d.trace().sessions[s.session].id))] = kinds(s);
  std::istringstream labels(read_file(data_path("diagnosis/labels.txt")));
  std::string line;
  size_t checked = 0;
  while (std::getline(labels, line)) {
    std::istringstream words(line);
    std::string id, kind;
    words >> id;
    std::set<std::string> want;
    while (words >> kind) want.insert(kind);
    INFO(id);
    CHECK(got[id] == want);
    ++checked;
  }
  CHECK(checked == 20);
}

namespace {

// A model turn of `seconds` that wrote `output_tokens` and stopped for `stop_reason`.
Log& model_turn(Log& log, double seconds, int output_tokens, const std::string& stop_reason = "tool_use",
                const std::string& model = "claude-sonnet-4-5") {
  log.event("model_request", "\"model\":\"" + model + "\",\"messages\":[],\"system\":\"\",\"tools\":[]");
  return log.event("model_response",
                   "\"model\":\"" + model + "\",\"stop_reason\":\"" + stop_reason +
                       "\",\"input_tokens\":10,\"output_tokens\":" + std::to_string(output_tokens) +
                       ",\"content\":\"ok\",\"role\":\"assistant\"",
                   seconds);
}

const Finding* only_of(const SessionDiagnosis& d, FindingKind kind) {
  const Finding* found = nullptr;
  for (const Finding& f : d.findings) {
    if (f.kind != kind) continue;
    if (found) return nullptr;
    found = &f;
  }
  return found;
}

}  // namespace

TEST_CASE("a test failing until the run fails is one loop that ended the run, not also an error") {
  Log log;
  log.start(kGoal);
  on_task(log, 4);
  for (int i = 0; i < 6; ++i) log.tool("Bash", "{\"command\":\"pytest tests/test_invoice.py -q\"}", "exit code 1");
  log.end("failure");
  const Diagnosed d = diagnose_inputs({{"loop-end.jsonl", log.text()}});
  REQUIRE(d.sessions.size() == 1);
  INFO(d.sessions[0].verdict);
  REQUIRE(kinds(d.sessions[0]) == std::set<std::string>{"loop"});
  const Finding& loop = d.sessions[0].findings[0];
  CHECK(loop.count == 6);
  CHECK(loop.severity == Severity::critical);
  CHECK(loop.summary.find("; it ended the run") != std::string::npos);
  CHECK(loop.ended_run);
  CHECK(loop.cause_span == kNoSpan);  // nothing failed before the loop began
}

TEST_CASE("the failure that sent the agent into a loop is the loop's cause") {
  Log log;
  log.start(kGoal);
  on_task(log, 4);
  log.tool("Edit", "{\"file_path\":\"/home/dev/billing/src/invoice.py\",\"old_string\":\"q\",\"new_string\":\"r\"}",
           "old_string not found");
  for (int i = 0; i < 4; ++i) log.tool("Bash", "{\"command\":\"pytest tests/test_invoice.py -q\"}", "exit code 1");
  on_task(log, 6).end();
  const Diagnosed d = diagnose_inputs({{"loop-cause.jsonl", log.text()}});
  REQUIRE(d.sessions.size() == 1);
  INFO(d.sessions[0].verdict);
  const Finding* loop = nullptr;
  for (const Finding& f : d.sessions[0].findings)
    if (f.kind == FindingKind::loop) loop = &f;
  REQUIRE(loop);
  REQUIRE(loop->cause_span != kNoSpan);
  CHECK(d.trace().name_of(loop->cause_span) == "Edit");
  CHECK_FALSE(loop->ended_run);
}

TEST_CASE("an error the run went on from did not end it, whatever the run's outcome") {
  Log log;
  log.start(kGoal);
  on_task(log, 4);
  log.tool("Bash", "{\"command\":\"pytest tests/test_invoice.py -q\"}", "exit code 1");
  on_task(log, 6);
  log.end("failure");
  const Diagnosed d = diagnose_inputs({{"went-on.jsonl", log.text()}});
  REQUIRE(d.sessions.size() == 1);
  INFO(d.sessions[0].verdict);
  CHECK(d.sessions[0].findings.empty());
}

TEST_CASE("the same successful call three times is no loop, five times is") {
  for (const int repeats : {3, 5}) {
    Log log;
    log.start(kGoal);
    on_task(log, 4);
    for (int i = 0; i < repeats; ++i) log.tool("Read", "{\"file_path\":\"/home/dev/billing/src/invoice.py\"}");
    on_task(log, 4).end();
    const Diagnosed d = diagnose_inputs({{"same-file.jsonl", log.text()}});
    REQUIRE(d.sessions.size() == 1);
    INFO(repeats << ": " << d.sessions[0].verdict);
    CHECK(kinds(d.sessions[0]) == (repeats == 5 ? std::set<std::string>{"loop"} : std::set<std::string>{}));
  }
}

TEST_CASE("polling a background task is waiting on it, not a loop") {
  Log log;
  log.start(kGoal);
  on_task(log, 4);
  log.tool("Bash", "{\"command\":\"pytest tests/ -q\",\"run_in_background\":true}");
  for (int i = 0; i < 6; ++i) log.tool("TaskOutput", "{\"task_id\":\"bash_1\",\"block\":true}");
  on_task(log, 4).end();
  const Diagnosed d = diagnose_inputs({{"poll.jsonl", log.text()}});
  REQUIRE(d.sessions.size() == 1);
  INFO(d.sessions[0].verdict);
  CHECK(d.sessions[0].findings.empty());
}

TEST_CASE("a model writing for minutes is working, a model call that wrote nothing for half an hour is a stall") {
  for (const bool wrote : {true, false}) {
    Log log;
    log.start(kGoal);
    on_task(log, 6);
    model_turn(log, wrote ? 420 : 1800, wrote ? 7000 : 40);  // 7,000 tokens of thinking in 7 min
    on_task(log, 4).end();
    const Diagnosed d = diagnose_inputs({{"model-time.jsonl", log.text()}});
    REQUIRE(d.sessions.size() == 1);
    INFO(d.sessions[0].verdict);
    if (wrote) {
      CHECK(d.sessions[0].findings.empty());
    } else {
      const Finding* stall = only_of(d.sessions[0], FindingKind::stall);
      REQUIRE(stall);
      CHECK(d.trace().spans.kind[stall->last_span] == SpanKind::model);
      CHECK(stall->gap_ns > 1790'000'000'000);
    }
  }
}

TEST_CASE("a person away after the agent ended its turn, or answering a question, is waiting, never a stall") {
  Log log;
  log.start(kGoal);
  on_task(log, 6);
  model_turn(log, 2, 50, "end_turn");
  log.event("human_input", "\"input_id\":\"p2\",\"prompt\":\"\",\"response\":\"continue\"", 4 * 3600);
  on_task(log, 2);
  // The question's answer came 19 minutes later: its result is written then.
  log.event("tool_use",
            "\"tool_name\":\"AskUserQuestion\",\"tool_call_id\":\"toolu_ask\",\"input\":{\"q\":\"Which?\"}");
  log.event("tool_result",
            "\"tool_name\":\"AskUserQuestion\",\"tool_call_id\":\"toolu_ask\",\"output\":\"per line\",\"error\":null",
            1140);
  on_task(log, 2).end();
  const Diagnosed d = diagnose_inputs({{"away.jsonl", log.text()}});
  REQUIRE(d.sessions.size() == 1);
  INFO(d.sessions[0].verdict);
  CHECK(kinds(d.sessions[0]) == std::set<std::string>{"waiting"});
  CHECK(d.sessions[0].verdict.rfind("clean run", 0) == 0);
  size_t waits = 0;
  for (const Finding& f : d.sessions[0].findings)
    waits += f.kind == FindingKind::waiting && f.gap_ns >= 1000'000'000'000;
  CHECK(waits >= 1);
}

TEST_CASE("after a denied commit, committing with --no-verify is a bypass caused by the denial") {
  Log log;
  log.start(kGoal);
  on_task(log, 4);
  log.denied("require-checks", "git commit -m 'fix rounding'");
  log.tool("Bash", "{\"command\":\"git commit --no-verify -m 'fix rounding'\"}");
  on_task(log, 2).end();
  const Diagnosed d = diagnose_inputs({{"bypass.jsonl", log.text()}});
  REQUIRE(d.sessions.size() == 1);
  INFO(d.sessions[0].verdict);
  CHECK(kinds(d.sessions[0]) == std::set<std::string>{"blocked", "bypass"});
  const Finding* bypass = only_of(d.sessions[0], FindingKind::bypass);
  REQUIRE(bypass);
  CHECK(d.trace().spans.status[bypass->cause_span] == SpanStatus::denied);
  CHECK(bypass->summary.find("--no-verify") != std::string::npos);
}

TEST_CASE("a turn that ends after blocks in a row, with nothing done after them, gave up") {
  Log log;
  log.start(kGoal);
  on_task(log, 4);
  for (int i = 0; i < 3; ++i) log.denied("require-checks", "git commit -m 'fix rounding " + std::to_string(i) + "'");
  model_turn(log, 2, 80, "end_turn");
  log.end();
  const Diagnosed d = diagnose_inputs({{"gave-up.jsonl", log.text()}});
  REQUIRE(d.sessions.size() == 1);
  INFO(d.sessions[0].verdict);
  const Finding* gave_up = only_of(d.sessions[0], FindingKind::gave_up);
  REQUIRE(gave_up);
  CHECK(gave_up->count == 3);
  CHECK(d.trace().spans.status[gave_up->cause_span] == SpanStatus::denied);
  CHECK(d.trace().spans.kind[gave_up->last_span] == SpanKind::model);
}

TEST_CASE("the main loop's model changing and staying changed is a model switch, one aside is not") {
  for (const bool stays : {true, false}) {
    Log log;
    log.start(kGoal);
    for (int i = 0; i < 4; ++i)
      model_turn(log, 1, 20, "tool_use", "claude-opus-4-1")
          .tool("Read", "{\"file_path\":\"/a" + std::to_string(i) + ".py\"}");
    const int later = stays ? 4 : 1;
    for (int i = 0; i < later; ++i)
      model_turn(log, 1, 20, "tool_use", "claude-haiku-4-5")
          .tool("Read", "{\"file_path\":\"/b" + std::to_string(i) + ".py\"}");
    if (!stays)
      for (int i = 0; i < 3; ++i)
        model_turn(log, 1, 20, "tool_use", "claude-opus-4-1")
            .tool("Read", "{\"file_path\":\"/c" + std::to_string(i) + ".py\"}");
    log.end();
    const Diagnosed d = diagnose_inputs({{"switch.jsonl", log.text()}});
    REQUIRE(d.sessions.size() == 1);
    INFO(d.sessions[0].verdict);
    const Finding* sw = only_of(d.sessions[0], FindingKind::model_switch);
    CHECK((sw != nullptr) == stays);
    if (sw) CHECK(sw->summary.find("from claude-opus-4-1 to claude-haiku-4-5") != std::string::npos);
  }
}
