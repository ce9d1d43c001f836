// The web viewer's entry point and its C API for the page's JavaScript (web/js/viewer_glue.js).
// JS hands bundle bytes over with agentreel_open_bundle and reads state for tests with the getters below;
// C++ asks JS to show the file chooser and reports fatal errors through Module callbacks.
#include <emscripten.h>
#include <emscripten/heap.h>
#include <malloc.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <tuple>
#include <vector>

#include "app/automation/bench_script.h"
#include "app/automation/viewer_probe.h"
#include "app/document.h"
#include "app/fonts/fallback_fonts.h"
#include "convert/convert_in_memory.h"
#include "core/base64.h"
#include "imgui.h"
#include "platform/sdl_gl_app.h"

namespace {

agentreel::viewer::SdlGlApp* g_shell = nullptr;

// clang-format off
EM_JS(void, js_pick_file, (), {
  if (Module["agentreelPickFile"]) Module["agentreelPickFile"]();
});
// browser_problem: the browser lacks something the viewer needs (the page then says which browsers work).
EM_JS(void, js_fatal, (const char* message, int browser_problem), {
  var text = UTF8ToString(message);
  if (Module["agentreelFatal"]) Module["agentreelFatal"](text, !!browser_problem); else console.error(text);
});
EM_JS(void, js_state_changed, (), {
  if (Module["agentreelStateChanged"]) Module["agentreelStateChanged"]();
});
// SDL 2.26 has no clipboard in the browser: ImGui's Copy goes through the page (navigator.clipboard needs the
// click's user activation, which the frame right after it still has).
EM_JS(void, js_set_clipboard, (const char* text), {
  if (Module["agentreelCopy"]) Module["agentreelCopy"](UTF8ToString(text));
});
EM_JS(void, js_set_title, (const char* text), { document.title = UTF8ToString(text); });
// clang-format on

// operator new's handler when the heap cannot grow (the page's wasm memory is capped at 4 GiB, and a browser may
// refuse earlier): say so in the page instead of the bare "Aborted()" that would follow, then stop. Uses no
// heap: the message is formatted on the stack.
void report_out_of_memory() {
  std::set_new_handler(nullptr);
  char message[320];
  std::snprintf(message, sizeof message,
                "The viewer ran out of memory: it holds %.2f GiB, and a browser page can use at most 4 GiB. "
                "Open a smaller bundle, or open this one in the native viewer (agentreel-viewer), which has no "
                "such limit.",
                double(emscripten_get_heap_size()) / double(1 << 30));
  js_fatal(message, 0);
  std::abort();
}

}  // namespace

