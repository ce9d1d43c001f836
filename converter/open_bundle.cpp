// Bundle file opening (see open_bundle.h).
#include "open_bundle.h"

#include "file_source.h"
#include "thread_parallel_for.h"

namespace agentreel::cli {

Result<std::unique_ptr<Bundle>> open_bundle_file(const std::string& path) {
  auto source = native::FileSource::open(path);
  if (!source.is_ok()) return source.status();
  // Index sections inflate and decode side by side (FileSource reads with pread: safe across threads).
  auto bundle = Bundle::open(source.take(), native::thread_parallel_for());
  if (!bundle.is_ok()) return Status(bundle.status().code(), path + ": " + bundle.status().to_string());
  return bundle;
}

}  // namespace agentreel::cli
