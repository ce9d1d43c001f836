// SDL2 + OpenGL3 frame loop for native and web (see sdl_gl_app.h). The #ifdef __EMSCRIPTEN__s here pick the GL
// context version, hand the loop to the browser, and leave out the thread CPU clock the browser lacks.
#include "platform/sdl_gl_app.h"

#include <SDL.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdlib>

#include "app/fonts/fallback_fonts.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_impl_sdl2.h"

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#include <emscripten.h>
#else
#include <SDL_opengl.h>
#include <time.h>
#endif

namespace agentreel::viewer {

namespace {
// CPU time of the calling thread in ms; the browser has no such clock (-1 there). Natively it leaves out the
// time the frame spends blocked on other threads, e.g. Mesa llvmpipe's rasterizer threads finishing the last
// frame (with a GPU that work is not on the CPU at all).
double thread_cpu_ms() {
#ifdef __EMSCRIPTEN__
  return -1;
#else
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) * 1e-6;
#endif
}
}  // namespace

SdlGlApp::~SdlGlApp() {
  if (imgui_ready_) {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
  }
  if (gl_context_) SDL_GL_DeleteContext(gl_context_);
  if (window_) SDL_DestroyWindow(window_);
  SDL_Quit();
}

bool SdlGlApp::init(const WindowOptions& options, std::string& error) {
  requested_ui_scale_ = options.ui_scale;
  wait_when_idle_ = options.wait_when_idle;
  ignore_mouse_ = options.ignore_mouse;
  // X11: do not ask the compositor to bypass; harmless elsewhere.
  SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    error = std::string("SDL could not start its video subsystem: ") + SDL_GetError();
    return false;
  }
#ifdef __EMSCRIPTEN__
  // WebGL 2 (OpenGL ES 3.0).
  const char* glsl_version = nullptr;  // the backend picks the one matching how it was compiled
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
  const char* glsl_version = "#version 130";  // OpenGL 3.0
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#endif
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
  const Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  window_ = SDL_CreateWindow("agentreel", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width, options.height,
                             flags);
  if (!window_) {
    error = std::string("could not create a window: ") + SDL_GetError();
    return false;
  }
  gl_context_ = SDL_GL_CreateContext(window_);
  if (!gl_context_) {
#ifdef __EMSCRIPTEN__
    error = std::string("this browser could not create a WebGL 2 context: ") + SDL_GetError();
#else
    error = std::string("could not create an OpenGL 3.0 context: ") + SDL_GetError();
#endif
    return false;
  }
  SDL_GL_MakeCurrent(window_, gl_context_);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no imgui.ini next to the binary or in the browser's virtual FS
  // No keyboard navigation between widgets: the arrow keys pan the rail.
  io.ConfigWindowsMoveFromTitleBarOnly = true;
  if (!ImGui_ImplSDL2_InitForOpenGL(window_, gl_context_) || !ImGui_ImplOpenGL3_Init(glsl_version)) {
    error = "could not initialise Dear ImGui's SDL2/OpenGL3 backends";
    ImGui::DestroyContext();
    return false;
  }
  imgui_ready_ = true;
  update_display_scale(true);
  return true;
}

float SdlGlApp::detect_ui_scale() const {
  if (requested_ui_scale_ > 0) return requested_ui_scale_;
  if (const char* env = std::getenv("AGENTREEL_UI_SCALE")) {
    const float value = static_cast<float>(std::atof(env));
    if (value > 0) return value;
  }
#ifdef __EMSCRIPTEN__
  return 1.0f;  // CSS pixels are already scaled by the browser; devicePixelRatio goes into pixel_ratio
#else
  // On X11 and Windows logical pixels are physical: scale by the display's DPI (96 = 1x), in steps of 1/4.
  // Where the OS scales for us (macOS), the drawable is larger than the window and pixel_ratio covers it.
  int drawable_w = 0, window_w = 0, h = 0;
  SDL_GL_GetDrawableSize(window_, &drawable_w, &h);
  SDL_GetWindowSize(window_, &window_w, &h);
  if (window_w > 0 && drawable_w > window_w) return 1.0f;
  float ddpi = 0;
  const int display = std::max(SDL_GetWindowDisplayIndex(window_), 0);
  if (SDL_GetDisplayDPI(display, &ddpi, nullptr, nullptr) != 0 || !(ddpi >= 60 && ddpi <= 600)) return 1.0f;
  return std::clamp(std::round(ddpi / 96.0f * 4) / 4, 1.0f, 3.0f);
#endif
}

