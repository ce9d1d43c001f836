// `agentreel html`: the single-file web viewer with a bundle embedded as base64 in
// <script type="application/octet-stream" id="agentreel-bundle">…</script>. The bundle is
// checked before it is embedded, so a corrupt bundle never becomes a shareable page, and scanned for
// secrets, since a page is made to be sent: a warning names what it holds, --redact embeds a redacted copy.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "bundle_redaction.h"
#include "commands.h"
#include "core/base64.h"
#include "file_io.h"
#include "open_bundle.h"
#include "page_fonts.h"
#include "secret_scan.h"

namespace agentreel::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kBundleElementOpen = "<script type=\"application/octet-stream\" id=\"agentreel-bundle\">";
// One element per font subset, before the bundle's: web/js/viewer_glue.js hands them to the viewer first.
constexpr std::string_view kFontElementOpen =
    "<script type=\"application/octet-stream\" class=\"agentreel-font\" data-name=\"";

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
  SecretFlags secret_flags;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string pattern_error;
    if (take_secret_flag(args, i, secret_flags, pattern_error)) {
      if (!pattern_error.empty()) return usage("html: " + pattern_error);
    } else if (args[i] == "-o" && i + 1 < args.size()) {
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
  std::string embedded;  // the bundle's bytes, or its redacted copy's
  std::string secrets_note;
  if (secret_flags.redact) {
    VectorSink redacted;
    auto result =
        redact_bundle(*opened.value(), secret_flags, redacted, std::max(1u, std::thread::hardware_concurrency()));
    if (!result.is_ok()) return fail(bundle_path + ": " + result.status().to_string());
    const secrets::SecretSummary& replaced = result.value().replaced;
    secrets_note = replaced.distinct() ? "; redacted copy: " + replaced.phrase() + " replaced in " +
                                             std::to_string(replaced.occurrences()) + " place(s)"
                                       : "; redacted copy: no secrets found";
    embedded.assign(redacted.buffer.begin(), redacted.buffer.end());
  } else {
    secrets::SecretSummary found;
    const secrets::Scanner scanner(secret_flags.scan);
    Status scanned =
        scan_bundle(*opened.value(), scanner, [&](const LocatedFinding& where) { found.add(*where.finding); });
    if (!scanned.is_ok()) return fail(bundle_path + ": " + scanned.to_string());
    if (found.distinct()) {
      std::fprintf(stderr, "agentreel: warning: %s; `agentreel secrets %s` lists them, `--redact` removes them\n",
                   found.sentence().c_str(), bundle_path.c_str());
    }
    auto bundle_bytes = read_file_head(bundle_path, opened.value()->file_size());
    if (!bundle_bytes.is_ok()) return fail(bundle_bytes.status().message());
    embedded = std::move(bundle_bytes.value());
  }
  std::error_code error;
  const auto template_size = fs::file_size(viewer, error);
  if (error) {
    return fail("cannot read the web viewer template " + viewer + ": " + error.message() +
                " (build it with scripts/build.sh, or pass --viewer PATH)");
  }
  auto page = read_file_head(viewer, template_size);
  if (!page.is_ok()) return fail(page.status().message());
  std::string& html = page.value();

  // Fonts for the scripts the page's embedded Latin fonts lack: subsets holding only the glyphs this bundle's
  // text uses (page_fonts.h), cut from the bundle actually embedded (a redacted copy when --redact).
  std::unique_ptr<Bundle> redacted_bundle;
  const Bundle* shown = opened.value().get();
  if (secret_flags.redact) {
    auto reopened = Bundle::open(std::make_unique<MemorySource>(embedded.data(), embedded.size()));
    if (!reopened.is_ok()) return fail(bundle_path + ": the redacted copy: " + reopened.status().to_string());
    redacted_bundle = reopened.take();
    shown = redacted_bundle.get();
  }
  auto codepoints = bundle_codepoints(*shown);
  if (!codepoints.is_ok()) return fail(bundle_path + ": " + codepoints.status().to_string());
  auto page_fonts = subset_fallback_fonts(codepoints.value());
  if (!page_fonts.is_ok()) return fail(page_fonts.status().to_string());
  std::string font_elements;
  size_t font_bytes = 0;
  for (const PageFont& font : page_fonts.value().fonts) {
    font_elements += std::string(kFontElementOpen) + font.name + "\">" + base64_encode(font.bytes) + "</script>\n";
    font_bytes += font.bytes.size();
  }
  if (page_fonts.value().unavailable > 0) {
    std::string absent;
    for (const std::string& file : page_fonts.value().absent) absent += (absent.empty() ? "" : ", ") + file;
    std::fprintf(stderr,
                 "agentreel: warning: %zu of the %zu characters beyond ASCII in %s have no glyph in the "
                 "installed fonts and will show as '?'%s\n",
                 page_fonts.value().unavailable, page_fonts.value().wanted, bundle_path.c_str(),
                 absent.empty() ? "" : ("; not installed: " + absent).c_str());
  }

  const std::string encoded = base64_encode(embedded);
  const size_t open = html.find(kBundleElementOpen);
  if (open != std::string::npos) {
    const size_t content = open + kBundleElementOpen.size();
    const size_t close = html.find("</script>", content);
    if (close == std::string::npos) return fail(viewer + ": the agentreel-bundle element is not closed");
    html.replace(content, close - content, encoded);
    html.insert(open, font_elements);
  } else {
    const size_t body = html.rfind("</body>");
    if (body == std::string::npos)
      return fail(viewer + ": no agentreel-bundle element and no </body> to add one before");
    html.insert(body, font_elements + std::string(kBundleElementOpen) + encoded + "</script>\n");
  }
  auto sink = AtomicFileSink::create(output);
  if (!sink.is_ok()) return fail(sink.status().message());
  if (Status s = sink.value()->write(html.data(), html.size()); !s.is_ok()) return fail(s.message());
  if (Status s = sink.value()->commit(); !s.is_ok()) return fail(s.message());
  std::string fonts_note;
  if (!page_fonts.value().fonts.empty()) {
    fonts_note = ", " + std::to_string(page_fonts.value().fonts.size()) + " font subset(s) of " +
                 std::to_string(font_bytes) + " bytes for " +
                 std::to_string(page_fonts.value().wanted - page_fonts.value().unavailable) + " characters";
  }
  std::fprintf(stderr, "agentreel: wrote %s (%zu bytes, bundle of %zu bytes embedded%s%s)\n", output.c_str(),
               html.size(), embedded.size(), fonts_note.c_str(), secrets_note.c_str());
  return 0;
}

}  // namespace agentreel::cli
