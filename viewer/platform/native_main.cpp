// The native viewer's entry point: `agentreel-viewer [BUNDLE] [--screenshot OUT.png] [--size WxH] ...`.
// Reads files, handles dropped files, and in screenshot mode renders a few frames, saves the back buffer as
// a PNG and exits (used by tests and for the README's images).
#include <SDL.h>
#include <SDL_opengl.h>
#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/automation/bench_script.h"
#include "app/automation/scripted_input.h"
#include "app/automation/viewer_probe.h"
#include "app/document.h"
#include "app/fonts/fallback_fonts.h"
#include "core/byte_io.h"
#include "debian_fonts.h"  // native/
#include "file_source.h"   // native/
#include "find/find_query.h"
#include "open_run.h"  // converter/: logs walked and converted as the CLI does
#include "platform/png_writer.h"
#include "platform/sdl_gl_app.h"
#include "recent_sessions.h"      // converter/: the harnesses' log folders
#include "thread_parallel_for.h"  // native/

namespace agentreel::viewer {
namespace {

constexpr const char* kUsage =
    "usage: agentreel-viewer [BUNDLE.reel | LOG... | DIR...] [options]\n"
    "       agentreel-viewer   (no path: the session written to last in ~/.claude/projects, ~/.codex/sessions,\n"
    "                           ~/.gemini/tmp or ~/.copilot)\n"
    "\n"
    "Opens an agentreel bundle in a window, or agent logs directly: files and directories of any format\n"
    "`agentreel convert` reads are converted in memory (nothing is written). Drop a bundle or a log onto the\n"
    "window to open another.\n"
    "\n"
    "options:\n"
    "  --screenshot OUT.png  render a few frames, save the window as a PNG and exit\n"
    "  --size WxH            window size in logical pixels (default 1440x900)\n"
    "  --scale S             UI scale (default: from the display's DPI, or $AGENTREEL_UI_SCALE)\n"
    "  --span N              select span number N (as shown in its details) after loading; --select is an alias\n"
    "  --session ID          show the session with this id (or #N, its number in the list)\n"
    "  --find QUERY          type QUERY into the find box (e.g. 'tool:Bash status:error dur>5s')\n"
    "  --playhead T          put the playhead T into the session (e.g. 30s, 1.5m); later spans are faded\n"
    "  --end-record          show a selected span's end record first (default: its begin record)\n"
    "  --frames N            frames to render before a screenshot (default 8)\n"
    "  --click TARGET        (screenshot mode) click what the last frame drew: finding:N (Diagnosis row), marker:N\n"
    "                        (findings lane), session:N, disclosure:SPAN, row:N (conversation row), copy,\n"
    "                        record_tab, overview@F (F: 0..1 across the strip)\n"
    "  --key NAME            (screenshot mode) press a key (a letter, Enter, Escape, Left...); steps run in order\n"
    "  --type TEXT           (screenshot mode) type TEXT into whatever has keyboard focus\n"
    "  --print-state         (screenshot mode) print the viewer's state as one JSON line after the screenshot\n"
    "  --worker-min-spans N  analyse a shown session of over N spans on a worker thread (default 50000)\n"
    "  --bench               replay a scripted session (zoom, pan, scrub, select) at 1280x800 and print CPU time\n"
    "                        per frame (p50/p99/max), open -> first frame time and RSS, as text and one JSON line\n"
    "  -h, --help            show this help\n"
    "\n"
    "exit status: 0 ok; 1 usage or window/GL failure; 2 screenshot could not be written;\n"
    "             3 (screenshot mode) the bundle could not be opened: the PNG shows the error screen\n";

struct Options {
  std::string bundle;              // the first path given
  std::vector<std::string> paths;  // a bundle, or logs: files and directories of any format the converter reads
  std::string screenshot;
  int width = 1440;
  int height = 900;
  float scale = 0;
  long select = -1;
  std::string session;
  std::string find;
  std::string playhead;
  int frames = 8;
  bool end_record = false;
  bool bench = false;
  bool size_given = false;
  bool print_state = false;
  long worker_min_spans = -1;
  std::vector<std::string> script;  // "click:...", "key:...", "type:..." in order
};

// Resident set size of this process (Linux /proc), 0 where unknown.
uint64_t resident_bytes() {
  FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return 0;
  char line[256];
  uint64_t kib = 0;
  while (std::fgets(line, sizeof line, f)) {
    if (std::strncmp(line, "VmRSS:", 6) == 0) kib = std::strtoull(line + 6, nullptr, 10);
  }
  std::fclose(f);
  return kib * 1024;
}

double now_ms() {
  return static_cast<double>(SDL_GetPerformanceCounter()) * 1000.0 / static_cast<double>(SDL_GetPerformanceFrequency());
}

bool parse_args(int argc, char** argv, Options& options, std::string& error) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* name) -> const char* {
      if (i + 1 >= argc) {
        error = std::string(name) + " needs a value";
        return nullptr;
      }
      return argv[++i];
    };
    if (arg == "-h" || arg == "--help") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else if (arg == "--screenshot") {
      const char* v = value("--screenshot");
      if (!v) return false;
      options.screenshot = v;
    } else if (arg == "--size") {
      const char* v = value("--size");
      if (!v) return false;
      if (std::sscanf(v, "%dx%d", &options.width, &options.height) != 2 || options.width < 200 ||
          options.height < 150 || options.width > 16384 || options.height > 16384) {
        error = std::string("--size wants WIDTHxHEIGHT (at least 200x150), got '") + v + "'";
        return false;
      }
      options.size_given = true;
    } else if (arg == "--scale") {
      const char* v = value("--scale");
      if (!v) return false;
      options.scale = static_cast<float>(std::atof(v));
      if (!(options.scale >= 0.5f && options.scale <= 4.0f)) {
        error = std::string("--scale wants a number from 0.5 to 4, got '") + v + "'";
        return false;
      }
    } else if (arg == "--session" || arg == "--find" || arg == "--playhead") {
      const char* v = value(arg.c_str());
      if (!v) return false;
      (arg == "--session" ? options.session : arg == "--find" ? options.find : options.playhead) = v;
      int64_t ns = 0;
      if (arg == "--playhead" && !parse_duration(v, ns)) {
        error = std::string("--playhead wants a time like 30s or 1.5m, got '") + v + "'";
        return false;
      }
    } else if (arg == "--select" || arg == "--span") {
      const char* v = value(arg.c_str());
      if (!v) return false;
      char* end = nullptr;
      options.select = std::strtol(v, &end, 10);
      if (!end || *end || options.select < 0) {
        error = arg + " wants a span number, got '" + v + "'";
        return false;
      }
    } else if (arg == "--click" || arg == "--key" || arg == "--type") {
      const char* v = value(arg.c_str());
      if (!v) return false;
      options.script.push_back(arg.substr(2) + ":" + v);
    } else if (arg == "--worker-min-spans") {
      const char* v = value("--worker-min-spans");
      if (!v) return false;
      char* end = nullptr;
      options.worker_min_spans = std::strtol(v, &end, 10);
      if (!end || *end || options.worker_min_spans < 0) {
        error = std::string("--worker-min-spans wants a span count, got '") + v + "'";
        return false;
      }
    } else if (arg == "--print-state") {
      options.print_state = true;
    } else if (arg == "--bench") {
      options.bench = true;
    } else if (arg == "--end-record") {
      options.end_record = true;
    } else if (arg == "--frames") {
      const char* v = value("--frames");
      if (!v) return false;
      options.frames = std::atoi(v);
      if (options.frames < 1 || options.frames > 1000) {
        error = std::string("--frames wants 1..1000, got '") + v + "'";
        return false;
      }
    } else if (!arg.empty() && arg[0] == '-') {
      error = "unknown option '" + arg + "'";
      return false;
    } else {
      if (options.bundle.empty()) options.bundle = arg;  // what messages name
      options.paths.push_back(arg);
    }
  }
  return true;
}

