// Bundle::verify (see bundle_reader.h): everything open() checked, then every byte against what a writer of the
// bundle's version writes (docs/bundle-format.md, "Verifying a bundle"). Parts a newer minor version may have
// added (an unknown section, codec, flag bit or enum value, nonzero reserved bytes) are problems in a bundle of
// a version this reader knows and notes in a newer one. Reads through Bundle's own section loader: no I/O here.
#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "bundle/bundle_reader.h"
#include "bundle/writer_rules.h"

namespace agentreel {
namespace {

std::string at(uint64_t offset) { return " at byte " + std::to_string(offset); }

Status broken(std::string message) { return {ErrorCode::corrupt_structure, std::move(message)}; }

struct SectionShape {
  uint16_t codec;
  uint16_t flags;
};

// How a writer of format 1.minor writes each known section (1.0 had no codec 2 and left ATTR optional).
SectionShape written_shape(SectionTag tag, uint16_t minor) {
  if (tag == kTagSkipped || tag == kTagRedactions) return {kCodecZstd, 0};
  if (tag == kTagTexts) return {kCodecZstdColumns, 0};
  if (tag == kTagFindIndex) return {kCodecNone, 0};
  const bool columns =
      minor >= 1 && (tag == kTagStrings || tag == kTagSpans || tag == kTagRecords || tag == kTagAttributes);
  if (tag == kTagAttributes && !columns) return {kCodecZstd, 0};
  return {columns ? uint16_t(kCodecZstdColumns) : uint16_t(kCodecZstd), kSectionCritical};
}

std::string flags_text(uint16_t flags) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%04X", unsigned(flags));
  return text;
}

std::string shape_text(uint16_t codec, uint16_t flags) {
  return "codec " + std::to_string(codec) + " and flags " + flags_text(flags);
}

}  // namespace

