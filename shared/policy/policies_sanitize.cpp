// Policies #1-#5, the sanitizers (PostToolUse, any tool, deny): regexes over JSON.stringify of the whole hook
// payload, so a secret anywhere in it (tool_input included) fires. failproofai also returns a "[REDACTED: ...]"
// message, which its evaluator never uses, so it is not reproduced. Depends on builtin_policy.h only.
#include <utility>
#include <vector>

#include "policy/builtin_policy.h"
#include "policy/js_coerce.h"
#include "policy/json_stringify.h"
#include "policy/secret_literals.h"

namespace agentreel::policy {
namespace {

class SinglePatternSanitizer final : public BuiltinPolicy {
 public:
  SinglePatternSanitizer(JsRegex pattern, uint32_t literal, std::string reason)
      : pattern_(std::move(pattern)), literal_(literal), reason_(std::move(reason)) {}
  PolicyVerdict evaluate(const PolicyInput& input) const override {
    // The regex cannot match without its literal fragment; most outputs have none, so PCRE2 rarely runs.
    if ((input.secret_literals() & literal_) != 0 && pattern_.test(input.stringified_payload())) {
      return PolicyVerdict::deny(reason_);
    }
    return PolicyVerdict::allow();
  }

 private:
  JsRegex pattern_;
  uint32_t literal_;  // SecretLiteral bit
  std::string reason_;
};

// #2: the built-in key patterns in order (the first match names the key), then the user's additionalPatterns.
class ApiKeySanitizer final : public BuiltinPolicy {
 public:
  struct LabeledPattern {
    JsRegex regex;
    uint32_t literal;  // SecretLiteral bit the regex needs
    std::string label;
  };
  // One configured {regex, label} entry as failproofai's loop sees it.
  struct UserPattern {
    bool destructure_fails = false;  // null entry: `const {regex, label} = null` throws
    bool compiled = false;           // false: an invalid regex, skipped with a warning
    JsRegex regex;
    std::string label;
  };

  std::vector<LabeledPattern> builtin;
  // nullopt: additionalPatterns is not iterable, so failproofai throws once the built-ins found nothing.
  std::optional<std::vector<UserPattern>> user;

  PolicyVerdict evaluate(const PolicyInput& input) const override {
    const uint32_t literals = input.secret_literals();
    for (const LabeledPattern& pattern : builtin) {
      if ((literals & pattern.literal) != 0 && pattern.regex.test(input.stringified_payload())) {
        return PolicyVerdict::deny(pattern.label + " detected in tool output");
      }
    }
    if (!user) return PolicyVerdict::failed("params.additionalPatterns is not iterable");
    for (const UserPattern& pattern : *user) {
      if (pattern.destructure_fails) return PolicyVerdict::failed("an additionalPatterns entry is null");
      if (pattern.compiled && pattern.regex.test(input.stringified_payload())) {
        return PolicyVerdict::deny(pattern.label + " detected in tool output");
      }
    }
    return PolicyVerdict::allow();
  }
};

std::unique_ptr<BuiltinPolicy> make_api_key_sanitizer(const PolicyParams& params, RegexBuilder& regex) {
  auto policy = std::make_unique<ApiKeySanitizer>();
  struct Builtin {
    std::string_view source;
    uint32_t literal;
    std::string_view label;
  };
  const Builtin kBuiltin[] = {
      {"sk-ant-[A-Za-z0-9\\-_]{20,}", kLiteralSkDash, "Anthropic API key"},
      {"sk-proj-[A-Za-z0-9\\-_]{20,}", kLiteralSkDash, "OpenAI project API key"},
      {"sk-[A-Za-z0-9]{20,}", kLiteralSkDash, "OpenAI API key"},
      {"ghp_[A-Za-z0-9]{36}", kLiteralGhp, "GitHub personal access token"},
      {"github_pat_[A-Za-z0-9_]{82}", kLiteralGithubPat, "GitHub fine-grained token"},
      {"AKIA[A-Z0-9]{16}", kLiteralAkia, "AWS access key ID"},
      {"sk_live_[A-Za-z0-9]{24,}", kLiteralSkUnderscore, "Stripe live secret key"},
      {"sk_test_[A-Za-z0-9]{24,}", kLiteralSkUnderscore, "Stripe test secret key"},
      {"AIza[0-9A-Za-z\\-_]{35}", kLiteralAiza, "Google API key"},
  };
  for (const Builtin& builtin : kBuiltin) {
    policy->builtin.push_back({regex(builtin.source), builtin.literal, std::string(builtin.label)});
  }

  // for (const {regex, label} of additionalPatterns) { new RegExp(regex) ... }: entries are read with JavaScript's
  // coercions (a missing regex is `new RegExp(undefined)`, which matches everything; a missing label prints
  // "undefined"), each compiled with no flags; an invalid one is skipped.
  if (auto entries = js_iterate(params.get("additionalPatterns"))) {
    policy->user.emplace();
    for (const JsonValue& entry : *entries) {
      ApiKeySanitizer::UserPattern pattern;
      if (entry.is_null()) {
        pattern.destructure_fails = true;
        policy->user->push_back(std::move(pattern));
        continue;
      }
      const JsonValue* source = entry.find("regex");
      const JsonValue* label = entry.find("label");
      pattern.label = label != nullptr ? js_to_string(*label) : "undefined";
      auto compiled = JsRegex::compile(source != nullptr ? js_to_string(*source) : "(?:)");
      if (compiled.is_ok()) {
        pattern.regex = compiled.take();
        pattern.compiled = true;
      }
      policy->user->push_back(std::move(pattern));
    }
  }
  return policy;
}

}  // namespace

Result<std::unique_ptr<BuiltinPolicy>> make_sanitizer_policy(PolicyId id, const PolicyParams& params) {
  RegexBuilder regex;
  std::unique_ptr<BuiltinPolicy> policy;
  switch (id) {
    case PolicyId::sanitize_jwt:
      policy = std::make_unique<SinglePatternSanitizer>(
          regex("eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"), kLiteralEyJ,
          "JWT token detected in tool output");
      break;
    case PolicyId::sanitize_api_keys: policy = make_api_key_sanitizer(params, regex); break;
    case PolicyId::sanitize_connection_strings:
      policy = std::make_unique<SinglePatternSanitizer>(
          regex("(?:postgresql|postgres|mysql|mongodb(?:\\+srv)?|redis|amqps?|smtps?):\\/\\/[^@\\s]+@"), kLiteralScheme,
          "Database connection string with credentials detected in tool output");
      break;
    case PolicyId::sanitize_private_key_content:
      policy =
          std::make_unique<SinglePatternSanitizer>(regex("-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----"), kLiteralPrivateKey,
                                                   "Private key content detected in tool output");
      break;
    case PolicyId::sanitize_bearer_tokens:
      policy =
          std::make_unique<SinglePatternSanitizer>(regex("Authorization:\\s*Bearer\\s+[A-Za-z0-9\\-._~+/]{20,}", true),
                                                   kLiteralAuthorization, "Bearer token detected in tool output");
      break;
    default: return Status(ErrorCode::invalid_argument, "not a sanitizer policy");
  }
  if (!regex.status().is_ok()) return regex.status();
  return policy;
}

}  // namespace agentreel::policy