std::string base_name(const std::string& path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Whether a path opens as a bundle: it starts with the bundle magic, or is named *.reel (a damaged bundle is
// reported as one), or does not exist (the file source names what is missing). Anything else is logs.
bool opens_as_bundle(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) return false;
  if (!std::filesystem::exists(path, error)) return true;
  const bool reel = path.size() > 5 && path.compare(path.size() - 5, 5, ".reel") == 0;
  return reel || cli::is_bundle_file(path);
}

// A bundle opens as it is. Logs (files and directories of any format the converter reads, walked as `agentreel
// convert` walks them) are converted into a bundle in memory first: no convert step, nothing written.
void open_paths(SdlGlApp& shell, const std::vector<std::string>& paths) {
  if (paths.empty()) return;
  const std::string name = paths.size() == 1
                               ? base_name(paths[0])
                               : base_name(paths[0]) + " and " + std::to_string(paths.size() - 1) + " more";
  if (paths.size() == 1 && opens_as_bundle(paths[0])) {
    auto bytes = native::FileSource::open(paths[0]);
    if (!bytes.is_ok()) {
      shell.app().show_error(name, bytes.status().message(), bytes.status().code());
    } else {
      shell.app().open_bytes(bytes.take(), name);
    }
  } else {
    auto bundle = cli::convert_paths_in_memory(paths, "", "agentreel-viewer");
    if (!bundle.is_ok()) {
      shell.app().show_error(name, bundle.status().message(), bundle.status().code());
    } else {
      shell.app().open_bytes(std::make_unique<OwnedMemorySource>(bundle.take()), name);
    }
  }
  shell.set_title(shell.app().state() == LoadState::loaded ? "agentreel \xE2\x80\x94 " + name
                                                           : std::string("agentreel"));
}

void open_path(SdlGlApp& shell, const std::string& path) { open_paths(shell, {path}); }

int run_bench(SdlGlApp& shell, const Options& options) {
  BenchTimings timings;
  shell.frame();  // the empty window, so font atlas and GL setup are not counted as opening
  timings.memory_before_open = resident_bytes();
  const double t0 = now_ms();
  open_paths(shell, options.paths);
  timings.open_ms = now_ms() - t0;
  if (shell.app().state() != LoadState::loaded) {
    std::fprintf(stderr, "agentreel-viewer: %s: %s\n", options.bundle.c_str(), shell.app().error_message().c_str());
    return 3;
  }
  shell.frame();
  timings.first_frame_ms = now_ms() - t0;
  timings.spans = shell.app().loaded_span_count();
  // The second frame analyses the shown session (diagnosis_store.h): a one-off, timed apart from the script.
  const double analysis_t0 = now_ms();
  shell.frame();
  const double analysis_frame_ms = now_ms() - analysis_t0;
  BenchScript script(shell.app());
  for (int i = 0; i < BenchScript::kFrames; ++i) {
    script.before_frame(i);
    if (!shell.frame()) return 2;
    timings.frame_ms.push_back(shell.last_frame_ms());
    timings.cpu_ms.push_back(shell.last_cpu_ms());
    timings.gl_ms.push_back(shell.last_gl_ms());
    timings.vertices.push_back(shell.last_vertices());
    timings.draw_calls.push_back(shell.last_draw_calls());
  }
  timings.memory_bytes = resident_bytes();
  if (const Document* document = shell.app().document()) timings.hot = hot_memory(*document);
  const std::string json = bench_report_json(timings);
  std::printf("agentreel-viewer bench: %s, %llu spans, %dx%d, %d frames\n", base_name(options.bundle).c_str(),
              static_cast<unsigned long long>(timings.spans), options.width, options.height, BenchScript::kFrames);
  for (const auto& [label, values] :
       {std::pair{"frame CPU ms ", &timings.cpu_ms}, {"frame wall ms", &timings.frame_ms}}) {
    std::vector<double> sorted = *values;
    std::sort(sorted.begin(), sorted.end());
    std::printf("  %s  p50 %.2f  p99 %.2f  max %.2f\n", label, sorted[sorted.size() / 2],
                sorted[std::min(sorted.size() - 1, sorted.size() * 99 / 100)], sorted.back());
  }
  std::printf("  open %.0f ms, open -> first frame %.0f ms\n", timings.open_ms, timings.first_frame_ms);
  const DiagnosisStore& diagnosis = ViewerProbe(shell.app()).diagnosis();
  std::printf(
      "  diagnosis: the shown session took %.0f ms (second frame %.0f ms, untimed); %zu of %zu sessions "
      "analysed by the end\n",
      diagnosis.session_ms(shell.app().current_session()), analysis_frame_ms, diagnosis.analysed_count(),
      diagnosis.session_count());
  std::printf("  RSS %.1f MiB (%.1f MiB before opening); the bundle's arrays %.1f MiB\n",
              timings.memory_bytes / 1048576.0, timings.memory_before_open / 1048576.0,
              timings.hot.total() / 1048576.0);
  std::printf("%s\n", json.c_str());
  return 0;
}

// The Debian fonts for scripts the embedded fonts lack, read from /usr/share/fonts when a bundle's text first
// needs one. A missing file is said once on stderr; its glyphs then draw as '?'.
void register_fallback_fonts() {
  for (const native::DebianFont& font : native::kFallbackFonts) {
    fonts::FallbackFonts::instance().add_source(font.name, font.face_index, [font] {
      std::ifstream in(font.path, std::ios::binary);
      std::string bytes;
      if (in) bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      if (bytes.empty()) {
        std::fprintf(stderr, "agentreel-viewer: no font %s (Debian package %s): its scripts draw as '?'\n", font.path,
                     font.package);
      }
      return bytes;
    });
  }
}

}  // namespace

