// Policy #34 (AI Behavior): warn-repeated-tool-calls. The fourth and every later identical call (same tool, same
// tool_input, same transcript) gets an instruct; the count itself is recorded by the engine, and only when the
// policy really runs (no earlier deny), as live. The fingerprint comes from PolicyInput. Depends on
// builtin_policy.h and repeated_calls.h.
#include <string>

#include "policy/builtin_policy.h"
#include "policy/json_stringify.h"
#include "policy/repeated_calls.h"

namespace agentreel::policy {
namespace {

constexpr uint32_t kRepeatThreshold = 3;

class WarnRepeatedToolCalls final : public BuiltinPolicy {
 public:
  PolicyVerdict evaluate(const PolicyInput& input) const override {
    const std::optional<std::string_view> fingerprint = input.repeated_call_fingerprint();
    if (!fingerprint || input.repeated_calls == nullptr) return PolicyVerdict::allow();
    const uint32_t previous = input.repeated_calls->count(input.transcript_path, input.repeated_call_key());
    if (previous < kRepeatThreshold) return PolicyVerdict::allow();
    return PolicyVerdict::instruct("STOP: You have already called " + *input.tool_name + " " +
                                   std::to_string(previous) +
                                   " times with identical parameters. This is wasteful and unproductive. Do NOT "
                                   "repeat this call \xe2\x80\x94 use a different approach or ask the user for "
                                   "clarification.");
  }
};

}  // namespace

Result<std::unique_ptr<BuiltinPolicy>> make_repeated_calls_policy(PolicyId id, const PolicyParams&) {
  if (id != PolicyId::warn_repeated_tool_calls) return Status(ErrorCode::invalid_argument, "not #34");
  return std::unique_ptr<BuiltinPolicy>(std::make_unique<WarnRepeatedToolCalls>());
}

}  // namespace agentreel::policy
