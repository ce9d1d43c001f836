// The detectors that are not a prefix row in provider_rules.cpp: each is called by the scanner at a trigger (two
// bytes that may begin or announce a secret) and reports what it finds there. One file per detector family.
// A detector reads only `text`, which the scanner clips to a fixed reach around the trigger, so its answer does
// not depend on how a stream was cut into chunks.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "secrets/finding.h"

namespace agentreel::secrets {

class Scanner;

// How far a detector may look around its trigger, and how far before it a finding may begin.
constexpr size_t kLookbehind = 1024;
constexpr size_t kLookahead = 64 * 1024;
constexpr size_t kMaxBackReach = 16;  // a Telegram token's bot id before its ":AA", an Azure secret's "xxx9Q~"
constexpr size_t kMaxFindingBytes = 32 * 1024;  // a private key block, a base64 payload holding a secret

struct DetectInput {
  std::string_view text;   // the clipped bytes around the trigger
  size_t at;               // the trigger's position in text
  const Scanner* scanner;  // for rescanning decoded payloads
  int depth;               // 0 in the log itself, 1 inside a decoded base64 payload (no deeper)
};
// Findings are appended with offsets into `text`.
using Detector = void (*)(const DetectInput& input, std::vector<Finding>& out);

// Shared by the AWS pair detector and the assignment detector ("aws_secret_access_key = ...").
extern const RuleInfo kAwsSecretAccessKey;

void detect_key_block(const DetectInput& input, std::vector<Finding>& out);        // "-----BEGIN ... PRIVATE KEY"
void detect_url_credentials(const DetectInput& input, std::vector<Finding>& out);  // "://user:pass@", webhooks
void detect_auth_header(const DetectInput& input, std::vector<Finding>& out);      // "Bearer ...", "Basic ..."
void detect_assignment(const DetectInput& input, std::vector<Finding>& out);       // KEY=value, "password": "..."
// The cheap first test of detect_assignment, run in the scan loop: whether the key before the separator at `sep`
// ends in letters some secret-naming key ends in. Reads at most 30 bytes back.
bool assignment_may_follow(std::string_view text, size_t sep);
void detect_aws_key(const DetectInput& input, std::vector<Finding>& out);         // AKIA... and its secret
void detect_telegram_token(const DetectInput& input, std::vector<Finding>& out);  // 123456789:AA...
void detect_azure_secret(const DetectInput& input, std::vector<Finding>& out);    // xxx9Q~...
void detect_discord_token(const DetectInput& input, std::vector<Finding>& out);   // base64(user id).xxxxxx.xxx

}  // namespace agentreel::secrets
