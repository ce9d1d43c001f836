// Find index building (see find_index_build.h).
#include "find/find_index_build.h"

#include <algorithm>
#include <cstring>

namespace agentreel {
namespace {

uint64_t hash_token(std::string_view token) {
  uint64_t h = 0x9E3779B97F4A7C15ull ^ token.size();
  size_t at = 0;
  for (; at + 8 <= token.size(); at += 8) {
    uint64_t word;
    std::memcpy(&word, token.data() + at, 8);
    h = (h ^ word) * 0xFF51AFD7ED558CCDull;
    h ^= h >> 32;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, token.data() + at, token.size() - at);
  h = (h ^ tail) * 0xC4CEB9FE1A85EC53ull;
  return h ^ (h >> 29);
}

void append_varint(std::string& out, uint32_t value) {
  while (value >= 0x80) {
    out.push_back(char(value | 0x80));
    value >>= 7;
  }
  out.push_back(char(value));
}

// The tokens of one segment and the spans holding each: an open-addressing table over an arena of token bytes.
class SegmentTokens {
 public:
  void add(std::string_view token, uint32_t ordinal) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const uint64_t h = hash_token(token);
    size_t slot = size_t(h) & (slots_.size() - 1);
    while (uint32_t id = slots_[slot]) {
      const Token& t = tokens_[id - 1];
      if (t.hash == h && t.length == token.size() &&
          std::memcmp(arena_.data() + t.start, token.data(), t.length) == 0) {
        if (t.last_ordinal != ordinal + 1) {
          append_varint(postings_[id - 1], t.last_ordinal ? ordinal - (t.last_ordinal - 1) : ordinal);
          tokens_[id - 1].last_ordinal = ordinal + 1;
        }
        return;
      }
      slot = (slot + 1) & (slots_.size() - 1);
    }
    tokens_.push_back({h, uint32_t(arena_.size()), uint32_t(token.size()), ordinal + 1});
    arena_.append(token);
    postings_.emplace_back();
    append_varint(postings_.back(), ordinal);
    slots_[slot] = uint32_t(tokens_.size());
    ++count_;
  }

  // The segment's vocabulary and postings, tokens in byte order; empties the table.
  void finish(FindIndexSegment& segment) {
    std::vector<uint32_t> order(tokens_.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return view(a) < view(b); });
    segment.token_count = uint32_t(order.size());
    segment.vocabulary.assign(1, '\n');
    segment.posting_offsets.assign(1, 0);
    segment.postings.clear();
    for (const uint32_t id : order) {
      segment.vocabulary.append(view(id));
      segment.vocabulary.push_back('\n');
      segment.postings.append(postings_[id]);
      segment.posting_offsets.push_back(uint32_t(segment.postings.size()));
    }
    *this = SegmentTokens();
  }

 private:
  struct Token {
    uint64_t hash;
    uint32_t start, length;
    uint32_t last_ordinal;  // the last span that held it, plus 1 (0: none yet)
  };
  std::string_view view(uint32_t id) const {
    return std::string_view(arena_).substr(tokens_[id].start, tokens_[id].length);
  }
  void grow() {
    std::vector<uint32_t> slots(std::max<size_t>(slots_.size() * 2, 1 << 16), 0);
    for (uint32_t id = 1; id <= tokens_.size(); ++id) {
      size_t slot = size_t(tokens_[id - 1].hash) & (slots.size() - 1);
      while (slots[slot]) slot = (slot + 1) & (slots.size() - 1);
      slots[slot] = id;
    }
    slots_.swap(slots);
  }
  std::vector<uint32_t> slots_;  // token id + 1, 0 = empty
  std::vector<Token> tokens_;
  std::vector<std::string> postings_;
  std::string arena_;
  size_t count_ = 0;
};

// Lower-case table: ASCII letters folded, every other byte kept.
struct LowerTable {
  unsigned char lower[256];
  bool token[256];
  LowerTable() {
    for (int c = 0; c < 256; ++c) {
      lower[c] = (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : static_cast<unsigned char>(c);
      token[c] = is_token_byte(static_cast<unsigned char>(c));
    }
  }
};
const LowerTable kTable;

void add_tokens(std::string_view record, uint32_t ordinal, SegmentTokens& tokens, std::string& scratch) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(record.data());
  const size_t n = record.size();
  for (size_t i = 0; i < n;) {
    if (!kTable.token[bytes[i]]) {
      ++i;
      continue;
    }
    scratch.clear();
    while (i < n && kTable.token[bytes[i]]) scratch.push_back(char(kTable.lower[bytes[i++]]));
    tokens.add(scratch, ordinal);
  }
}

}  // namespace

void span_records(const Trace& trace, uint32_t span, std::vector<RecordRef>& out) {
  out.clear();
  const auto add = [&](RecordRef r) {
    if (!r.length) return;
    for (const RecordRef& seen : out) {
      if (seen.offset == r.offset && seen.length == r.length) return;
    }
    out.push_back(r);
  };
  add(trace.spans.begin_record[span]);
  add(trace.spans.end_record[span]);
  const auto [first, last] = trace.texts.rows_of(span);
  for (size_t row = first; row < last; ++row) add(trace.texts.records()[row]);
}

uint64_t session_record_bytes(const Trace& trace, uint32_t session) {
  const Session& s = trace.sessions[session];
  uint64_t bytes = 0;
  std::vector<RecordRef> records;
  for (uint32_t span = s.first_span; span < s.first_span + s.span_count; ++span) {
    span_records(trace, span, records);
    for (const RecordRef& r : records) bytes += r.length;
  }
  return bytes;
}

bool wants_find_index(const Trace& trace, uint32_t session, FindIndexMode mode) {
  if (session >= trace.sessions.size() || trace.sessions[session].span_count == 0) return false;
  if (mode == FindIndexMode::always) return true;
  return mode == FindIndexMode::automatic && session_record_bytes(trace, session) > kFindIndexAutoBytes;
}

Status build_find_index(const Trace& trace, uint32_t session, const StreamReader& read,
                        const std::function<Status(FindIndexSegment&)>& emit) {
  const Session& s = trace.sessions[session];
  SegmentTokens tokens;
  FindIndexSegment segment;
  std::vector<RecordRef> records;
  std::string record, scratch;
  uint32_t segment_begin = 0;
  uint64_t segment_bytes = 0;
  for (uint32_t ordinal = 0; ordinal < s.span_count; ++ordinal) {
    span_records(trace, s.first_span + ordinal, records);
    for (const RecordRef& r : records) {
      record.clear();
      AGENTREEL_TRY(read(r.offset, r.length, record));
      add_tokens(record, ordinal - segment_begin, tokens, scratch);
      segment_bytes += r.length;
    }
    if (segment_bytes >= kFindIndexSegmentBytes || ordinal + 1 == s.span_count) {
      segment.session = session;
      segment.span_begin = segment_begin;
      segment.span_count = ordinal + 1 - segment_begin;
      tokens.finish(segment);
      AGENTREEL_TRY(emit(segment));
      segment_begin = ordinal + 1;
      segment_bytes = 0;
    }
  }
  return Status::ok();
}

}  // namespace agentreel
