// The state of warn-repeated-tool-calls (#34): failproofai keeps a sidecar file "<transcript_path>.tool-calls.json"
// mapping JSON.stringify({tool, input}) to a count, and stops saving it once its JSON would pass 65,536 UTF-16
// characters. This is that map in memory, one per transcript path, with the same size cap. Fingerprints are kept as
// 128-bit hashes (two XXH64 seeds), not as text, so an audit of many large calls stays small; two different calls
// sharing both hashes is the only way this could differ from the file (odds about 2^-100 per audit). No I/O.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "policy/json_value.h"

namespace agentreel::policy {

// Appends JSON.stringify({tool: tool_name, input: tool_input}) to `out`.
void append_repeated_call_fingerprint(std::string_view tool_name, const JsonValue& tool_input, std::string& out);

class RepeatedCallCounter {
 public:
  // The largest sidecar failproofai still writes (TOOL_CALL_TRACKER_MAX_BYTES, compared with String.length).
  static constexpr size_t kMaxSerializedLength = 65536;

  // A fingerprint's 128-bit hash.
  struct Key {
    uint64_t a = 0, b = 0;
    bool operator==(const Key& other) const { return a == other.a && b == other.b; }
  };
  static Key key_of(std::string_view fingerprint);

  // How many identical calls the sidecar of `transcript_path` has counted (0 when none).
  uint32_t count(std::string_view transcript_path, std::string_view fingerprint) const {
    return count(transcript_path, key_of(fingerprint));
  }
  uint32_t count(std::string_view transcript_path, const Key& key) const;

  // counts[fingerprint] = count + 1, kept only if JSON.stringify(counts) stays within the cap (failproofai then
  // skips the write, so the next call reads the old file). Returns whether it was kept.
  bool record(std::string_view transcript_path, std::string_view fingerprint) {
    return record(transcript_path, key_of(fingerprint), fingerprint);
  }
  bool record(std::string_view transcript_path, const Key& key, std::string_view fingerprint);

  // The sidecar's JSON.stringify length in UTF-16 units ("{}" is 2).
  size_t serialized_length(std::string_view transcript_path) const;

 private:
  struct KeyHash {
    size_t operator()(const Key& key) const { return static_cast<size_t>(key.a); }
  };
  struct Sidecar {
    std::unordered_map<Key, uint32_t, KeyHash> counts;
    size_t serialized_length = 2;  // "{}"
  };
  // Transcript paths looked up by string_view without building a std::string each call.
  struct PathHash {
    using is_transparent = void;
    size_t operator()(std::string_view path) const { return std::hash<std::string_view>()(path); }
  };
  std::unordered_map<std::string, Sidecar, PathHash, std::equal_to<>> sidecars_;
};

// The UTF-16 length of JSON.stringify(text) (quotes and escapes included), without building it.
size_t json_quoted_utf16_length(std::string_view text);

}  // namespace agentreel::policy
