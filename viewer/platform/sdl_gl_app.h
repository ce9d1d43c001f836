// The one SDL2 + OpenGL3 window and frame loop shared by the native viewer and the web viewer: creates the
// window and GL context, feeds SDL events to ImGui, keeps fonts matched to the display scale, and runs
// ViewerApp each frame. Native and browser differences stay in native_main.cpp / web_main.cpp.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "app/viewer_app.h"

struct SDL_Window;

namespace agentreel::viewer {

struct WindowOptions {
  int width = 1440;  // logical pixels (the browser ignores these: the canvas fills the page)
  int height = 900;
  float ui_scale = 0;          // 0 = from the display's DPI
  bool wait_when_idle = true;  // native: sleep in SDL_WaitEventTimeout while nothing happens
  bool ignore_mouse = false;   // screenshots: no hover effects from wherever the pointer happens to be
};

class SdlGlApp {
 public:
  explicit SdlGlApp(PlatformHooks hooks) : app_(std::move(hooks)) {}
  ~SdlGlApp();
  SdlGlApp(const SdlGlApp&) = delete;
  SdlGlApp& operator=(const SdlGlApp&) = delete;

  // Creates the window, GL context and ImGui; on failure returns false with a message in `error`.
  bool init(const WindowOptions& options, std::string& error);
  // One frame: events, ImGui frame, render, swap. Returns false once the user closed the window.
  bool frame();
  // Native: loops until closed. Web: hands frame() to the browser's animation loop and returns.
  void run();

  ViewerApp& app() { return app_; }
  SDL_Window* window() const { return window_; }
  uint64_t frame_count() const { return frame_count_; }
  double last_frame_ms() const { return last_frame_ms_; }  // wall time inside frame(), without the swap wait
  // CPU time of the calling thread inside frame() (natively; -1 on the web, which has no such clock). Below
  // last_frame_ms() by the time the thread was blocked, e.g. on a software rasterizer's threads.
  double last_cpu_ms() const { return last_cpu_ms_; }
  // The part of last_frame_ms() spent handing the draw data to GL (clear + ImGui's GL backend). With a
  // software rasterizer (Mesa llvmpipe under Xvfb, SwiftShader) the driver does real work in there; on a GPU
  // it is a buffer upload. The rest of the frame is the app's own: input, UI, rail, ImGui::Render.
  double last_gl_ms() const { return last_gl_ms_; }
  uint32_t last_vertices() const { return last_vertices_; }  // vertices ImGui drew in the last frame
  // Draw commands (one GL draw call each) in the last frame: each new clip rectangle starts one.
  uint32_t last_draw_calls() const { return last_draw_calls_; }
  void set_title(const std::string& title);

  // Called for a file dropped on the window (SDL_DROPFILE; native).
  std::function<void(const std::string& path)> on_drop_file;
  // Called after the frame's SDL events were queued, just before ImGui::NewFrame (scripted input).
  std::function<void()> before_new_frame;
  // Called after ImGui's draw data is rendered into the back buffer, before the swap (screenshots).
  std::function<void(int framebuffer_width, int framebuffer_height)> after_render;

 private:
  void update_display_scale(bool force);
  float detect_ui_scale() const;

  ViewerApp app_;
  SDL_Window* window_ = nullptr;
  void* gl_context_ = nullptr;
  bool imgui_ready_ = false;
  float requested_ui_scale_ = 0;
  bool wait_when_idle_ = true;
  bool ignore_mouse_ = false;
  int idle_frames_ = 0;
  uint64_t frame_count_ = 0;
  double last_frame_ms_ = 0;
  double last_gl_ms_ = 0;
  double last_cpu_ms_ = -1;
  uint32_t last_vertices_ = 0;
  uint32_t last_draw_calls_ = 0;
};

}  // namespace agentreel::viewer
