// What the platform layer (viewer/platform: native SDL or the browser) offers the app. The app calls these
// and never includes SDL, GL or Emscripten headers itself. Empty functions mean "not available here".
#pragma once

#include <functional>
#include <string>

namespace agentreel::viewer {

struct PlatformHooks {
  // Shows the platform's file chooser; the chosen file arrives later through ViewerApp::open_bytes.
  std::function<void()> pick_file;
  // Opens a file by path (native only), reporting failures through ViewerApp::show_error.
  std::function<void(const std::string& path)> open_path;
  // How to open a file here, shown on the start screen ("Drop a bundle onto this window...").
  std::string open_hint;
  // The keyboard shortcut that opens a file, for tooltips and help ("Ctrl+O"; the browser's glue uses "O").
  std::string open_shortcut = "Ctrl+O";
  // Starts a job on another thread and returns a function that waits for it to end (native); empty where
  // there are no threads (the browser): such jobs run inline.
  std::function<std::function<void()>(std::function<void()>)> run_in_background;
  // Names the window (native) or the page (browser) after what is shown: "TITLE — agentreel".
  std::function<void(const std::string& title)> set_title;
};

}  // namespace agentreel::viewer
