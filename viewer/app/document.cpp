// Opening a bundle for the viewer (see document.h): Bundle::open, then the one-time layout pass.
// No ImGui and no platform code: failures come back as a Status for the UI to show.
#include "app/document.h"

#include <algorithm>

#include "app/fonts/fallback_fonts.h"

namespace agentreel::viewer {

Result<std::unique_ptr<Document>> Document::open(std::unique_ptr<ByteSource> bytes, std::string name,
                                                 const ParallelFor& parallel) {
  if (!bytes) return Status(ErrorCode::invalid_argument, "no bytes to open");
  if (bytes->size() == 0) return Status(ErrorCode::truncated, "the file is empty (0 bytes)");
  // A hint for a common mistake, worked out before Bundle::open takes the bytes.
  std::string hint;
  {
    uint8_t head[1] = {0};
    if (bytes->read(0, 1, head).is_ok() && (head[0] == '{' || head[0] == '[')) {
      hint =
          " The file looks like JSON text: convert agent logs into a bundle first with `agentreel convert LOG -o "
          "OUT.reel`.";
    }
  }
  auto opened = Bundle::open(std::move(bytes), parallel);
  if (!opened.is_ok()) {
    Status status = opened.status();
    return Status(status.code(), status.message() + hint);
  }
  std::unique_ptr<Document> doc(new Document());
  doc->bundle_ = opened.take();
  doc->name_ = std::move(name);
  doc->layout_ = SpanLayout::build(doc->bundle_->trace());
  for (const SessionLanes& lanes : doc->layout_.sessions) doc->error_spans_ += lanes.error_count;
  note_glyphs(doc->bundle_->trace().strings.blob());  // names, ids, titles, attribute values
  note_glyphs(doc->name_);
  return doc;
}

void Document::note_glyphs(std::string_view text) { fonts::FallbackFonts::instance().note_text(text); }

}  // namespace agentreel::viewer