extern "C" {

// Opens the `size` bytes at `data` as a bundle. Takes ownership of `data`, which must come from _malloc
// (it is freed when the bundle is closed). `name` (UTF-8; 0 or "" = name it after its inputs) is shown as the
// file name.
// Returns 1 if the bundle opened, 0 if the UI now shows why it could not, -1 before the viewer started.
EMSCRIPTEN_KEEPALIVE int agentreel_open_bundle(uint8_t* data, size_t size, const char* name) {
  if (!g_shell) {
    std::free(data);
    return -1;
  }
  auto source = std::make_unique<agentreel::OwnedMemorySource>(data, size, std::free);
  g_shell->app().open_bytes(std::move(source), name ? name : "");
  js_state_changed();
  return g_shell->app().state() == agentreel::viewer::LoadState::loaded ? 1 : 0;
}

// The embedded bundle's base64 text, decoded in wasm where the browser has no Uint8Array.prototype.setFromBase64:
// the page writes each piece of text into the heap (TextEncoder.encodeInto) and calls feed, which appends the
// piece's bytes at `out`. A JavaScript byte loop over atob's output took most of the page's open time for a
// 90 MB bundle.
agentreel::Base64Decoder g_base64;

EMSCRIPTEN_KEEPALIVE void agentreel_base64_begin() { g_base64 = agentreel::Base64Decoder(); }

// Bytes written (room needed: n / 4 * 3 + 3), or -1 on text that is not base64.
EMSCRIPTEN_KEEPALIVE int agentreel_base64_feed(const char* text, size_t n, uint8_t* out) {
  return static_cast<int>(g_base64.feed(std::string_view(text, n), out));
}

// 1 when the text ended cleanly (whole quads, padding in place).
EMSCRIPTEN_KEEPALIVE int agentreel_base64_end() { return g_base64.finish() ? 1 : 0; }

// Shows `message` (UTF-8) in the viewer as the reason `name` could not be opened (a failure the page found
// before the viewer saw any bytes, such as damaged base64, so the hint is the one for a damaged bundle).
// Log files dropped or picked (not bundles), handed over one by one before agentreel_logs_open converts them all
// into one bundle in memory with the same readers as `agentreel convert`: nothing leaves the page.
struct DroppedLog {
  std::string path;
  std::unique_ptr<uint8_t, decltype(&std::free)> bytes{nullptr, &std::free};
  size_t size = 0;
  bool in_folder = false;
};
std::vector<DroppedLog> g_logs;

// Adds one file: `path` (UTF-8) relative to what was dropped ("run/session.jsonl" for a file in a dropped folder),
// `in_folder` 1 when it came from a folder (then a file in no known format is kept unparsed, as `convert DIR`
// does). Takes ownership of `data` (from _malloc).
EMSCRIPTEN_KEEPALIVE void agentreel_logs_add(const char* path, uint8_t* data, size_t size, int in_folder) {
  DroppedLog log;
  log.path = path ? path : "";
  log.bytes.reset(data);
  log.size = size;
  log.in_folder = in_folder != 0;
  g_logs.push_back(std::move(log));
}

// Converts the files added since the last call and opens the result, named `name`. Returns as
// agentreel_open_bundle does; a file in no known format, or nothing readable at all, shows why in the page.
EMSCRIPTEN_KEEPALIVE int agentreel_logs_open(const char* name) {
  std::vector<DroppedLog> logs = std::move(g_logs);
  g_logs.clear();
  if (!g_shell) return -1;
  std::vector<agentreel::InputBytes> inputs;
  for (const DroppedLog& log : logs) {
    inputs.push_back(
        {log.path, std::string_view(reinterpret_cast<const char*>(log.bytes.get()), log.size), log.in_folder});
  }
  auto bundle = agentreel::convert_to_bundle_bytes(inputs);
  logs.clear();  // the bundle holds every byte now
  const std::string shown = name ? name : "";
  if (!bundle.is_ok()) {
    g_shell->app().show_error(shown, bundle.status().message(), bundle.status().code());
  } else {
    g_shell->app().open_bytes(std::make_unique<agentreel::OwnedMemorySource>(bundle.take()), shown);
  }
  js_state_changed();
  return g_shell->app().state() == agentreel::viewer::LoadState::loaded ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void agentreel_show_error(const char* name, const char* message) {
  if (!g_shell) return;
  g_shell->app().show_error(name ? name : "", message ? message : "", agentreel::ErrorCode::corrupt_structure);
  js_state_changed();
}

// Adds a font (`size` bytes at `data`, which this call copies; `name` UTF-8) whose glyphs the atlas takes for
// characters the embedded fonts lack: the page's subsets made by `agentreel html`, handed over before the bundle.
EMSCRIPTEN_KEEPALIVE void agentreel_add_font(const uint8_t* data, size_t size, const char* name) {
  if (!data || size == 0) return;
  agentreel::viewer::fonts::FallbackFonts::instance().add_font(name ? name : "",
                                                               std::string(reinterpret_cast<const char*>(data), size));
}

// 0 no bundle yet, 1 loaded, 2 failed (see agentreel_error_message), -1 the viewer did not start.
EMSCRIPTEN_KEEPALIVE int agentreel_state() {
  if (!g_shell) return -1;
  switch (g_shell->app().state()) {
    case agentreel::viewer::LoadState::empty: return 0;
    case agentreel::viewer::LoadState::loaded: return 1;
    case agentreel::viewer::LoadState::failed: return 2;
  }
  return -1;
}

EMSCRIPTEN_KEEPALIVE double agentreel_loaded_span_count() {
  return g_shell ? static_cast<double>(g_shell->app().loaded_span_count()) : 0;
}

EMSCRIPTEN_KEEPALIVE double agentreel_session_count() {
  const auto* doc = g_shell ? g_shell->app().document() : nullptr;
  return doc ? static_cast<double>(doc->trace().sessions.size()) : 0;
}

// The failure message of the last open (empty when it succeeded). Valid until the next open.
EMSCRIPTEN_KEEPALIVE const char* agentreel_error_message() {
  return g_shell ? g_shell->app().error_message().c_str() : "the viewer did not start";
}

EMSCRIPTEN_KEEPALIVE int agentreel_select_span(uint32_t span) {
  return g_shell && g_shell->app().select_span(span) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE double agentreel_frame_count() {
  return g_shell ? static_cast<double>(g_shell->frame_count()) : 0;
}

// CPU milliseconds spent inside the last frame (events, UI, GL calls), not counting waiting for vsync.
EMSCRIPTEN_KEEPALIVE double agentreel_last_frame_ms() { return g_shell ? g_shell->last_frame_ms() : 0; }

EMSCRIPTEN_KEEPALIVE double agentreel_rail_item_count() {
  return g_shell ? static_cast<double>(agentreel::viewer::ViewerProbe(g_shell->app()).rail_item_count()) : 0;
}

// Selection and session for the page's URL hash (#session=ID&span=N): -1 when nothing is selected.
EMSCRIPTEN_KEEPALIVE double agentreel_selected_span() {
  if (!g_shell || g_shell->app().state() != agentreel::viewer::LoadState::loaded) return -1;
  const uint32_t span = g_shell->app().selected_span();
  return span == agentreel::kNoSpan ? -1 : static_cast<double>(span);
}

// The shown session's id (UTF-8), "" when none. Valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* agentreel_session_id() {
  static std::string id;
  id = g_shell ? g_shell->app().current_session_id() : std::string();
  return id.c_str();
}

EMSCRIPTEN_KEEPALIVE int agentreel_select_session(const char* id) {
  return g_shell && id && g_shell->app().select_session(id) ? 1 : 0;
}

// Types `query` into the find box; returns the number of matches in the shown session.
EMSCRIPTEN_KEEPALIVE double agentreel_find(const char* query) {
  return g_shell ? static_cast<double>(g_shell->app().set_find_query(query ? query : "")) : 0;
}

// The scripted bench session (bench_script.h), paced like real use: one step per frame of the page's own
// requestAnimationFrame loop, so the browser presents every frame and its GPU process keeps up. (Running all
// steps in one JavaScript task queued hundreds of unpresented frames and stalled single GL calls for 17-42 s in
// headless Chromium.) open_ms / first_frame_ms / heap_before come from the page (it opened the bundle).
struct PacedBench {
  std::unique_ptr<agentreel::viewer::BenchScript> script;
  agentreel::viewer::BenchTimings timings;
  int step = 0;  // the scripted step the next frame applies
  std::string report;
};
std::unique_ptr<PacedBench> g_bench;

void bench_before_frame() {
  if (g_bench && g_bench->report.empty()) g_bench->script->before_frame(g_bench->step);
}

void bench_after_frame() {
  if (!g_bench || !g_bench->report.empty()) return;
  agentreel::viewer::BenchTimings& timings = g_bench->timings;
  timings.frame_ms.push_back(g_shell->last_frame_ms());
  timings.gl_ms.push_back(g_shell->last_gl_ms());
  timings.vertices.push_back(g_shell->last_vertices());
  timings.draw_calls.push_back(g_shell->last_draw_calls());
  if (++g_bench->step < agentreel::viewer::BenchScript::kFrames) return;
  timings.memory_bytes = static_cast<uint64_t>(mallinfo().uordblks);
  if (const agentreel::viewer::Document* document = g_shell->app().document()) {
    timings.hot = agentreel::viewer::hot_memory(*document);
  }
  std::string report = agentreel::viewer::bench_report_json(timings);
  report.pop_back();  // add the heap's total size (what the tab holds) to the JSON object
  report += ",\"wasm_heap_size\":" + std::to_string(emscripten_get_heap_size()) + ",\"paced\":true}";
  g_bench->report = std::move(report);
}

// Starts the bench on the loaded bundle: the next BenchScript::kFrames frames of the page's loop run its steps.
// 1 when started, 0 without a loaded bundle.
EMSCRIPTEN_KEEPALIVE int agentreel_bench_start(double open_ms, double first_frame_ms, double heap_before) {
  if (!g_shell || g_shell->app().state() != agentreel::viewer::LoadState::loaded) return 0;
  g_bench = std::make_unique<PacedBench>();
  g_bench->script = std::make_unique<agentreel::viewer::BenchScript>(g_shell->app());
  agentreel::viewer::BenchTimings& timings = g_bench->timings;
  timings.open_ms = open_ms;
  timings.first_frame_ms = first_frame_ms;
  timings.memory_before_open = static_cast<uint64_t>(heap_before);
  timings.memory_kind = "wasm_heap_in_use";
  timings.spans = g_shell->app().loaded_span_count();
  g_shell->before_new_frame = bench_before_frame;
  g_shell->after_render = [](int, int) { bench_after_frame(); };
  return 1;
}

// The bench's JSON report once its last step ran; 0 before.
EMSCRIPTEN_KEEPALIVE const char* agentreel_bench_report() {
  return g_bench && !g_bench->report.empty() ? g_bench->report.c_str() : nullptr;
}

// The app's state as JSON (ViewerApp::state_json: selection, visible window, diagnosis of the shown session,
// the last frame's clickable rectangles in CSS pixels). Valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* agentreel_state_json() {
  static std::string json;
  json = g_shell ? agentreel::viewer::ViewerProbe(g_shell->app()).state_json() : std::string("{\"loaded\":false}");
  return json.c_str();
}

// 1 while an ImGui text box (the find box, a path field) has the keyboard: the page's O shortcut must let the
// letter through to it instead of opening the file chooser.
EMSCRIPTEN_KEEPALIVE int agentreel_wants_text_input() {
  return g_shell && ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput ? 1 : 0;
}

// Bytes malloc has handed out now (the bench's memory baseline).
EMSCRIPTEN_KEEPALIVE double agentreel_heap_in_use() { return static_cast<double>(mallinfo().uordblks); }

}  // extern "C"