int native_main(int argc, char** argv) {
  Options options;
  std::string error;
  if (!parse_args(argc, argv, options, error)) {
    std::fprintf(stderr, "agentreel-viewer: %s\n\n%s", error.c_str(), kUsage);
    return 1;
  }
  PlatformHooks hooks;
  SdlGlApp* shell_ptr = nullptr;
  hooks.open_path = [&shell_ptr](const std::string& path) { open_path(*shell_ptr, path); };
  hooks.open_hint =
      "Drop a bundle or an agent log onto this window, or pass paths: agentreel-viewer run.reel, or "
      "agentreel-viewer ~/.claude/projects/<project>/";
  // No path: the session written to last in the harnesses' log folders, or a window that says where it looked.
  if (options.paths.empty() && !options.bench) {
    const char* home = std::getenv("HOME");
    const std::vector<cli::LogLocation> locations = cli::harness_log_locations(home && *home ? home : ".");
    const std::vector<cli::RecentSession> recent = cli::recent_sessions(locations, 0);
    if (!recent.empty()) {
      options.paths = recent.front().files;
      options.bundle = options.paths.front();
      std::fprintf(stderr, "agentreel-viewer: the latest session (%s): %s\n", recent.front().source.c_str(),
                   options.bundle.c_str());
    } else {
      std::string where;
      for (const cli::LogLocation& l : locations) where += (where.empty() ? "" : ", ") + l.path;
      std::fprintf(stderr, "agentreel-viewer: no session found in %s\n", where.c_str());
      hooks.open_hint = "No session found in " + where + ". " + hooks.open_hint;
    }
  }
  hooks.run_in_background = [](std::function<void()> job) -> std::function<void()> {
    auto thread = std::make_shared<std::thread>(std::move(job));
    return [thread] {
      if (thread->joinable()) thread->join();
    };
  };
  hooks.set_title = [&shell_ptr](const std::string& title) {
    if (shell_ptr && shell_ptr->window()) SDL_SetWindowTitle(shell_ptr->window(), title.c_str());
  };
  SdlGlApp shell(std::move(hooks));
  shell_ptr = &shell;
  // Allocations of 1 MiB and up get their own mapping, returned to the system when freed: opening a bundle
  // inflates index sections into large buffers it frees again, which glibc's adaptive threshold (up to 32 MiB)
  // would otherwise keep in the heap for good (+37 MiB of RSS for a 1M-span bundle decoded on four threads).
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  shell.app().set_parallel_for(native::thread_parallel_for());

  if (options.bench && !options.size_given) {
    options.width = 1280;
    options.height = 800;
  }
  if (options.bench && options.bundle.empty()) {
    std::fprintf(stderr, "agentreel-viewer: --bench needs a bundle\n");
    return 1;
  }
  register_fallback_fonts();
  WindowOptions window;
  window.width = options.width;
  window.height = options.height;
  window.ui_scale = options.scale;
  window.wait_when_idle = options.screenshot.empty() && !options.bench;
  window.ignore_mouse = !options.screenshot.empty() || options.bench;
  if (!shell.init(window, error)) {
    std::fprintf(stderr, "agentreel-viewer: %s\n", error.c_str());
    return 1;
  }
  shell.on_drop_file = [&shell](const std::string& path) { open_path(shell, path); };
  if (options.worker_min_spans >= 0) {
    ViewerProbe(shell.app()).set_analysis_worker_min_spans(static_cast<uint32_t>(options.worker_min_spans));
  }
  if (options.bench) return run_bench(shell, options);
  if (!options.paths.empty()) open_paths(shell, options.paths);
  if (shell.app().state() == LoadState::failed) {
    std::fprintf(stderr, "agentreel-viewer: %s: %s\n", options.bundle.c_str(), shell.app().error_message().c_str());
  }
  shell.app().set_prefer_end_record(options.end_record);
  ViewerApp& app = shell.app();
  if (!options.session.empty() && !app.select_session(options.session)) {
    std::fprintf(stderr, "agentreel-viewer: --session %s: no such session\n", options.session.c_str());
  }
  if (options.select >= 0 && !app.select_span(static_cast<uint32_t>(options.select))) {
    std::fprintf(stderr, "agentreel-viewer: --span %ld: no such span\n", options.select);
  }
  if (!options.find.empty()) {
    const size_t found = app.set_find_query(options.find);
    std::printf("agentreel-viewer: find '%s': %zu matches\n", options.find.c_str(), found);
  }
  if (!options.playhead.empty()) {
    int64_t ns = 0;
    parse_duration(options.playhead, ns);
    app.set_playhead(ns);
  }
  ScriptedInput script;
  for (const std::string& step : options.script) {
    if (!script.add(step, error)) {
      std::fprintf(stderr, "agentreel-viewer: %s\n", error.c_str());
      return 1;
    }
  }
  if (options.screenshot.empty()) {
    if (!script.empty() || options.print_state) {
      std::fprintf(stderr, "agentreel-viewer: --click/--key/--type/--print-state need --screenshot\n");
      return 1;
    }
    shell.run();
    return 0;
  }
  shell.before_new_frame = [&] { script.before_new_frame(app); };
  uint64_t script_done_at = script.empty() ? 0 : UINT64_MAX;

  // Screenshot mode: let layout settle for a few frames, then read the back buffer before the swap.
  int exit_code = -1;
  shell.after_render = [&](int width, int height) {
    if (!script.error().empty()) {
      std::fprintf(stderr, "agentreel-viewer: %s\n", script.error().c_str());
      exit_code = 1;
      return;
    }
    if (script_done_at == UINT64_MAX) {
      if (!script.done()) return;
      script_done_at = shell.frame_count();
    }
    if (shell.frame_count() < script_done_at + static_cast<uint64_t>(options.frames)) return;
    std::vector<uint8_t> pixels(static_cast<size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    if (glGetError() != GL_NO_ERROR) {
      std::fprintf(stderr, "agentreel-viewer: glReadPixels failed\n");
      exit_code = 2;
      return;
    }
    // GL rows run bottom-up; PNG rows top-down. Make it opaque: the canvas has no meaningful alpha.
    std::vector<uint8_t> flipped(pixels.size());
    const size_t row = static_cast<size_t>(width) * 4;
    for (int y = 0; y < height; ++y) {
      std::memcpy(&flipped[y * row], &pixels[(height - 1 - y) * row], row);
    }
    for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
    std::string write_error;
    if (!write_png_rgba(options.screenshot, width, height, flipped.data(), write_error)) {
      std::fprintf(stderr, "agentreel-viewer: %s\n", write_error.c_str());
      exit_code = 2;
      return;
    }
    std::printf("agentreel-viewer: wrote %s (%dx%d), %llu spans loaded, last frame %.2f ms\n",
                options.screenshot.c_str(), width, height,
                static_cast<unsigned long long>(shell.app().loaded_span_count()), shell.last_frame_ms());
    if (options.print_state) std::printf("agentreel-viewer: state %s\n", ViewerProbe(shell.app()).state_json().c_str());
    exit_code = shell.app().state() == LoadState::failed ? 3 : 0;
  };
  while (exit_code < 0) {
    if (!shell.frame()) {
      std::fprintf(stderr, "agentreel-viewer: window closed before the screenshot\n");
      return 2;
    }
  }
  return exit_code;
}

}  // namespace agentreel::viewer

int main(int argc, char** argv) { return agentreel::viewer::native_main(argc, argv); }
