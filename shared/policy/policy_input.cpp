// PolicyInput's lazily computed views of the payload: its JSON.stringify text, the sanitizer fragments its strings
// hold, and warn-repeated-tool-calls' fingerprint (see policy_input.h).
#include "policy/policy_input.h"

#include "policy/json_stringify.h"
#include "policy/secret_literals.h"

namespace agentreel::policy {

std::string_view PolicyInput::stringified_payload() const {
  std::string& text = scratch->stringified_payload;
  if (!stringified_ready_) {
    text.clear();
    if (payload != nullptr) json_stringify_append(*payload, text);
    stringified_ready_ = true;
  }
  return text;
}

std::optional<std::string_view> PolicyInput::repeated_call_fingerprint() const {
  if (fingerprint_state_ == 0) {
    // `!transcriptPath || !ctx.toolName || !ctx.toolInput`
    const bool counted =
        !transcript_path.empty() && tool_name != nullptr && tool_input != nullptr && tool_input->truthy();
    fingerprint_state_ = counted ? 2 : 1;
    if (counted) {
      scratch->fingerprint.clear();
      append_repeated_call_fingerprint(*tool_name, *tool_input, scratch->fingerprint);
      fingerprint_key_ = RepeatedCallCounter::key_of(scratch->fingerprint);
    }
  }
  if (fingerprint_state_ == 1) return std::nullopt;
  return std::string_view(scratch->fingerprint);
}

uint32_t PolicyInput::secret_literals() const {
  if (!secret_literals_ready_) {
    secret_literals_ = payload != nullptr ? find_secret_literals_in(*payload) : 0;
    secret_literals_ready_ = true;
  }
  return secret_literals_;
}

}  // namespace agentreel::policy
