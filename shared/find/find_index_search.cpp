// Text needles answered from the find index (see find_index_search.h).
#include "find/find_index_search.h"

#include <algorithm>
#include <cstring>

namespace agentreel {
namespace {

// glibc's memmem is several times faster than a generic search on a vocabulary of short tokens.
const char* search(std::string_view hay, size_t from, std::string_view needle) {
#if defined(__GLIBC__)
  return static_cast<const char*>(memmem(hay.data() + from, hay.size() - from, needle.data(), needle.size()));
#else
  const size_t at = hay.find(needle, from);
  return at == std::string_view::npos ? nullptr : hay.data() + at;
#endif
}

// One piece of a form: its token bytes, and whether a separator comes before / after it in the form.
struct Piece {
  std::string text;
  bool bounded_left = false;
  bool bounded_right = false;
};

std::vector<Piece> pieces_of(std::string_view form) {
  std::vector<Piece> pieces;
  for (size_t i = 0; i < form.size();) {
    if (!is_token_byte(static_cast<unsigned char>(form[i]))) {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < form.size() && is_token_byte(static_cast<unsigned char>(form[i]))) ++i;
    pieces.push_back({std::string(form.substr(start, i - start)), start > 0, i < form.size()});
  }
  return pieces;
}

// Sets `spans[o]` for every span ordinal in the postings of each token that `pattern` matches; the pattern is
// the piece with "\n" where it must meet a token's edge.
Status mark_matching(FindIndexSegmentReader& segment, std::string_view pattern, std::vector<uint8_t>& spans,
                     std::string& postings) {
  const std::string_view vocabulary = segment.vocabulary();
  const bool at_start = pattern.front() == '\n';
  const uint32_t limit = segment.header().span_count;
  size_t counted_to = 0, lines = 0;  // lines: '\n' bytes in vocabulary[0, counted_to)
  size_t from = 0;
  while (from < vocabulary.size()) {
    const char* hit = search(vocabulary, from, pattern);
    if (!hit) break;
    // The token the hit lies in: it starts after the (id + 1)-th line feed.
    const size_t inside = size_t(hit - vocabulary.data()) + (at_start ? 1 : 0);
    lines += size_t(std::count(vocabulary.data() + counted_to, vocabulary.data() + inside, '\n'));
    counted_to = inside;
    const uint32_t id = uint32_t(lines - 1);
    const size_t token_end = vocabulary.find('\n', inside);
    from = token_end;  // the next token's leading line feed
    const auto& offsets = segment.posting_offsets();
    postings.clear();
    AGENTREEL_TRY(segment.postings(offsets[id], offsets[id + 1], postings));
    uint32_t value = 0, previous = 0;
    int shift = 0;
    bool first = true;
    for (const char c : postings) {
      const unsigned char b = static_cast<unsigned char>(c);
      value |= uint32_t(b & 0x7F) << shift;
      if (b & 0x80) {
        shift += 7;
        if (shift > 28) return {ErrorCode::corrupt_structure, "find index: postings varint too long"};
        continue;
      }
      const uint32_t ordinal = first ? value : previous + value;
      if (ordinal >= limit || ordinal < previous) {
        return {ErrorCode::corrupt_structure, "find index: postings past the segment's spans"};
      }
      spans[ordinal] = 1;
      previous = ordinal;
      first = false;
      value = 0;
      shift = 0;
    }
  }
  return Status::ok();
}

}  // namespace

Status search_find_index(const Trace& trace, uint32_t session, const std::vector<std::vector<std::string>>& forms,
                         const FindIndexSource& index, IndexAnswer& answer) {
  const Session& s = trace.sessions[session];
  const size_t needles = forms.size();
  // Every form needs a piece of token bytes to be looked up.
  std::vector<std::vector<std::vector<Piece>>> pieces(needles);
  for (size_t n = 0; n < needles; ++n) {
    for (const std::string& form : forms[n]) {
      pieces[n].push_back(pieces_of(form));
      if (pieces[n].back().empty()) {
        return {ErrorCode::invalid_argument, "find index: a needle without token bytes is scanned"};
      }
    }
  }
  answer.found.assign(size_t(s.span_count) * needles, 0);
  answer.verify.assign(size_t(s.span_count) * needles, 0);
  const size_t segments = index.segment_count(session);
  std::string bytes, postings;
  FindIndexSegmentReader segment;
  std::vector<uint8_t> exact, candidates, piece_spans;
  uint32_t covered = 0;
  for (size_t i = 0; i < segments; ++i) {
    bytes.clear();
    AGENTREEL_TRY(index.read_segment(session, i, bytes));
    AGENTREEL_TRY(segment.open(bytes, "find index of session " + std::to_string(session)));
    const FindIndexHeader& header = segment.header();
    if (header.session != session || header.span_begin != covered || header.span_count == 0 ||
        header.span_count > s.span_count - covered) {
      return {ErrorCode::corrupt_structure, "find index segments do not tile session " + std::to_string(session)};
    }
    const uint32_t count = header.span_count;
    for (size_t n = 0; n < needles; ++n) {
      exact.assign(count, 0);
      candidates.assign(count, 0);
      for (size_t f = 0; f < forms[n].size(); ++f) {
        const std::vector<Piece>& form_pieces = pieces[n][f];
        const bool whole = form_pieces.size() == 1 && !form_pieces[0].bounded_left && !form_pieces[0].bounded_right;
        if (whole) {
          AGENTREEL_TRY(mark_matching(segment, form_pieces[0].text, exact, postings));
          continue;
        }
        // Spans holding every piece where the form puts it.
        std::vector<uint8_t> all(count, 1);
        for (const Piece& piece : form_pieces) {
          const std::string pattern = (piece.bounded_left ? "\n" : "") + piece.text + (piece.bounded_right ? "\n" : "");
          piece_spans.assign(count, 0);
          AGENTREEL_TRY(mark_matching(segment, pattern, piece_spans, postings));
          for (uint32_t o = 0; o < count; ++o) all[o] &= piece_spans[o];
        }
        for (uint32_t o = 0; o < count; ++o) candidates[o] |= all[o];
      }
      for (uint32_t o = 0; o < count; ++o) {
        const size_t at = size_t(covered + o) * needles + n;
        answer.found[at] = exact[o];
        answer.verify[at] = candidates[o] && !exact[o];
      }
    }
    covered += count;
  }
  if (covered != s.span_count) {
    return {ErrorCode::corrupt_structure, "find index segments do not tile session " + std::to_string(session)};
  }
  return Status::ok();
}

}  // namespace agentreel
