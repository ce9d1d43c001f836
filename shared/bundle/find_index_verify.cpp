// Bundle::verify_find_index (see bundle_reader.h): every FIDX section decodes, names a session, the sections of a
// session tile its spans in order, and each holds exactly the segment the writer builds from the session's
// records (find/find_index_build.h): the same spans, tokens and postings. The zstd frames inside are checked by
// inflating them, not by their bytes (another zstd version may compress the same content otherwise).
#include <algorithm>

#include "bundle/bundle_reader.h"
#include "find/find_index_build.h"

namespace agentreel {
namespace {

std::string at(uint64_t offset) { return " at byte " + std::to_string(offset); }

std::string span_range(uint32_t begin, uint32_t count) {
  return "spans " + std::to_string(begin) + ".." + std::to_string(uint64_t(begin) + count - 1);
}

std::string ordinals_text(const std::vector<uint32_t>& ordinals) {
  std::string text;
  for (size_t i = 0; i < ordinals.size() && i < 6; ++i) text += (i ? " " : "") + std::to_string(ordinals[i]);
  if (ordinals.size() > 6) text += " ... (" + std::to_string(ordinals.size()) + ")";
  return "[" + text + "]";
}

std::string_view token_at(std::string_view vocabulary, uint32_t index) {
  size_t start = 1;
  for (uint32_t i = 0; i < index; ++i) start = vocabulary.find('\n', start) + 1;
  return vocabulary.substr(start, vocabulary.find('\n', start) - start);
}

// How the decoded section differs from the segment a writer builds there; empty when it does not.
std::string difference(const FindIndexSegment& expected, FindIndexSegmentReader& got, const std::string& postings) {
  const FindIndexHeader& header = got.header();
  if (header.span_begin != expected.span_begin || header.span_count != expected.span_count) {
    return "holds " + span_range(header.span_begin, header.span_count) + " of session " +
           std::to_string(header.session) + " but a writer's segment there holds " +
           span_range(expected.span_begin, expected.span_count) + " (a segment ends once its spans' records hold " +
           std::to_string(kFindIndexSegmentBytes) + " bytes)";
  }
  const std::string_view vocabulary = got.vocabulary();
  if (vocabulary != expected.vocabulary) {
    const uint32_t common = std::min(got.token_count(), expected.token_count);
    for (uint32_t i = 0; i < common; ++i) {
      const std::string_view mine = token_at(vocabulary, i), theirs = token_at(expected.vocabulary, i);
      if (mine != theirs) {
        return "token " + std::to_string(i) + " is \"" + std::string(mine) + "\" but the records of its " +
               span_range(expected.span_begin, expected.span_count) + " give \"" + std::string(theirs) + "\"";
      }
    }
    return "holds " + std::to_string(got.token_count()) + " tokens but the records of its " +
           span_range(expected.span_begin, expected.span_count) + " give " + std::to_string(expected.token_count);
  }
  const std::vector<uint32_t>& offsets = got.posting_offsets();
  for (uint32_t i = 0; i < expected.token_count; ++i) {
    const std::string_view mine = std::string_view(postings).substr(offsets[i], offsets[i + 1] - offsets[i]);
    const std::string_view theirs =
        std::string_view(expected.postings)
            .substr(expected.posting_offsets[i], expected.posting_offsets[i + 1] - expected.posting_offsets[i]);
    if (mine == theirs) continue;
    std::vector<uint32_t> listed, held;
    const bool valid = decode_postings(mine, header.span_count, listed);
    (void)decode_postings(theirs, expected.span_count, held);
    return "token " + std::to_string(i) + " (\"" + std::string(token_at(vocabulary, i)) + "\") lists " +
           (valid ? "spans " + ordinals_text(listed) : std::string("postings that are not ascending varints")) +
           " but its records put it in spans " + ordinals_text(held) + " (ordinals from the segment's first span)";
  }
  return {};
}

}  // namespace

void Bundle::verify_find_index(VerifyReport& report) const {
  if (version_minor_ < kFormatMinorFindIndex) return;  // the sections loop reported any FIDX
  std::vector<std::vector<size_t>> by_session(trace_.sessions.size());
  for (size_t i = 0; i < sections_.size(); ++i) {
    const SectionInfo& section = sections_[i];
    if (section.tag != kTagFindIndex || section.codec != kCodecNone) continue;  // shapes are reported already
    const std::string where = "section FIDX" + at(section.offset);
    auto bytes = load_section(section);
    if (!bytes.is_ok()) continue;  // reported with the section's checksums
    FindIndexSegmentReader segment;
    if (Status status = segment.open(bytes.value(), where, true); !status.is_ok()) {
      report.problems.push_back(status.to_string());
      continue;
    }
    std::string postings;
    if (Status status = segment.all_postings(postings); !status.is_ok()) {
      report.problems.push_back(status.to_string());
      continue;
    }
    const uint32_t session = segment.header().session;
    if (session >= trace_.sessions.size()) {
      report.problems.push_back(
          Status{ErrorCode::corrupt_structure, where + ": indexes session " + std::to_string(session) +
                                                   " but the bundle has " + std::to_string(trace_.sessions.size())}
              .to_string());
      continue;
    }
    by_session[session].push_back(i);
  }
  const StreamReader read = [this](uint64_t offset, uint64_t size, std::string& out) {
    return read_stream(offset, size, out);
  };
  for (uint32_t s = 0; s < by_session.size(); ++s) {
    const std::vector<size_t>& sections = by_session[s];
    if (sections.empty()) continue;
    size_t next = 0;
    std::string problem;
    const Status built = build_find_index(trace_, s, read, [&](FindIndexSegment& expected) -> Status {
      if (!problem.empty()) return Status::ok();
      if (next == sections.size()) {
        const SectionInfo& last = sections_[sections.back()];
        problem = "section FIDX" + at(last.offset) + ": session " + std::to_string(s) + "'s index ends before its " +
                  span_range(expected.span_begin, expected.span_count) + " (expected segments covering all its spans)";
        return Status::ok();
      }
      const SectionInfo& section = sections_[sections[next++]];
      const std::string where = "section FIDX" + at(section.offset);
      auto bytes = load_section(section);
      FindIndexSegmentReader segment;
      std::string postings;
      if (!bytes.is_ok() || !segment.open(bytes.value(), where).is_ok() || !segment.all_postings(postings).is_ok()) {
        return Status{ErrorCode::io, where + " does not read a second time"};
      }
      const std::string different = difference(expected, segment, postings);
      if (!different.empty()) problem = where + ": " + different;
      return Status::ok();
    });
    if (!built.is_ok()) {
      report.problems.push_back(built.to_string());
    } else if (!problem.empty()) {
      report.problems.push_back(Status{ErrorCode::corrupt_structure, problem}.to_string());
    } else if (next < sections.size()) {
      report.problems.push_back(
          Status{ErrorCode::corrupt_structure, "section FIDX" + at(sections_[sections[next]].offset) + ": session " +
                                                   std::to_string(s) + "'s index has " +
                                                   std::to_string(sections.size()) + " segments but a writer builds " +
                                                   std::to_string(next) + " (expected one section per segment)"}
              .to_string());
    }
  }
}

}  // namespace agentreel