void SdlGlApp::update_display_scale(bool force) {
  int window_w = 0, window_h = 0, drawable_w = 0, drawable_h = 0;
  SDL_GetWindowSize(window_, &window_w, &window_h);
  SDL_GL_GetDrawableSize(window_, &drawable_w, &drawable_h);
  const float pixel_ratio = window_w > 0 && drawable_w > 0 ? static_cast<float>(drawable_w) / window_w : 1.0f;
  const float ui_scale = detect_ui_scale();
  // New text with codepoints beyond the atlas (app/fonts/fallback_fonts.h) rebuilds it too, at most once a frame.
  if (!force && std::fabs(pixel_ratio - app_.pixel_ratio()) < 0.01f && std::fabs(ui_scale - app_.ui_scale()) < 0.01f &&
      !fonts::FallbackFonts::instance().atlas_outdated()) {
    return;
  }
  app_.set_display_scale(ui_scale, pixel_ratio);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}

void SdlGlApp::set_title(const std::string& title) {
  if (window_) SDL_SetWindowTitle(window_, title.c_str());
}

bool SdlGlApp::frame() {
  bool keep_running = true;
  SDL_Event event;
  bool had_event = false;
#ifndef __EMSCRIPTEN__
  // Idle native windows sleep until something happens (or a tooltip/animation tick is due).
  if (wait_when_idle_ && idle_frames_ > 3) {
    if (SDL_WaitEventTimeout(&event, 250)) {
      had_event = true;
      ImGui_ImplSDL2_ProcessEvent(&event);
      if (event.type == SDL_QUIT) keep_running = false;
      if (event.type == SDL_DROPFILE) {
        if (on_drop_file) on_drop_file(event.drop.file);
        SDL_free(event.drop.file);
      }
    }
  }
#endif
  const Uint64 begin = SDL_GetPerformanceCounter();
  const double cpu_begin = thread_cpu_ms();
  while (SDL_PollEvent(&event)) {
    had_event = true;
    ImGui_ImplSDL2_ProcessEvent(&event);
    switch (event.type) {
      case SDL_QUIT: keep_running = false; break;
      case SDL_WINDOWEVENT:
        if (event.window.event == SDL_WINDOWEVENT_CLOSE && event.window.windowID == SDL_GetWindowID(window_)) {
          keep_running = false;
        }
        break;
      case SDL_DROPFILE:
        if (on_drop_file) on_drop_file(event.drop.file);
        SDL_free(event.drop.file);
        break;
      default: break;
    }
  }
  idle_frames_ = had_event ? 0 : idle_frames_ + 1;
  update_display_scale(false);

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  // Browsers' virtual time can stand still between frames; ImGui asserts on a zero DeltaTime.
  if (!(io.DeltaTime > 0)) io.DeltaTime = 1.0f / 1000.0f;
  if (ignore_mouse_) io.AddMousePosEvent(-FLT_MAX, -FLT_MAX);
  if (before_new_frame) before_new_frame();
  ImGui::NewFrame();
  app_.frame();
  if (app_.animating()) idle_frames_ = 0;  // playback: keep drawing while the playhead moves
  if (fonts::FallbackFonts::instance().atlas_outdated()) idle_frames_ = 0;  // draw the new glyphs next frame
  ImGui::Render();
  const Uint64 gl_begin = SDL_GetPerformanceCounter();

  int fb_w = 0, fb_h = 0;
  SDL_GL_GetDrawableSize(window_, &fb_w, &fb_h);
  glViewport(0, 0, fb_w, fb_h);
  glClearColor(22 / 255.0f, 24 / 255.0f, 29 / 255.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  ++frame_count_;
  const Uint64 end = SDL_GetPerformanceCounter();
  last_cpu_ms_ = cpu_begin < 0 ? -1 : thread_cpu_ms() - cpu_begin;
  const double ms_per_tick = 1000.0 / static_cast<double>(SDL_GetPerformanceFrequency());
  last_frame_ms_ = static_cast<double>(end - begin) * ms_per_tick;
  last_gl_ms_ = static_cast<double>(end - gl_begin) * ms_per_tick;
  const ImDrawData* drawn = ImGui::GetDrawData();
  last_vertices_ = static_cast<uint32_t>(drawn->TotalVtxCount);
  last_draw_calls_ = 0;
  for (const ImDrawList* list : drawn->CmdLists) last_draw_calls_ += static_cast<uint32_t>(list->CmdBuffer.Size);
  if (after_render) after_render(fb_w, fb_h);
  SDL_GL_SwapWindow(window_);
  return keep_running;
}

#ifdef __EMSCRIPTEN__
namespace {
void browser_frame(void* self) { static_cast<SdlGlApp*>(self)->frame(); }
}  // namespace

void SdlGlApp::run() {
  // 0 fps = requestAnimationFrame; simulate_infinite_loop = 1 keeps main()'s stack objects alive.
  emscripten_set_main_loop_arg(browser_frame, this, 0, 1);
}
#else
void SdlGlApp::run() {
  while (frame()) {
  }
}
#endif

}  // namespace agentreel::viewer
