// Scripted input for the native viewer's tests (--click TARGET, --key NAME, --type TEXT): feeds ImGui the
// mouse and key events a person would make, aimed at rectangles the last frame drew (UiProbe). One step at a
// time, a frame per event, waiting for its target to appear. ImGui's input queue only; no platform code.
#pragma once

#include <string>
#include <vector>

#include "app/automation/ui_probe.h"

namespace agentreel::viewer {

class ViewerApp;

class ScriptedInput {
 public:
  // "click:finding:0", "click:marker:1", "click:session:2", "click:disclosure:SPAN", "click:overview@0.75"
  // (a fraction across the strip), "key:C" (a key name: a letter, Enter, Escape...), "type:some text".
  // Returns false with `error` set for a step it cannot do.
  bool add(const std::string& step, std::string& error);
  bool empty() const { return steps_.empty(); }
  // Call after the platform queued its own events and before ImGui::NewFrame.
  void before_new_frame(const ViewerApp& app);
  bool done() const { return next_ >= steps_.size(); }
  // Set when a target never appeared.
  const std::string& error() const { return error_; }

 private:
  struct Step {
    enum Kind { click, key, type } kind = click;
    std::string target;     // click: UiProbe target; key: key name; type: text
    float fraction = 0.5f;  // click: where across the target (0 left .. 1 right)
  };
  std::vector<Step> steps_;
  size_t next_ = 0;
  int phase_ = 0;   // frames into the current step
  int waited_ = 0;  // frames spent waiting for the current target
  float x_ = 0, y_ = 0;
  ProbeRect last_;  // the current target's rectangle in the previous frame
  std::string error_;
};

}  // namespace agentreel::viewer
