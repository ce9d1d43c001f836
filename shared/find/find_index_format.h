// The find index (section FIDX, format 1.3; docs/bundle-format.md, "FIDX find index"): for one segment of a
// session's spans, every token of their records and the spans holding it, so a payload query reads a few
// megabytes instead of inflating the session's records. This file is the section's content: the tokenizer,
// the decoded segment and its exact encoding. No I/O; the bundle reader and writer carry the bytes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace agentreel {

constexpr uint32_t kFindIndexVersion = 1;
// Postings are compressed in pieces of this many raw bytes (the last piece holds the rest), so a query
// inflates only the pieces its tokens' postings lie in.
constexpr uint32_t kFindIndexChunkBytes = 64u << 10;
constexpr size_t kFindIndexHeaderSize = 44;

// A token byte: [a-z0-9_] or any byte >= 0x80, after ASCII lower-casing. Tokens are maximal runs of them.
inline bool is_token_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

// One segment, decoded. Token i is vocabulary[token_start(i) .. next '\n'); its postings, the ordinals (from
// span_begin) of the spans whose records hold it, ascending, are postings[posting_offsets[i] ..
// posting_offsets[i + 1]) as LEB128 varints: the first ordinal, then each one's distance from the previous.
struct FindIndexSegment {
  uint32_t session = 0;
  uint32_t span_begin = 0;  // first span of the segment, counted from the session's first span
  uint32_t span_count = 0;
  uint32_t token_count = 0;
  std::string vocabulary;  // "\n" then each token followed by "\n", tokens ascending (bytewise) and distinct
  std::vector<uint32_t> posting_offsets;  // token_count + 1, from 0 to postings.size()
  std::string postings;
  bool operator==(const FindIndexSegment&) const = default;
};

// The section's bytes (codec 0: the postings pieces and the vocabulary are zstd frames inside it).
std::string encode_find_index_segment(const FindIndexSegment& segment, int level = 3);

// The header fields a reader routes on, without inflating anything; false when the bytes are too short or
// of another version.
struct FindIndexHeader {
  uint32_t version = 0;
  uint32_t session = 0;
  uint32_t span_begin = 0;
  uint32_t span_count = 0;
};
bool peek_find_index_header(std::string_view bytes, FindIndexHeader& header);

// The segment's vocabulary and offsets, with the postings left compressed: what a query needs first.
class FindIndexSegmentReader {
 public:
  // Checks every length and that the vocabulary holds token_count lines; with `check_tokens` (verify) also each
  // token's bytes and order, a pass a query does not need. `where` prefixes messages ("section FIDX at byte N").
  Status open(std::string_view bytes, const std::string& where, bool check_tokens = false);
  const FindIndexHeader& header() const { return header_; }
  uint32_t token_count() const { return token_count_; }
  std::string_view vocabulary() const { return vocabulary_; }
  const std::vector<uint32_t>& posting_offsets() const { return offsets_; }
  // Appends the postings bytes [from, to) (offsets from posting_offsets) to `out`, inflating the pieces
  // they lie in (the last piece inflated is kept for the next call).
  Status postings(uint32_t from, uint32_t to, std::string& out);
  // All postings, inflated and checked (verify).
  Status all_postings(std::string& out);

 private:
  Status piece(uint32_t index, const std::string*& out);
  std::string where_;
  FindIndexHeader header_;
  uint32_t token_count_ = 0;
  uint64_t postings_size_ = 0;
  std::string directory_;        // the inflated offsets and vocabulary, reused from segment to segment
  std::string_view vocabulary_;  // within directory_
  std::vector<uint32_t> offsets_;
  std::vector<std::string_view> pieces_;  // stored frames
  uint32_t cached_piece_ = UINT32_MAX;
  std::string cached_;
};

// Where find_in_session gets a session's index (the bundle's FIDX sections; Bundle::find_index()).
class FindIndexSource {
 public:
  virtual ~FindIndexSource() = default;
  // How many segments `session`'s index has; 0 when it has none (it is scanned).
  virtual size_t segment_count(uint32_t session) const = 0;
  // The bytes of segment `i` of `session` (its section's content, checksum-checked).
  virtual Status read_segment(uint32_t session, size_t i, std::string& out) const = 0;
};

// Appends the ordinals of a postings list to `out`; false when the bytes are not a valid list below `limit`.
bool decode_postings(std::string_view bytes, uint32_t limit, std::vector<uint32_t>& out);

}  // namespace agentreel
