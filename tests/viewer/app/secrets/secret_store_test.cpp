// SecretStore on the planted corpus (fake secrets, tests/data/secrets/planted, converted at test time): every
// session's marks equal a direct scan of each span's records, whether scanned inline, a slice per frame (the
// browser) or on a worker; the shown session first; a redacted bundle's placeholders mark nothing.
#include "app/secrets/secret_store.h"

#include <catch2/catch.hpp>
#include <memory>
#include <thread>

#include "secrets/redactor.h"
#include "test_support.h"

namespace agentreel::viewer {
namespace {

std::unique_ptr<Document> open_converted(const std::vector<test::NamedInput>& inputs) {
  test::Converted converted = test::convert_in_memory(inputs);
  REQUIRE(converted.status.is_ok());
  auto doc = Document::open(std::make_unique<agentreel::OwnedMemorySource>(converted.bundle), "planted.reel");
  REQUIRE(doc.is_ok());
  return std::move(doc.value());
}

std::unique_ptr<Document> planted_document() {
  const std::string planted = std::string(AGENTREEL_TEST_DATA) + "/secrets/planted/";
  std::vector<test::NamedInput> inputs;
  for (const char* path : {"claude-code/short.jsonl", "agenteye/interleaved.jsonl", "otlp/genai_semconv.jsonl"}) {
    inputs.push_back({path, test::read_file(planted + path)});
    REQUIRE(!inputs.back().bytes.empty());
  }
  return open_converted(inputs);
}

// The spans of `session` whose begin or end record holds a secret, scanned one by one.
std::vector<uint32_t> direct_spans(const Document& doc, uint32_t session) {
  const secrets::Scanner scanner;
  const Trace& trace = doc.trace();
  const Session& s = trace.sessions[session];
  std::vector<uint32_t> spans;
  for (uint32_t span = s.first_span; span < s.first_span + s.span_count; ++span) {
    bool found = false;
    for (const RecordRef ref : {trace.spans.begin_record[span], trace.spans.end_record[span]}) {
      auto record = doc.read_record(ref);
      found |= record.is_ok() && !scanner.find_secrets(record.value()).empty();
    }
    if (found) spans.push_back(span);
  }
  return spans;
}

void require_same_as_direct(const Document& doc, const SecretStore& store) {
  size_t marked = 0;
  for (uint32_t s = 0; s < doc.trace().sessions.size(); ++s) {
    const SessionSecrets* found = store.get(s);
    REQUIRE(found != nullptr);
    CHECK(found->spans == direct_spans(doc, s));
    REQUIRE(found->kinds.size() == found->spans.size());
    for (size_t i = 0; i < found->spans.size(); ++i) {
      CHECK(found->kinds[i] != 0);
      CHECK(found->kinds_of(found->spans[i]) == found->kinds[i]);
    }
    uint32_t by_kind = 0;
    for (uint32_t n : found->distinct_by_kind) by_kind += n;
    CHECK(by_kind == found->distinct);
    CHECK(found->phrase.empty() == (found->distinct == 0));
    marked += found->spans.size();
  }
  CHECK(marked >= 4);  // the corpus plants secrets in several spans of each format
}

TEST_CASE("secret store: the shown session first, the others within the budget, as a direct scan finds them") {
  const auto doc = planted_document();
  const uint32_t sessions = uint32_t(doc->trace().sessions.size());
  REQUIRE(sessions >= 2);
  SecretStore store;
  store.open(*doc);
  CHECK_FALSE(store.redacted());
  store.step(*doc, 1, 0);  // no budget: the shown session only
  CHECK(store.scanned_count() == 1);
  CHECK(store.get(0) == nullptr);
  REQUIRE(store.get(1) != nullptr);
  CHECK(store.background_pending());
  store.step(*doc, 1, 1000);
  CHECK_FALSE(store.background_pending());
  require_same_as_direct(*doc, store);
  CHECK(store.get(sessions) == nullptr);
}

TEST_CASE("secret store: without a worker a big session is scanned a slice per frame") {
  const auto doc = planted_document();
  SecretStore store;
  store.open(*doc);
  store.set_inline_bytes(0);  // every session is big
  int frames = 0;
  while (store.background_pending() && frames < 100000) {
    store.step(*doc, 0, 0.001);
    ++frames;
  }
  CHECK(frames > int(doc->trace().sessions.size()));  // slices, not one session a frame
  require_same_as_direct(*doc, store);
}

TEST_CASE("secret store: on a worker, the shown session and then the others in batches, cancelled by reset") {
  const auto doc = planted_document();
  SecretStore store;
  store.open(*doc);
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
  store.set_inline_bytes(0);
  store.step(*doc, 1, 0);
  CHECK(started == 1);
  store.step(*doc, 1, 0);  // one job at a time
  CHECK(started == 1);
  store.scan_now(*doc, 1);  // waits for the worker and takes its result
  CHECK(joined == 1);
  REQUIRE(store.get(1) != nullptr);
  CHECK(store.get(1)->spans == direct_spans(*doc, 1));
  while (store.background_pending()) store.step(*doc, 1, 1000);
  require_same_as_direct(*doc, store);
  CHECK(store.worker_scanned_count() == doc->trace().sessions.size());  // the background sweep ran there too
  CHECK(started >= 2);
  store.step(*doc, 0, 0);
  store.reset(2);
  CHECK(store.scanned_count() == 0);
  CHECK(started == joined);
}

TEST_CASE("secret store: placeholders of a redaction mark nothing") {
  // short.jsonl redacted as agentreel redact does it, without the manifest section (redacted() is tested natively,
  // by viewer_native_secrets on a bundle agentreel redact wrote).
  const std::string planted = std::string(AGENTREEL_TEST_DATA) + "/secrets/planted/claude-code/short.jsonl";
  std::string log = test::read_file(planted);
  REQUIRE(!log.empty());
  secrets::PlaceholderBook book;
  std::string redacted;
  secrets::StreamRedactor redactor(SecretStore::scanner(), book, [&](std::string_view piece) {
    redacted.append(piece);
    return Status::ok();
  });
  REQUIRE(redactor.feed(log).is_ok());
  REQUIRE(redactor.finish().is_ok());
  REQUIRE(!redactor.replacements().empty());
  const auto doc = open_converted({{"short.jsonl", redacted}});
  SecretStore store;
  store.open(*doc);
  while (store.background_pending()) store.step(*doc, 0, 1000);
  for (uint32_t s = 0; s < doc->trace().sessions.size(); ++s) {
    REQUIRE(store.get(s) != nullptr);
    CHECK(store.get(s)->spans.empty());
    CHECK(store.get(s)->distinct == 0);
  }
}

}  // namespace
}  // namespace agentreel::viewer
