// DiagnosisStore on the demo bundle (three sessions, converted at test time): the shown session first, the
// others only within the frame budget, a worker job collected when done or waited for, and every result equal
// to diagnose_session's on the same trace.
#include "app/diagnosis/diagnosis_store.h"

#include <catch2/catch.hpp>
#include <thread>

#include "test_support.h"

namespace agentreel::viewer {
namespace {

std::unique_ptr<Document> demo_document() {
  const std::string log = test::read_file(std::string(AGENTREEL_EXAMPLES) + "/demo/demo.agenteye.jsonl");
  REQUIRE(!log.empty());
  test::Converted converted = test::convert_in_memory({{"demo.agenteye.jsonl", log}});
  REQUIRE(converted.status.is_ok());
  auto doc = Document::open(std::make_unique<agentreel::OwnedMemorySource>(converted.bundle), "demo.reel");
  REQUIRE(doc.is_ok());
  return std::move(doc.value());
}

// What the store must hold for `session`: the analysis run directly on the bundle.
void require_same_as_direct(const Document& doc, const DiagnosisStore& store, uint32_t session) {
  const diagnosis::SessionDiagnosis* stored = store.get(session);
  REQUIRE(stored != nullptr);
  const diagnosis::SessionDiagnosis direct = diagnosis::diagnose_session(doc.trace(), session, [&](RecordRef ref) {
    auto record = doc.read_record(ref);
    return record.is_ok() ? record.take() : std::string();
  });
  CHECK(stored->session == session);
  CHECK(stored->verdict == direct.verdict);
  REQUIRE(stored->findings.size() == direct.findings.size());
  for (size_t i = 0; i < direct.findings.size(); ++i) {
    CHECK(stored->findings[i].summary == direct.findings[i].summary);
    CHECK(stored->findings[i].spans == direct.findings[i].spans);
  }
}

TEST_CASE("diagnosis store: the shown session first, the others only within the frame budget") {
  const auto doc = demo_document();
  const uint32_t sessions = static_cast<uint32_t>(doc->trace().sessions.size());
  REQUIRE(sessions == 3);
  DiagnosisStore store;
  store.step(*doc, 2, 0);  // no budget: the shown session only
  CHECK(store.session_count() == sessions);
  CHECK(store.analysed_count() == 1);
  CHECK(store.get(0) == nullptr);
  CHECK(store.get(1) == nullptr);
  require_same_as_direct(*doc, store, 2);
  CHECK(store.background_pending());

  store.step(*doc, 2, 1000);  // a generous budget: the background sweep finishes
  CHECK(store.analysed_count() == sessions);
  CHECK_FALSE(store.background_pending());
  for (uint32_t s = 0; s < sessions; ++s) require_same_as_direct(*doc, store, s);
  CHECK(store.get(sessions) == nullptr);  // out of range: nothing, not a crash

  store.reset(sessions);  // forgets everything
  CHECK(store.analysed_count() == 0);
  CHECK(store.get(2) == nullptr);
}

TEST_CASE("diagnosis store: a big shown session runs on the worker and is collected once done") {
  const auto doc = demo_document();
  DiagnosisStore store;
  int started = 0, joined = 0;
  store.set_runner([&](std::function<void()> work) -> std::function<void()> {
    ++started;
    auto thread = std::make_shared<std::thread>(std::move(work));
    return [thread, &joined] {
      if (thread->joinable()) {
        thread->join();
        ++joined;
      }
    };
  });
  store.set_worker_min_spans(0);  // every shown session counts as big
  store.step(*doc, 1, 0);
  CHECK(started == 1);
  CHECK(store.background_pending());  // the job is out
  store.step(*doc, 1, 0);             // no second job for the same session while the first runs
  CHECK(started == 1);
  store.analyse_now(*doc, 1);  // waits for the worker and takes its result
  CHECK(joined == 1);
  require_same_as_direct(*doc, store, 1);
  CHECK(store.analysed_count() == 1);

  store.step(*doc, 0, 0);  // the next shown session: a new job, cancelled and joined by reset
  CHECK(started == 2);
  store.reset(3);
  CHECK(joined == 2);
  CHECK(store.analysed_count() == 0);
  CHECK(store.get(0) == nullptr);
}

}  // namespace
}  // namespace agentreel::viewer
