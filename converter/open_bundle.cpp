// Bundle file opening (see open_bundle.h).
#include "open_bundle.h"

#include "file_io.h"

namespace agentreel::cli {

Result<std::unique_ptr<Bundle>> open_bundle_file(const std::string& path) {
  auto source = FileSource::open(path);
  if (!source.is_ok()) return source.status();
  auto bundle = Bundle::open(source.take());
  if (!bundle.is_ok()) return Status(bundle.status().code(), path + ": " + bundle.status().to_string());
  return bundle;
}

}  // namespace agentreel::cli
