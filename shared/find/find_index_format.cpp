// FIDX section content (see find_index_format.h; byte layout in docs/bundle-format.md).
#include "find/find_index_format.h"

#include <zstd.h>

#include <algorithm>
#include <cstring>

#include "core/binary_codec.h"

namespace agentreel {
namespace {

// A frame inside the section may claim at most this many raw bytes (a segment is a few MiB of index).
constexpr uint64_t kMaxFrameRawBytes = 1ull << 30;

std::string compress(std::string_view raw, int level) {
  std::string out(ZSTD_compressBound(raw.size()), '\0');
  const size_t made = ZSTD_compress(out.data(), out.size(), raw.data(), raw.size(), level);
  out.resize(ZSTD_isError(made) ? 0 : made);
  return out;
}

Status broken(const std::string& where, const std::string& what) {
  return {ErrorCode::corrupt_structure, where + ": " + what};
}

// Inflates one whole frame of exactly `raw_size` bytes, nothing after it.
Status inflate(std::string_view frame, uint64_t raw_size, const std::string& where, const char* what,
               std::string& out) {
  const unsigned long long claimed = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (claimed != raw_size || raw_size > kMaxFrameRawBytes) {
    return broken(where, std::string(what) + " is not a zstd frame of " + std::to_string(raw_size) + " bytes");
  }
  out.resize(size_t(raw_size));
  const size_t made = ZSTD_decompress(out.data(), out.size(), frame.data(), frame.size());
  if (ZSTD_isError(made) || made != raw_size) {
    return broken(where, std::string(what) + " does not inflate to its " + std::to_string(raw_size) + " bytes");
  }
  return Status::ok();
}

}  // namespace

std::string encode_find_index_segment(const FindIndexSegment& segment, int level) {
  BinaryWriter directory;
  for (const uint32_t offset : segment.posting_offsets) directory.u32(offset);
  directory.raw(segment.vocabulary.data(), segment.vocabulary.size());
  const std::string vocabulary_frame = compress(directory.bytes, level);
  std::vector<std::string> pieces;
  for (size_t at = 0; at < segment.postings.size(); at += kFindIndexChunkBytes) {
    pieces.push_back(compress(std::string_view(segment.postings).substr(at, kFindIndexChunkBytes), level));
  }
  BinaryWriter out;
  out.u32(kFindIndexVersion);
  out.u32(segment.session);
  out.u32(segment.span_begin);
  out.u32(segment.span_count);
  out.u32(segment.token_count);
  out.u32(uint32_t(pieces.size()));
  out.u64(segment.postings.size());
  out.u32(uint32_t(vocabulary_frame.size()));
  out.u32(uint32_t(directory.bytes.size()));
  out.u32(kFindIndexChunkBytes);
  for (const std::string& piece : pieces) out.u32(uint32_t(piece.size()));
  out.raw(vocabulary_frame.data(), vocabulary_frame.size());
  for (const std::string& piece : pieces) out.raw(piece.data(), piece.size());
  return std::move(out.bytes);
}

bool peek_find_index_header(std::string_view bytes, FindIndexHeader& header) {
  BinaryCursor in(bytes);
  return in.u32(header.version) && in.u32(header.session) && in.u32(header.span_begin) && in.u32(header.span_count) &&
         header.version == kFindIndexVersion;
}

Status FindIndexSegmentReader::open(std::string_view bytes, const std::string& where, bool check_tokens) {
  where_ = where;
  cached_piece_ = UINT32_MAX;
  BinaryCursor in(bytes);
  uint32_t piece_count = 0, vocabulary_stored = 0, vocabulary_raw = 0, chunk_bytes = 0;
  if (!(in.u32(header_.version) && in.u32(header_.session) && in.u32(header_.span_begin) &&
        in.u32(header_.span_count) && in.u32(token_count_) && in.u32(piece_count) && in.u64(postings_size_) &&
        in.u32(vocabulary_stored) && in.u32(vocabulary_raw) && in.u32(chunk_bytes))) {
    return broken(where, "ends inside its " + std::to_string(kFindIndexHeaderSize) + "-byte header");
  }
  if (header_.version != kFindIndexVersion) {
    return {ErrorCode::unsupported_version, where + ": find index version " + std::to_string(header_.version) +
                                                "; this reader understands " + std::to_string(kFindIndexVersion)};
  }
  if (chunk_bytes != kFindIndexChunkBytes) {
    return broken(where, "postings pieces of " + std::to_string(chunk_bytes) + " bytes (expected " +
                             std::to_string(kFindIndexChunkBytes) + ")");
  }
  if (piece_count != (postings_size_ + chunk_bytes - 1) / chunk_bytes) {
    return broken(where, std::to_string(piece_count) + " postings pieces for " + std::to_string(postings_size_) +
                             " bytes of postings (expected one per " + std::to_string(chunk_bytes) + " bytes)");
  }
  if (uint64_t(vocabulary_raw) < 4 * (uint64_t(token_count_) + 1) + 1) {
    return broken(where, "a vocabulary of " + std::to_string(vocabulary_raw) + " bytes cannot hold " +
                             std::to_string(token_count_) + " tokens");
  }
  if (uint64_t(piece_count) * 4 > in.remaining()) return broken(where, "ends inside its table of postings pieces");
  std::vector<uint32_t> piece_sizes(piece_count);
  for (uint32_t& size : piece_sizes) (void)in.u32(size);
  std::string_view frame;
  if (!in.view(vocabulary_stored, frame)) return broken(where, "ends inside its vocabulary");
  pieces_.assign(piece_count, {});
  for (uint32_t i = 0; i < piece_count; ++i) {
    if (!in.view(piece_sizes[i], pieces_[i])) return broken(where, "ends inside postings piece " + std::to_string(i));
  }
  if (in.remaining()) return broken(where, std::to_string(in.remaining()) + " bytes follow its last postings piece");
  std::string& directory = directory_;
  AGENTREEL_TRY(inflate(frame, vocabulary_raw, where, "its vocabulary", directory));
  // Offsets: from 0, strictly ascending (every token is in some span), ending at the postings' size.
  offsets_.resize(size_t(token_count_) + 1);
  std::memcpy(offsets_.data(), directory.data(), offsets_.size() * 4);
  for (uint32_t& offset : offsets_) {
    const auto* b = reinterpret_cast<const unsigned char*>(&offset);
    offset = uint32_t(b[0]) | uint32_t(b[1]) << 8 | uint32_t(b[2]) << 16 | uint32_t(b[3]) << 24;
  }
  if (offsets_[0] != 0 || offsets_.back() != postings_size_) {
    return broken(where, "postings offsets run from " + std::to_string(offsets_[0]) + " to " +
                             std::to_string(offsets_.back()) + " (expected 0 to " + std::to_string(postings_size_) +
                             ")");
  }
  for (uint32_t i = 0; i < token_count_; ++i) {
    if (offsets_[i + 1] <= offsets_[i]) return broken(where, "token " + std::to_string(i) + " has no postings");
  }
  vocabulary_ = std::string_view(directory).substr(offsets_.size() * 4);
  // Vocabulary: "\n", then tokens of token bytes, each ended by "\n", ascending and distinct.
  if (vocabulary_.empty() || vocabulary_[0] != '\n') return broken(where, "vocabulary does not start with a line feed");
  if (vocabulary_.back() != '\n') return broken(where, "vocabulary does not end with a line feed");
  if (!check_tokens) {
    const size_t lines = size_t(std::count(vocabulary_.begin(), vocabulary_.end(), '\n'));
    if (lines != size_t(token_count_) + 1) {
      return broken(where, "vocabulary holds " + std::to_string(lines - 1) + " tokens but the header says " +
                               std::to_string(token_count_));
    }
    return Status::ok();
  }
  uint32_t tokens = 0;
  std::string_view previous;
  for (size_t at = 1; at < vocabulary_.size();) {
    const size_t end = vocabulary_.find('\n', at);
    if (end == std::string::npos) return broken(where, "vocabulary does not end with a line feed");
    const std::string_view token = vocabulary_.substr(at, end - at);
    if (token.empty()) return broken(where, "token " + std::to_string(tokens) + " is empty");
    for (const char c : token) {
      if (!is_token_byte(static_cast<unsigned char>(c)) || (c >= 'A' && c <= 'Z')) {
        return broken(where, "token " + std::to_string(tokens) + " holds a byte that is not a token byte (" +
                                 std::to_string(static_cast<unsigned char>(c)) + ")");
      }
    }
    if (tokens > 0 && !(previous < token)) {
      return broken(where, "token " + std::to_string(tokens) + " does not follow token " + std::to_string(tokens - 1) +
                               " in byte order");
    }
    previous = token;
    ++tokens;
    at = end + 1;
  }
  if (tokens != token_count_) {
    return broken(where, "vocabulary holds " + std::to_string(tokens) + " tokens but the header says " +
                             std::to_string(token_count_));
  }
  return Status::ok();
}

Status FindIndexSegmentReader::piece(uint32_t index, const std::string*& out) {
  if (cached_piece_ != index) {
    const uint64_t raw =
        std::min<uint64_t>(kFindIndexChunkBytes, postings_size_ - uint64_t(index) * kFindIndexChunkBytes);
    cached_piece_ = UINT32_MAX;
    AGENTREEL_TRY(inflate(pieces_[index], raw, where_, ("postings piece " + std::to_string(index)).c_str(), cached_));
    cached_piece_ = index;
  }
  out = &cached_;
  return Status::ok();
}

Status FindIndexSegmentReader::postings(uint32_t from, uint32_t to, std::string& out) {
  for (uint32_t at = from; at < to;) {
    const uint32_t index = at / kFindIndexChunkBytes;
    const std::string* bytes = nullptr;
    AGENTREEL_TRY(piece(index, bytes));
    const uint32_t within = at - index * kFindIndexChunkBytes;
    const uint32_t take = std::min<uint32_t>(to - at, uint32_t(bytes->size()) - within);
    out.append(*bytes, within, take);
    at += take;
  }
  return Status::ok();
}

Status FindIndexSegmentReader::all_postings(std::string& out) {
  out.clear();
  return postings(0, uint32_t(postings_size_), out);
}

bool decode_postings(std::string_view bytes, uint32_t limit, std::vector<uint32_t>& out) {
  uint64_t value = 0;
  int shift = 0;
  bool first = true;
  uint64_t previous = 0;
  for (const char c : bytes) {
    const unsigned char b = static_cast<unsigned char>(c);
    if (shift > 28) return false;
    value |= uint64_t(b & 0x7F) << shift;
    if (b & 0x80) {
      shift += 7;
      continue;
    }
    // A varint is as short as it can be, and each distance past the first is at least 1.
    if (shift > 0 && (b & 0x7F) == 0) return false;
    const uint64_t ordinal = first ? value : previous + value;
    if ((!first && value == 0) || ordinal >= limit) return false;
    out.push_back(uint32_t(ordinal));
    previous = ordinal;
    first = false;
    value = 0;
    shift = 0;
  }
  return shift == 0 && !first;
}

}  // namespace agentreel
