// Hints for the error screen (see error_hint.h).
#include "app/error_hint.h"

namespace agentreel::viewer {

std::string_view error_hint(ErrorCode code) {
  switch (code) {
    case ErrorCode::io: return "The file could not be read: check the path, and that it is a file you may read.";
    case ErrorCode::unsupported_version:
      return "This bundle was written by a newer agentreel than this viewer. Open it with a newer viewer.";
    case ErrorCode::out_of_memory:
      return "Open a smaller bundle, or open this one in the native viewer (agentreel-viewer), which has no "
             "such limit.";
    case ErrorCode::limit_exceeded:
      return "The bundle claims sizes past agentreel's documented limits (docs/limits.md): it is damaged, or "
             "was not written by `agentreel convert`.";
    case ErrorCode::not_a_bundle:
      return "agentreel opens bundles (.reel files) made by `agentreel convert`. To replay a log, convert it "
             "first: agentreel convert LOG -o run.reel";
    default:
      return "agentreel opens bundles (.reel files) made by `agentreel convert`. If this is one, it is damaged: "
             "`agentreel verify BUNDLE` names the bad block.";
  }
}

}  // namespace agentreel::viewer
