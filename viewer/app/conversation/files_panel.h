// The files a session read, edited and wrote (model/files_touched.h), beside the conversation: one row per file
// with its counts; a click unfolds the calls that touched it, and a click on a call selects it (its details
// show the diff of an edit).
#pragma once

#include <cstdint>
#include <vector>

#include "app/document.h"
#include "app/theme.h"
#include "app/view_state.h"
#include "model/files_touched.h"

namespace agentreel::viewer {

class FilesPanel {
 public:
  void reset() { *this = FilesPanel(); }
  void draw(const Document& doc, ViewState& state, const Fonts& fonts);
  size_t file_count() const { return files_.size(); }

 private:
  const Document* doc_ = nullptr;
  uint32_t session_ = UINT32_MAX;
  std::vector<TouchedFile> files_;
  std::vector<uint8_t> open_;  // per file: its calls unfolded
};

}  // namespace agentreel::viewer
