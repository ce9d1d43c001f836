// Page font subsets (see page_fonts.h) with libharfbuzz-subset. Layout tables are dropped: the viewer's atlas
// (stb_truetype) reads only cmap, outlines and metrics, and GSUB closure would add glyphs no codepoint reaches.
#include "page_fonts.h"

#include <hb-subset.h>
#include <hb.h>

#include <filesystem>
#include <memory>

#include "debian_fonts.h"  // native/
#include "file_io.h"

namespace agentreel::cli {
namespace {

constexpr uint64_t kChunkBytes = 4 << 20;
// Bytes of a chunk's end read again with the next chunk, so a UTF-8 sequence or a \uD83D\uDE00 escape pair cut
// by the chunk edge is seen whole (codepoints seen twice are one in the set).
constexpr uint64_t kCarryBytes = 12;

template <class T, void (*Destroy)(T*)>
struct HbDeleter {
  void operator()(T* p) const { Destroy(p); }
};
using BlobPtr = std::unique_ptr<hb_blob_t, HbDeleter<hb_blob_t, hb_blob_destroy>>;
using FacePtr = std::unique_ptr<hb_face_t, HbDeleter<hb_face_t, hb_face_destroy>>;
using SetPtr = std::unique_ptr<hb_set_t, HbDeleter<hb_set_t, hb_set_destroy>>;
using InputPtr = std::unique_ptr<hb_subset_input_t, HbDeleter<hb_subset_input_t, hb_subset_input_destroy>>;

}  // namespace

Result<CodepointSet> bundle_codepoints(const Bundle& bundle) {
  CodepointSet set;
  const auto add = [&](uint32_t cp) { set.add(cp); };
  const Trace& trace = bundle.trace();
  for_each_non_ascii_codepoint(trace.strings.blob(), add);
  std::string chunk;
  for (const InputFile& input : trace.inputs) {
    for (uint64_t at = 0; at < input.size;) {
      const uint64_t begin = at > kCarryBytes ? at - kCarryBytes : 0;
      const uint64_t size = std::min(kChunkBytes, input.size - at) + (at - begin);
      chunk.clear();
      if (Status s = bundle.read_stream(input.stream_offset + begin, size, chunk); !s.is_ok()) return s;
      for_each_non_ascii_codepoint(chunk, add);
      at = begin + size;
    }
  }
  return set;
}

Result<PageFonts> subset_fallback_fonts(const CodepointSet& wanted) {
  PageFonts out;
  std::vector<uint32_t> remaining = wanted.to_vector();
  out.wanted = remaining.size();
  for (const native::DebianFont& font : native::kFallbackFonts) {
    if (remaining.empty()) break;
    std::error_code error;
    const auto size = std::filesystem::file_size(font.path, error);
    if (error) {
      out.absent.push_back(std::string(font.path) + " (" + font.package + ")");
      continue;
    }
    auto file = read_file_head(font.path, size);
    if (!file.is_ok()) return file.status();
    const std::string& bytes = file.value();
    BlobPtr blob(hb_blob_create_or_fail(bytes.data(), static_cast<unsigned>(bytes.size()), HB_MEMORY_MODE_READONLY,
                                        nullptr, nullptr));
    if (!blob) return Status(ErrorCode::io, std::string(font.path) + ": HarfBuzz cannot read the font file");
    FacePtr face(hb_face_create(blob.get(), static_cast<unsigned>(font.face_index)));
    SetPtr has(hb_set_create());
    hb_face_collect_unicodes(face.get(), has.get());
    InputPtr input(hb_subset_input_create_or_fail());
    if (!input) return Status(ErrorCode::io, "HarfBuzz could not make a subset input (out of memory)");
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    std::vector<uint32_t> left;
    size_t taken = 0;
    for (const uint32_t cp : remaining) {
      if (hb_set_has(has.get(), cp)) {
        hb_set_add(unicodes, cp);
        ++taken;
      } else {
        left.push_back(cp);
      }
    }
    if (taken == 0) continue;
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING);
    hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (const char* tag : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea", "vmtx", "VORG", "kern", "DSIG"}) {
      hb_set_add(drop, hb_tag_from_string(tag, 4));
    }
    FacePtr subset(hb_subset_or_fail(face.get(), input.get()));
    if (!subset) return Status(ErrorCode::io, std::string(font.path) + ": HarfBuzz could not subset it");
    BlobPtr result(hb_face_reference_blob(subset.get()));
    unsigned length = 0;
    const char* data = hb_blob_get_data(result.get(), &length);
    if (!data || length == 0) return Status(ErrorCode::io, std::string(font.path) + ": empty subset");
    out.fonts.push_back(PageFont{font.name, std::string(data, length), taken});
    remaining = std::move(left);
  }
  out.unavailable = remaining.size();
  return out;
}

}  // namespace agentreel::cli
