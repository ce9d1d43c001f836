// Names of secret kinds (see secret_kind.h).
#include "secrets/secret_kind.h"

namespace agentreel::secrets {

std::string_view kind_slug(SecretKind kind) {
  switch (kind) {
    case SecretKind::api_key: return "api-key";
    case SecretKind::access_token: return "access-token";
    case SecretKind::bearer_token: return "bearer-token";
    case SecretKind::basic_auth: return "basic-auth";
    case SecretKind::jwt: return "jwt";
    case SecretKind::private_key: return "private-key";
    case SecretKind::connection_string: return "connection-string";
    case SecretKind::cloud_credential: return "cloud-credential";
    case SecretKind::webhook_url: return "webhook-url";
    case SecretKind::env_value: return "env-value";
    case SecretKind::secret_field: return "secret-field";
    case SecretKind::custom: return "custom";
  }
  return "secret";
}

std::string kind_phrase(SecretKind kind, uint64_t count) {
  const bool many = count != 1;
  switch (kind) {
    case SecretKind::api_key: return many ? "API keys" : "API key";
    case SecretKind::access_token: return many ? "access tokens" : "access token";
    case SecretKind::bearer_token: return many ? "bearer tokens" : "bearer token";
    case SecretKind::basic_auth: return many ? "basic-auth credentials" : "basic-auth credential";
    case SecretKind::jwt: return many ? "JWTs" : "JWT";
    case SecretKind::private_key: return many ? "private keys" : "private key";
    case SecretKind::connection_string:
      return many ? "connection strings with passwords" : "connection string with a password";
    case SecretKind::cloud_credential: return many ? "cloud credentials" : "cloud credential";
    case SecretKind::webhook_url: return many ? "webhook URLs" : "webhook URL";
    case SecretKind::env_value: return many ? ".env values" : ".env value";
    case SecretKind::secret_field: return many ? "password or token fields" : "password or token field";
    case SecretKind::custom: return many ? "custom-pattern matches" : "custom-pattern match";
  }
  return many ? "secrets" : "secret";
}

bool kind_from_code(uint8_t code, SecretKind& kind) {
  if (code >= kSecretKindCount) return false;
  kind = SecretKind(code);
  return true;
}

}  // namespace agentreel::secrets
