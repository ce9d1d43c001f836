// `agentreel html`: the single-file web viewer with a bundle embedded as base64 in
// <script type="application/octet-stream" id="agentreel-bundle">…</script>. The bundle is
// checked before it is embedded, so a corrupt bundle never becomes a shareable page.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

#include "core/base64.h"
#include "commands.h"
#include "file_io.h"
#include "open_bundle.h"

namespace agentreel::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kBundleElementOpen = "<script type=\"application/octet-stream\" id=\"agentreel-bundle\">";

std::string default_viewer_path() {
  if (const char* env = std::getenv("AGENTREEL_VIEWER_HTML")) return env;
  char exe[4096];
  const ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return "agentreel.html";
  exe[n] = '\0';
  return (fs::path(exe).parent_path().parent_path() / "web" / "agentreel.html").string();
}

}  // namespace

int run_html(const Args& args) {
  std::string bundle_path, output, viewer = default_viewer_path();
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "-o" && i + 1 < args.size()) {
      output = args[++i];
    } else if (args[i] == "--viewer" && i + 1 < args.size()) {
      viewer = args[++i];
    } else if (!args[i].empty() && args[i][0] == '-') {
      return usage("html: unknown option " + args[i]);
    } else {
      bundle_path = args[i];
    }
  }
  if (bundle_path.empty() || output.empty()) return usage("html needs BUNDLE and -o OUT.html");

  auto opened = open_bundle_file(bundle_path);
  if (!opened.is_ok()) return fail(opened.status().message());
  if (auto report = opened.value()->verify(); !report.problems.empty()) {
    return fail(bundle_path + ": " + report.problems.front() + " (run agentreel verify for all problems)");
  }
  auto bundle_bytes = read_file_head(bundle_path, opened.value()->file_size());
  if (!bundle_bytes.is_ok()) return fail(bundle_bytes.status().message());
  std::error_code error;
  const auto template_size = fs::file_size(viewer, error);
  if (error) {
    return fail("cannot read the web viewer template " + viewer + ": " + error.message() +
                " (build it with scripts/build.sh, or pass --viewer PATH)");
  }
  auto page = read_file_head(viewer, template_size);
  if (!page.is_ok()) return fail(page.status().message());
  std::string& html = page.value();

  const std::string encoded = base64_encode(bundle_bytes.value());
  const size_t open = html.find(kBundleElementOpen);
  if (open != std::string::npos) {
    const size_t content = open + kBundleElementOpen.size();
    const size_t close = html.find("</script>", content);
    if (close == std::string::npos) return fail(viewer + ": the agentreel-bundle element is not closed");
    html.replace(content, close - content, encoded);
  } else {
    const size_t body = html.rfind("</body>");
    if (body == std::string::npos) return fail(viewer + ": no agentreel-bundle element and no </body> to add one before");
    html.insert(body, std::string(kBundleElementOpen) + encoded + "</script>\n");
  }
  auto sink = AtomicFileSink::create(output);
  if (!sink.is_ok()) return fail(sink.status().message());
  if (Status s = sink.value()->write(html.data(), html.size()); !s.is_ok()) return fail(s.message());
  if (Status s = sink.value()->commit(); !s.is_ok()) return fail(s.message());
  std::fprintf(stderr, "agentreel: wrote %s (%zu bytes, bundle of %llu bytes embedded)\n", output.c_str(), html.size(),
               (unsigned long long)opened.value()->file_size());
  return 0;
}

}  // namespace agentreel::cli