VerifyReport Bundle::verify() const {
  VerifyReport report;
  const std::string version = std::to_string(version_major_) + "." + std::to_string(version_minor_);
  const std::string known_version = std::to_string(kFormatMajor) + "." + std::to_string(kKnownFormatMinor);
  const bool newer = version_minor_ > kKnownFormatMinor;
  // The version whose rules apply: the bundle's, or for a newer one the newest this code knows.
  const uint16_t rules_minor = std::min(version_minor_, kKnownFormatMinor);
  const std::string rules_version = std::to_string(kFormatMajor) + "." + std::to_string(rules_minor);
  // A value this version leaves open: wrong in a bundle of a version it knows, unknowable in a newer one.
  const auto undefined = [&](const Status& status) {
    if (newer) {
      report.notes.push_back(status.message() + "; format " + version + " may define it (this agentreel knows " +
                             known_version + ")");
    } else {
      report.problems.push_back(status.to_string());
    }
  };
  if (newer) {
    report.notes.push_back("format " + version + " is newer than this agentreel's " + known_version +
                           ": what it added is checked by its checksums only");
  }
  if (reserved_ != 0) {
    char value[16];
    std::snprintf(value, sizeof value, "0x%08" PRIX32, reserved_);
    undefined(broken(std::string("file header bytes 12..15 (reserved) hold ") + value + " (expected 0)"));
  }

  if (toc_flags_ & ~uint16_t(kSectionCritical)) {
    undefined(
        broken("table of contents header has flags " + flags_text(toc_flags_) + ", bits this version does not define"));
  }

  // Sections, in file order: readable, shaped as the writer shapes them, RAW blocks first.
  const SectionInfo* first_index_section = nullptr;
  bool raw_order_reported = false, codec_reported = false;
  for (size_t i = 0; i < sections_.size(); ++i) {
    const SectionInfo& section = sections_[i];
    const std::string name = "section " + tag_name(section.tag) + at(section.offset);
    ++report.sections_checked;
    if (section.tag == kTagRaw) ++report.blocks_checked;
    const bool skipped = std::find(skipped_sections_.begin(), skipped_sections_.end(), i) != skipped_sections_.end();
    Status status = Status::ok();
    if (skipped) {
      std::string stored;
      status = read_stored(section, stored);  // checksums only: this reader cannot decode it
    } else {
      auto bytes = load_section(section);
      status = bytes.status();
    }
    if (!status.is_ok()) {
      std::string where;
      if (section.tag == kTagRaw) {
        const size_t block = size_t(std::find(raw_blocks_.begin(), raw_blocks_.end(), i) - raw_blocks_.begin());
        where = "raw block " + std::to_string(block) + " (stream bytes " + std::to_string(raw_block_offsets_[block]) +
                ".." + std::to_string(raw_block_offsets_[block + 1]) + "): ";
      }
      report.problems.push_back(where + status.to_string());
      continue;
    }
    if (!is_known_section_tag(section.tag)) {
      undefined(broken(name + " is not a section of format " + rules_version +
                       " (a reader skips it: it is not marked critical)"));
      continue;
    }
    if (section.codec > kCodecZstdColumns) {
      undefined(broken(name + " uses codec " + std::to_string(section.codec) + ", which format " + rules_version +
                       " does not have (a reader skips it: it is not marked critical)"));
      continue;
    }
    if (const uint16_t since = section_since_minor(section.tag); since > version_minor_) {
      report.problems.push_back(broken(name + " is not a section of format " + version + ": format " +
                                       std::to_string(kFormatMajor) + "." + std::to_string(since) +
                                       " added it (a bundle that carries it says so)")
                                    .to_string());
      continue;
    }
    if (section.tag != kTagRaw && !first_index_section) first_index_section = &section;
    if (section.tag == kTagRaw && first_index_section && !raw_order_reported) {
      report.problems.push_back(broken(name + " follows index section " + tag_name(first_index_section->tag) +
                                       at(first_index_section->offset) + " (expected every RAW block first)")
                                    .to_string());
      raw_order_reported = true;
    }
    if (section.flags & ~uint16_t(kSectionCritical)) {
      undefined(broken(name + " has flags " + flags_text(section.flags) + ", bits this version does not define"));
    }
    if (version_minor_ == 0 && section.codec == kCodecZstdColumns) {
      if (!codec_reported) {
        report.problems.push_back(broken("file header bytes 10..11 say format " + version +
                                         ", which has no codec 2, but " + name + " uses it")
                                      .to_string());
      }
      codec_reported = true;
      continue;
    }
    const SectionShape shape = written_shape(section.tag, rules_minor);
    if (section.codec != shape.codec || (section.flags & kSectionCritical) != shape.flags) {
      report.problems.push_back(broken(name + " has " + shape_text(section.codec, section.flags) +
                                       "; a writer of format " + rules_version + " writes " +
                                       shape_text(shape.codec, shape.flags))
                                    .to_string());
    }
  }
  for (SectionTag optional : {kTagAttributes, kTagSkipped}) {
    const bool present =
        std::any_of(sections_.begin(), sections_.end(), [&](const SectionInfo& s) { return s.tag == optional; });
    if (!present) {
      report.problems.push_back(broken("section " + tag_name(optional) + " is missing (a writer of format " +
                                       rules_version + " always writes it)")
                                    .to_string());
    }
  }

  // A writer stamps the oldest minor version that has everything its bundle holds: 1.3 only with a find index.
  if (version_minor_ == kFormatMinorFindIndex &&
      std::none_of(sections_.begin(), sections_.end(), [](const SectionInfo& s) { return s.tag == kTagFindIndex; })) {
    report.problems.push_back(broken("format 1." + std::to_string(kFormatMinorFindIndex) +
                                     " is stamped but the bundle has no FIDX section (a writer stamps 1." +
                                     std::to_string(kFormatMinorFindIndex - 1) + " then)")
                                  .to_string());
  }

  // RAW blocks all hold META's block size but the last, which holds at most that.
  const uint64_t block_bytes = meta_.raw_block_bytes;
  for (size_t b = 0; b < raw_blocks_.size(); ++b) {
    const SectionInfo& block = sections_[raw_blocks_[b]];
    const bool last = b + 1 == raw_blocks_.size();
    if (block.raw_size == 0 || (last ? block.raw_size > block_bytes : block.raw_size != block_bytes)) {
      report.problems.push_back(broken("raw block " + std::to_string(b) + at(block.offset) + " holds " +
                                       std::to_string(block.raw_size) + " bytes but section META gives blocks of " +
                                       std::to_string(block_bytes) +
                                       " (expected every block but the last to hold exactly that, the last 1 to that)")
                                    .to_string());
      break;
    }
  }
  if (block_bytes == 0 || block_bytes > kMaxRawBlockBytes) {
    report.problems.push_back(broken("section META gives raw blocks of " + std::to_string(block_bytes) +
                                     " bytes (expected 1 to " + std::to_string(kMaxRawBlockBytes) + ")")
                                  .to_string());
  }

  // Kinds and statuses a newer minor version may add (read as their fallback, model/span.h).
  const UnknownSpanValues& unknown = unknown_span_values_;
  if (unknown.kinds) {
    undefined(broken("section SPAN: span " + std::to_string(unknown.first_kind_span) + " has kind " +
                     std::to_string(unknown.first_kind) + ", which this version does not define (read as " +
                     std::string(span_kind_name(span_kind_from_byte(unknown.first_kind))) + "; " +
                     std::to_string(unknown.kinds) + (unknown.kinds == 1 ? " span" : " spans") + " in all)"));
  }
  if (unknown.statuses) {
    undefined(broken("section SPAN: span " + std::to_string(unknown.first_status_span) + " has status " +
                     std::to_string(unknown.first_status) + ", which this version does not define (read as " +
                     std::string(span_status_name(span_status_from_byte(unknown.first_status))) + "; " +
                     std::to_string(unknown.statuses) + (unknown.statuses == 1 ? " span" : " spans") + " in all)"));
  }
  const WriterRuleBreaks breaks = check_writer_rules(trace_);
  for (const Status& status : breaks.problems) report.problems.push_back(status.to_string());
  for (const Status& status : breaks.undefined_values) undefined(status);
  verify_find_index(report);

  for (size_t i = 0; i < trace_.inputs.size(); ++i) {
    class NullSink final : public ByteSink {
     public:
      Status write(const void*, size_t) override { return Status::ok(); }
    } sink;
    Status status = export_input(i, sink);
    ++report.inputs_checked;
    if (!status.is_ok()) {
      report.problems.push_back("input " + std::to_string(i) + " (" + trace_.inputs[i].path +
                                "): " + status.to_string());
    }
  }
  return report;
}

}  // namespace agentreel