// The fallback subsets compiled into the page (viewer/CMakeLists.txt), tried after the page's own subsets.
namespace agentreel::viewer::embedded {
extern const unsigned char noto_sans_common[];
extern const size_t noto_sans_common_size;
extern const unsigned char noto_sans_cjk_common[];
extern const size_t noto_sans_cjk_common_size;
}  // namespace agentreel::viewer::embedded

int main() {
  std::set_new_handler(report_out_of_memory);
  namespace embedded = agentreel::viewer::embedded;
  for (const auto& [name, data, size] :
       {std::tuple{"NotoSans-common", embedded::noto_sans_common, embedded::noto_sans_common_size},
        std::tuple{"NotoSansCJK-common", embedded::noto_sans_cjk_common, embedded::noto_sans_cjk_common_size}}) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    agentreel::viewer::fonts::FallbackFonts::instance().add_source(name, 0, [bytes] { return bytes; });
  }
  agentreel::viewer::PlatformHooks hooks;
  hooks.pick_file = [] { js_pick_file(); };
  hooks.open_hint =
      "Drop a bundle (.reel), or agent logs (files or a folder), anywhere on this page, or press O to choose. "
      "Logs are read here, in the page: nothing is uploaded.";
  hooks.open_shortcut = "O";
  hooks.set_title = [](const std::string& title) { js_set_title(title.c_str()); };
  static agentreel::viewer::SdlGlApp shell(std::move(hooks));
  agentreel::viewer::WindowOptions options;
  std::string error;
  if (!shell.init(options, error)) {
    js_fatal(error.c_str(), 1);
    return 1;
  }
  g_shell = &shell;
  ImGui::GetIO().SetClipboardTextFn = [](void*, const char* text) { js_set_clipboard(text); };
  js_state_changed();
  shell.run();
  return 0;
}
