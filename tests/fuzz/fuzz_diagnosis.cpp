// Fuzz target: the diagnosis (shared/diagnosis) over whatever a reader makes of untrusted bytes — it reads payload
// text and runs automatically in the viewer. The first byte picks the format (AgentEye, Claude Code, Codex,
// OpenHands, detected); the rest is converted and every session diagnosed. Findings must name spans of their own
// session, in order, and every session gets a verdict. Depends on shared/ only.
#include <array>

#include "diagnosis/diagnosis.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace agentreel;
  if (size == 0) return 0;
  constexpr std::array<std::string_view, 5> kFormats = {"agenteye", "claude_code", "codex", "openhands", ""};
  const std::string_view format = kFormats[data[0] % kFormats.size()];
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string bytes = fuzz::convert_only(input, format, fuzz::chunk_for(input));
  if (bytes.empty()) return 0;
  auto opened = Bundle::open(std::make_unique<MemorySource>(bytes.data(), bytes.size()));
  fuzz::require(opened.is_ok());
  const Bundle& bundle = *opened.value();
  const Trace& trace = bundle.trace();
  const auto results = diagnosis::diagnose(trace, [&bundle](RecordRef ref) {
    auto record = bundle.read_record(ref);
    return record.is_ok() ? record.value() : std::string();
  });
  fuzz::require(results.size() == trace.sessions.size());
  for (const diagnosis::SessionDiagnosis& d : results) {
    const Session& s = trace.sessions[d.session];
    const uint32_t end = s.first_span + s.span_count;
    auto inside = [&](uint32_t span) { return span >= s.first_span && span < end; };
    fuzz::require(!d.verdict.empty());
    for (const diagnosis::Finding& f : d.findings) {
      fuzz::require(inside(f.first_span) && inside(f.last_span) && f.first_span <= f.last_span);
      fuzz::require(f.cause_span == kNoSpan || inside(f.cause_span));
      fuzz::require(!f.summary.empty());
      for (const uint32_t span : f.spans) fuzz::require(inside(span));
    }
  }
  return 0;
}
