// What a tool call's arguments are reduced to so that calls can be compared without reading their payloads:
// an identity hash of the normalized arguments, the thing the call acts on, the file a shell command writes,
// flags for guards it gets around, and a few subject words. Readers compute these once, at convert time, from
// the parsed arguments (readers/tool_facts.h) and store them as integer attributes (docs/facts.md); the
// diagnosis reads only the attributes. Pure text functions: no JSON library, no trace, no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace agentreel {

// Bits of the attribute "call_flags": what a call does besides its work. A flag is a fact about the words
// of the call, not a judgement: whether `--no-verify` got around a guard is the diagnosis' question.
enum CallFlag : uint32_t {
  kCallSkipsChecks = 1u << 0,    // --no-verify, `git commit -n`, HUSKY=0, SKIP=..., --no-gpg-sign
  kCallForces = 1u << 1,         // --force, --force-with-lease, `git push -f`
  kCallDisablesGuard = 1u << 2,  // core.hooksPath, removing or un-executing .git/hooks, --dangerously-skip-*
  kCallEscalates = 1u << 3,      // sudo, doas, su -c
  kCallWritesFile = 1u << 4,     // a shell command that writes a file (> file, tee, sed -i, cp, mv)
  kCallWaits = 1u << 5,          // waits on a background task or the clock (TaskOutput, BashOutput, sleep, watch)
  kCallAsksUser = 1u << 6,       // its result is a person's answer: a question, a plan to approve
};
constexpr uint32_t kCallBypassFlags = kCallSkipsChecks | kCallForces | kCallDisablesGuard | kCallEscalates;

// The attributes readers store these features under (docs/facts.md): numbers for the diagnosis to compare,
// not facts a person reads, so views list them apart from the others.
inline bool is_call_feature_key(std::string_view key) {
  return key == "args_hash" || key == "target_hash" || key == "write_hash" || key == "call_flags" || key == "topics";
}

// Feature hashes are 40 bits (as integer attributes they take 6 bytes), never 0: 0 means "none".
constexpr int kCallHashBits = 40;
// Subject words per call (16-bit hashes, never 0) and how many the attribute "topics" packs per row.
constexpr size_t kMaxCallTopics = 6;
constexpr size_t kTopicsPerRow = 3;

// One argument of a call as the reader parsed it: its key and its value as text (a string decoded, an argv
// array joined with spaces, anything else as its JSON source). `role_hint` is the argument's text role name
// when the readers' vocabulary knows the key ("command", "path", "pattern", "query", "url"), else "".
struct CallArgument {
  std::string_view key;
  std::string_view text;
  std::string_view role_hint;
};

struct CallFeatures {
  uint64_t args_hash = 0;        // identity: the tool and its normalized argument values (prose keys left out)
  uint64_t target_hash = 0;      // what it acts on: a shell command's program and subcommand, else the file's name
  uint64_t write_hash = 0;       // the name of the file a shell command writes (comparable with a file target)
  uint32_t flags = 0;            // CallFlag bits
  std::vector<uint16_t> topics;  // subject words, at most kMaxCallTopics, distinct, in order of appearance
};

// `tool_flags`: what the readers' tables know of the tool by its name (kCallWaits, kCallAsksUser).
CallFeatures compute_call_features(std::string_view tool_name, std::span<const CallArgument> arguments,
                                   uint32_t tool_flags = 0);

// The subject words of a free text (a run's goal), as 16-bit hashes comparable with CallFeatures::topics,
// distinct, at most `max_topics`.
std::vector<uint16_t> text_topics(std::string_view text, size_t max_topics = 64);

// Packs topics kTopicsPerRow to an integer (16 bits each, low first) and back (zeros dropped).
int64_t pack_topics(std::span<const uint16_t> topics);
void unpack_topics(int64_t packed, std::vector<uint16_t>& out);

// The text with whitespace runs collapsed to one space and ids, hashes and timestamps replaced by '#': two
// calls whose arguments differ only there are the same call. With `json_escaped_whitespace`, the escapes \n,
// \t and \r of JSON source count as whitespace too (the diagnosis compares raw argument JSON).
std::string normalize_for_identity(std::string_view text, bool json_escaped_whitespace = false);

// An id, hash or timestamp fragment: long and mixing digits and letters, or a long run of digits.
bool looks_like_id(std::string_view token);

// The program and subcommand a shell command runs ("git commit", "npm run build", "pytest tests/x.py"), after
// `cd` prefixes, environment assignments and wrappers (sudo, timeout N, env); "" for an empty command.
std::string shell_command_head(std::string_view command);

}  // namespace agentreel
