// Fuzz target: the index decoders and cross-checks behind the checksums. Byte-level mutation of a whole
// bundle rarely gets past XXH64; here the input's first byte picks an index section (META STRS INPT SESS
// SPAN PREF ATTR SKIP) of a fixed small bundle, the rest becomes that section's content (stored, codec 0),
// and the bundle is reassembled with every checksum valid before it is opened, read, verified and exported.
#include "../hostile/bundle_surgery.h"
#include "fuzz_support.h"

namespace {

const std::vector<agentreel::test::ForgedSection>& base_sections() {
  static const std::vector<agentreel::test::ForgedSection> sections = [] {
    const std::string log =
        R"({"timestamp":"2026-03-04T10:00:00Z","session_id":"s","agent_id":"a","type":"agent_start","environment":"dev","goal":"g","parent_id":null})"
        "\n"
        R"({"timestamp":"2026-03-04T10:00:01Z","session_id":"s","agent_id":"a","type":"tool_use","environment":"dev","tool_name":"Bash","tool_call_id":"t","input":{}})"
        "\n"
        R"({"timestamp":"2026-03-04T10:00:02Z","session_id":"s","agent_id":"a","type":"tool_result","environment":"dev","tool_name":"Bash","tool_call_id":"t","output":"ok","error":null,"duration_ms":5})"
        "\n{bad\n";
    const std::string bundle = agentreel::fuzz::convert_and_check(log, "agenteye", 64);
    return agentreel::test::disassemble(std::vector<uint8_t>(bundle.begin(), bundle.end()));
  }();
  return sections;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace agentreel;
  if (size < 1) return 0;
  static constexpr SectionTag kTags[] = {kTagMeta,    kTagSpans,  kTagSessions,   kTagRecords,
                                         kTagStrings, kTagInputs, kTagAttributes, kTagSkipped};
  std::vector<test::ForgedSection> sections = base_sections();
  test::ForgedSection* target = test::find_section(sections, kTags[data[0] % 8]);
  if (!target) return 0;
  target->codec = kCodecNone;
  target->stored.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  target->raw_size = target->stored.size();
  const std::vector<uint8_t> bundle = test::assemble(sections);
  fuzz::exercise_bundle(std::string_view(reinterpret_cast<const char*>(bundle.data()), bundle.size()));
  return 0;
}
