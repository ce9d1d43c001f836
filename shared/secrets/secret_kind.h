// What kind of secret a finding is: the family a placeholder names ("api-key", "private-key", ...) and the words
// a warning uses for it. Plain data, no dependencies: the viewer, the CLI and the manifest share these names.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace agentreel::secrets {

// Stable codes: stored in the redaction manifest (docs/bundle-format.md, RDCT). Never renumber, only append.
enum class SecretKind : uint8_t {
  api_key = 0,            // a provider's API key (OpenAI, Anthropic, Stripe, Google, ...)
  access_token = 1,       // a provider's access token (GitHub, GitLab, Slack, Hugging Face, npm, PyPI, ...)
  bearer_token = 2,       // the token after "Bearer " in an Authorization header
  basic_auth = 3,         // base64 user:password after "Basic "
  jwt = 4,                // a JSON Web Token (three base64url segments)
  private_key = 5,        // a -----BEGIN ... PRIVATE KEY----- block
  connection_string = 6,  // the password in scheme://user:password@host
  cloud_credential = 7,   // AWS access key id / secret access key, Azure keys and SAS signatures, GCP key ids
  webhook_url = 8,        // the secret path of a Slack or Discord webhook URL
  env_value = 9,          // the value of a secret-named KEY=value line (.env files, shell assignments)
  secret_field = 10,      // a password or high-entropy token in a field named like one ("password": "...")
  custom = 11,            // matched by a caller's own pattern (--redact-pattern)
};
constexpr int kSecretKindCount = 12;

// "api-key", "private-key", ...: the word placeholders and --json use.
std::string_view kind_slug(SecretKind kind);
// "API key" / "API keys": the words a warning uses.
std::string kind_phrase(SecretKind kind, uint64_t count);
bool kind_from_code(uint8_t code, SecretKind& kind);

}  // namespace agentreel::secrets
